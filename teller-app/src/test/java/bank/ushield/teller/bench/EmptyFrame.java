package bank.ushield.teller.bench;

import java.lang.management.ManagementFactory;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/** The cold-start reference: a JVM that shows one empty frame and reports when it is shown. */
public final class EmptyFrame {

    private EmptyFrame() {
    }

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> {
            JFrame f = new JFrame("reference");
            f.setSize(400, 300);
            f.setLocationRelativeTo(null);
            f.setVisible(true);
            SwingUtilities.invokeLater(() -> {
                System.out.println("login-window-shown-ms "
                        + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
                System.exit(0);
            });
        });
    }
}
