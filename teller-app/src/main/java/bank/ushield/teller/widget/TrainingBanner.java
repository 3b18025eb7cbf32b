package bank.ushield.teller.widget;

import javax.swing.JLabel;
import javax.swing.SwingConstants;

import bank.ushield.teller.i18n.Texts;

/** The training-mode banner and title suffix: on every window of a training workstation, never hidden. */
public final class TrainingBanner {

    private static final Texts TEXT = Texts.named("bank.ushield.teller.shell.Shell");

    private TrainingBanner() {
    }

    public static JLabel create() {
        JLabel banner = new JLabel(TEXT.get("Shell.training.banner"), SwingConstants.CENTER);
        banner.setName("trainingBanner");
        banner.putClientProperty("FlatLaf.styleClass", "trainingBanner");
        return banner;
    }

    /** A window title, with the training mark when in training mode. */
    public static String title(boolean training, String title) {
        return training ? TEXT.format("Shell.training.title", title) : title;
    }
}
