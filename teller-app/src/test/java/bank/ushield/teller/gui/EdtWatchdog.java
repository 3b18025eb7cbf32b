package bank.ushield.teller.gui;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;

/**
 * Measures how long each event keeps the EDT busy, so a test can report the longest stall of a whole flow
 * (the UI must never freeze: token, database and sync work belongs off the EDT).
 */
public final class EdtWatchdog extends EventQueue {

    private volatile long longestNanos;
    private volatile String longestEvent = "";
    private volatile long events;

    public static EdtWatchdog install() {
        EdtWatchdog w = new EdtWatchdog();
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(w);
        return w;
    }

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long start = System.nanoTime();
        try {
            super.dispatchEvent(event);
        } finally {
            long took = System.nanoTime() - start;
            events++;
            if (took > longestNanos) {
                longestNanos = took;
                longestEvent = event.getClass().getSimpleName() + " " + event.paramString();
            }
        }
    }

    /** Forget what was measured so far (e.g. the first window's class loading). */
    public void reset() {
        longestNanos = 0;
        longestEvent = "";
        events = 0;
    }

    public double longestMillis() {
        return longestNanos / 1e6;
    }

    public String longestEvent() {
        return longestEvent.length() > 160 ? longestEvent.substring(0, 160) : longestEvent;
    }

    public long events() {
        return events;
    }

    public void uninstall() {
        pop();
    }
}
