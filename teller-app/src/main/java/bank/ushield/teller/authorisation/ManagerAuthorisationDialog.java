package bank.ushield.teller.authorisation;

import java.awt.Component;
import java.awt.Window;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.widget.DialogKeys;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.RenewalCase;

/**
 * Dual control at the teller's screen: the manager types their own login and password to authorise the one
 * exception the case waits for. The renewal module checks the role, refuses the case's own teller, and records
 * the authorisation naming both people.
 */
public final class ManagerAuthorisationDialog extends JDialog {

    private static final Texts TEXT = Texts.of(ManagerAuthorisationDialog.class, "Authorisation");

    private final JTextField login = new JTextField(16);
    private final JPasswordField password = new JPasswordField(16);
    /** The manager's reason in words: audited; required to go on without the online ID verification. */
    private final JTextField reason = new JTextField(30);
    private final JLabel message = new JLabel(" ");
    private final JButton ok = new JButton(TEXT.get("Authorisation.ok"));

    /** Asks renewal for the manager's authorisation; refused with a problem, or granted. */
    @FunctionalInterface
    public interface Authoriser {
        void authorise(String managerLogin, char[] password, String reason,
                       java.util.function.Consumer<Problem.Explanation> refused, Runnable granted);
    }

    private ManagerAuthorisationDialog(Window owner, RenewalCase renewalCase, String exception, Authoriser model) {
        this(owner, TEXT.format("Authorisation.what", renewalCase.caseNo(), renewalCase.tellerLogin(),
                // The exception by its name, as the manager's review shows it (the stored code means nothing here).
                bank.ushield.teller.manager.AuditLabels.reason(exception)), TEXT.get("Authorisation.reason"), model);
    }

    private ManagerAuthorisationDialog(Window owner, String whatText, String reasonLabel, Authoriser model) {
        super(owner, TEXT.get("Authorisation.title"), ModalityType.APPLICATION_MODAL);
        setName("managerDialog");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 2", "[right][grow,fill]"));
        JLabel heading = new JLabel(TEXT.get("Authorisation.heading"));
        heading.putClientProperty("FlatLaf.styleClass", "h3");
        content.add(heading, "span 2, left");
        JLabel what = new JLabel("<html><div style='width:420px'>" + whatText + "</div></html>");
        what.setName("managerWhat");
        content.add(what, "span 2, left, gapbottom para");
        login.setName("managerLogin");
        password.setName("managerPassword");
        content.add(new JLabel(TEXT.get("Authorisation.login")));
        content.add(login);
        content.add(new JLabel(TEXT.get("Authorisation.password")));
        content.add(password);
        reason.setName("managerReason");
        content.add(new JLabel(reasonLabel));
        content.add(reason);
        message.setName("managerMessage");
        message.putClientProperty("FlatLaf.styleClass", "fieldError");
        content.add(message, "skip");
        ok.setName("managerOk");
        JButton cancel = new JButton(TEXT.get("Authorisation.cancel"));
        cancel.setName("managerCancel");
        content.add(ok, "span 2, split 2, tag ok, growx 0");
        content.add(cancel, "tag cancel, growx 0");
        getRootPane().setDefaultButton(ok);
        ok.addActionListener(e -> {
            char[] secret = password.getPassword();
            password.setText("");
            if (login.getText().isBlank() || secret.length == 0) {
                java.util.Arrays.fill(secret, '\0');
                return;
            }
            ok.setEnabled(false);
            message.setText(TEXT.get("Authorisation.checking"));
            model.authorise(login.getText().strip(), secret, reason.getText().strip(), problem -> {
                ok.setEnabled(true);
                message.setText("<html><div style='width:360px'>" + problem.problem() + "</div></html>");
                password.requestFocusInWindow();
            }, this::dispose);
        });
        cancel.addActionListener(e -> dispose());
        DialogKeys.onEscape(this, this::dispose);
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
    }

    /** Opens the dialog over the wizard; returns when it closes. */
    public static void open(Component parent, RenewalCase renewalCase, String exception, Authoriser authoriser) {
        Window owner = SwingUtilities.getWindowAncestor(parent);
        new ManagerAuthorisationDialog(owner, renewalCase, exception, authoriser).setVisible(true);
    }

    /**
     * Opens the dialog for taking over case {@code caseNo}, which another workstation holds as {@code heldWords}
     * says (ADR 0087: that counter stopped or its teller left); the reason is required. Returns when it closes.
     */
    public static void openTakeOver(Component parent, String caseNo, String heldWords, Authoriser authoriser) {
        Window owner = SwingUtilities.getWindowAncestor(parent);
        new ManagerAuthorisationDialog(owner, TEXT.format("Authorisation.takeOver.what", caseNo, heldWords),
                TEXT.get("Authorisation.takeOver.reason"), authoriser).setVisible(true);
    }
}
