package bank.ushield.teller.training;

import javax.swing.JLabel;
import javax.swing.SwingConstants;

import bank.ushield.teller.shell.HomeScreen;

/** A home screen that says why the role's screen cannot be used on this workstation (instead of failing). */
public final class Unavailable {

    private Unavailable() {
    }

    public static HomeScreen screen(String why) {
        JLabel label = new JLabel(why, SwingConstants.CENTER);
        label.setName("screenUnavailable");
        return () -> label;
    }

}
