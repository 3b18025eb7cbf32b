package bank.ushield.teller.theme;

import javax.swing.SwingUtilities;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;


/**
 * Installs FlatLaf with the workstation's custom defaults (colours, the CJK-capable default font, the training
 * banner) from the properties files in this package: no colours in view code.
 */
public final class Themes {

    private static boolean registered;

    private Themes() {
    }

    /** Call before the first component is created (on the main thread at start, or on the EDT when switching). */
    public static synchronized void install(Theme theme) {
        if (!registered) {
            FlatLaf.registerCustomDefaultsSource("bank.ushield.teller.themes");
            registered = true;
        }
        if (theme == Theme.DARK) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** Switches a running app's theme; on the EDT. */
    public static void switchTo(Theme theme) {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("Theme switch must run on the EDT");
        }
        install(theme);
        FlatLaf.updateUI();
    }
}
