package bank.ushield.teller.shell;

import javax.swing.JComponent;
import javax.swing.JFrame;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.settings.WorkstationContext;

/** What a home screen may ask of the shell around it. */
public interface ShellContext {

    StaffSession session();

    WorkstationContext workstation();

    /** The workstation window, as owner of dialogs. */
    JFrame frame();

    /** Shows a work screen (a wizard) in place of the home screen, keeping header and training banner. */
    void showWork(JComponent work);

    /** Returns from a work screen to the home screen (which is told {@link HomeScreen#shown()}). */
    void showHome();

    /** Locks the screen now (the Lock button); the open work stays as it is. */
    void lock();

    /** Sets the text of the status bar at the bottom. */
    void status(String text);

    /**
     * Runs {@code beforeLogout} once when this session logs out (the window closed, Ctrl+Q, the lock screen's log
     * out) before the window goes: e.g. a trainee's practice run is scored rather than lost.
     */
    default void onLogout(Runnable beforeLogout) {
    }
}
