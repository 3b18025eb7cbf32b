package bank.ushield.teller.shell;

import java.util.EnumMap;
import java.util.Map;

import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.SwingConstants;

import bank.ushield.renewal.staff.Role;
import bank.ushield.teller.i18n.Texts;

/** The home screen of each role, as the composition root built them. */
public final class HomeScreens {

    private static final Texts TEXT = Texts.of(HomeScreens.class, "Shell");

    private final Map<Role, HomeScreenFactory> byRole;

    public HomeScreens(Map<Role, HomeScreenFactory> byRole) {
        this.byRole = byRole.isEmpty() ? new EnumMap<>(Role.class) : new EnumMap<>(byRole);
    }

    /** No home screens at all (a shell test's workstation). */
    public static HomeScreens none() {
        return new HomeScreens(Map.of());
    }

    public HomeScreen forRole(ShellContext context) {
        HomeScreenFactory f = byRole.get(context.session().role());
        if (f != null) {
            return f.create(context);
        }
        // Said plainly instead of an empty window: this role's screens are not part of this build.
        JLabel none = new JLabel(TEXT.get("Shell.home.missing"), SwingConstants.CENTER);
        none.setName("homeMissing");
        return () -> (JComponent) none;
    }
}
