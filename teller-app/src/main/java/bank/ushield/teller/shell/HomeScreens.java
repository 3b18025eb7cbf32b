package bank.ushield.teller.shell;

import java.util.ServiceLoader;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.SwingConstants;

import bank.ushield.teller.i18n.Texts;

/** Finds the home screen of a role among the installed {@link HomeScreenFactory}s. */
public final class HomeScreens {

    private static final Texts TEXT = Texts.of(HomeScreens.class, "Shell");

    private HomeScreens() {
    }

    public static HomeScreen forRole(ShellContext context) {
        Role role = context.session().role();
        for (HomeScreenFactory f : ServiceLoader.load(HomeScreenFactory.class, HomeScreens.class.getClassLoader())) {
            if (f.role() == role) {
                return f.create(context);
            }
        }
        // Said plainly instead of an empty window: this role's screens are not part of this build.
        JLabel none = new JLabel(TEXT.get("Shell.home.missing"), SwingConstants.CENTER);
        none.setName("homeMissing");
        return () -> (JComponent) none;
    }
}
