package bank.ushield.teller.lock;

import java.awt.AWTEvent;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.AWTEventListener;
import java.time.Duration;
import java.util.function.LongSupplier;

import javax.swing.Timer;

/**
 * Locks the workstation after a time without keyboard or mouse input. Waits while a modal dialog is open (the
 * customer may be typing the token PIN), so a lock never cuts a dialog in half.
 */
public final class IdleMonitor {

    private static final long INPUT_MASK = AWTEvent.KEY_EVENT_MASK | AWTEvent.MOUSE_EVENT_MASK
            | AWTEvent.MOUSE_MOTION_EVENT_MASK | AWTEvent.MOUSE_WHEEL_EVENT_MASK;

    private final Duration idle;
    private final Runnable lock;
    private final LongSupplier nanoClock;
    private final AWTEventListener listener = e -> touch();
    private final Timer timer;
    private volatile long lastInput;

    public IdleMonitor(Duration idle, Runnable lock) {
        this(idle, lock, System::nanoTime);
    }

    IdleMonitor(Duration idle, Runnable lock, LongSupplier nanoClock) {
        this.idle = idle;
        this.lock = lock;
        this.nanoClock = nanoClock;
        this.lastInput = nanoClock.getAsLong();
        this.timer = new Timer(1000, e -> check());
    }

    public void start() {
        touch();
        Toolkit.getDefaultToolkit().addAWTEventListener(listener, INPUT_MASK);
        timer.start();
    }

    public void stop() {
        timer.stop();
        Toolkit.getDefaultToolkit().removeAWTEventListener(listener);
    }

    /** Input happened: the idle time starts again. */
    public void touch() {
        lastInput = nanoClock.getAsLong();
    }

    void check() {
        if (nanoClock.getAsLong() - lastInput < idle.toNanos() || modalDialogOpen()) {
            return;
        }
        touch();
        lock.run();
    }

    private static boolean modalDialogOpen() {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w instanceof java.awt.Dialog d && d.isModal()) {
                return true;
            }
        }
        return false;
    }
}
