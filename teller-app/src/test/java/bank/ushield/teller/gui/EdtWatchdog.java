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

    /** Counts modal dialogs opened: an event that opened one waited for a person, it did not stall the EDT. */
    private volatile long modalsOpened;

    public static EdtWatchdog install() {
        EdtWatchdog w = new EdtWatchdog();
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
            if (e.getID() == java.awt.event.WindowEvent.WINDOW_OPENED && e.getSource() instanceof java.awt.Dialog d
                    && d.isModal()) {
                w.modalsOpened++;
            }
        }, AWTEvent.WINDOW_EVENT_MASK);
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(w);
        return w;
    }

    /** Time spent in nested event loops (a modal dialog) per dispatch level: that time the EDT was not stalled. */
    private final java.util.ArrayDeque<long[]> nested = new java.util.ArrayDeque<>();

    @Override
    protected void dispatchEvent(AWTEvent event) {
        long start = System.nanoTime();
        long modalsBefore = modalsOpened;
        nested.push(new long[1]);
        try {
            super.dispatchEvent(event);
        } finally {
            long whole = System.nanoTime() - start;
            long took = whole - nested.pop()[0];
            if (!nested.isEmpty()) {
                nested.peek()[0] += whole;
            }
            events++;
            if (modalsOpened == modalsBefore && took > longestNanos) {
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
