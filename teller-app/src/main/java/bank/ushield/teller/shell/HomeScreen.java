package bank.ushield.teller.shell;

import javax.swing.JComponent;

/**
 * The main screen of one role (teller home, manager review, trainer console), shown in the workstation frame
 * after login. Each role's package provides one through a {@link HomeScreenFactory}.
 */
public interface HomeScreen {

    /** The component that fills the frame below the header. */
    JComponent component();

    /** Called each time the screen becomes visible again (after login, unlock or a finished wizard). */
    default void shown() {
    }

    /** Whether the user may log out now; a screen with unsaved work explains itself and returns false. */
    default boolean mayLogOut() {
        return true;
    }
}
