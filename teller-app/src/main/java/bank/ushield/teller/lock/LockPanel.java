package bank.ushield.teller.lock;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.login.LoginModel;
import bank.ushield.renewal.staff.SignInResult;
import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The lock screen: covers the work (which stays as it is, with its open case) until the same member of staff
 * types their password again, or another member of staff signs in here, which logs the locked session out (its
 * log-out steps run, e.g. a trainee's practice is scored; an open case stays open to be taken up later).
 */
public final class LockPanel extends JPanel {

    private static final Texts TEXT = Texts.of(LockPanel.class, "Lock");

    private final StaffSession session;
    private final StaffAccess access;
    private final TaskExecutor executor;
    private final Runnable unlocked;
    private final JLabel since = new JLabel();
    private final JLabel message = new JLabel(" ");
    private final JPasswordField password = new JPasswordField(18);
    private final JButton unlock = new JButton(TEXT.get("Lock.unlock"));
    private final java.util.function.Consumer<StaffSession> otherSignedIn;
    private final javax.swing.JTextField otherLogin = new javax.swing.JTextField(12);
    private final JPasswordField otherPassword = new JPasswordField(12);
    private final JButton otherSignIn = new JButton(TEXT.get("Lock.other.signIn"));
    /** Now in the branch's zone, as receipts and the audit log say times. */
    private final java.util.function.Supplier<java.time.ZonedDateTime> now;

    /**
     * @param now           the time now in the branch's zone (the machine's zone may be another)
     * @param otherSignedIn another member of staff signed in at the lock screen (null: not offered)
     */
    public LockPanel(StaffSession session, StaffAccess access, TaskExecutor executor, Runnable unlocked,
                     java.util.function.Supplier<java.time.ZonedDateTime> now,
                     java.util.function.Consumer<StaffSession> otherSignedIn) {
        super(new MigLayout("fill, wrap 1", "[center]", "push[]para[]para[][][]para[][]push"));
        this.session = session;
        this.access = access;
        this.executor = executor;
        this.unlocked = unlocked;
        this.otherSignedIn = otherSignedIn;
        this.now = java.util.Objects.requireNonNull(now);
        setName("lockPanel");
        putClientProperty("FlatLaf.styleClass", "lockPanel");
        JLabel title = new JLabel(TEXT.get("Lock.title"));
        title.putClientProperty("FlatLaf.styleClass", "lockTitle");
        add(title);
        since.setName("lockSince");
        since.putClientProperty("FlatLaf.styleClass", "lockText");
        add(since);
        password.setName("lockPassword");
        add(password, "split 2, w 240!");
        unlock.setName("lockUnlock");
        add(unlock);
        message.setName("lockMessage");
        message.putClientProperty("FlatLaf.styleClass", "lockText");
        add(message);
        unlock.addActionListener(e -> tryUnlock());
        password.addActionListener(e -> tryUnlock());
        if (otherSignedIn != null) {
            // The next member of staff at this counter need not wait for the one who locked it (or kill the app).
            JLabel other = new JLabel(TEXT.format("Lock.other.title", session.displayName()));
            other.setName("lockOtherTitle");
            other.putClientProperty("FlatLaf.styleClass", "lockText");
            add(other);
            JLabel loginLabel = new JLabel(TEXT.get("Lock.other.login"));
            loginLabel.setLabelFor(otherLogin);
            otherLogin.setName("lockOtherLogin");
            loginLabel.putClientProperty("FlatLaf.styleClass", "lockText");
            JLabel passwordLabel = new JLabel(TEXT.get("Lock.other.password"));
            passwordLabel.putClientProperty("FlatLaf.styleClass", "lockText");
            passwordLabel.setLabelFor(otherPassword);
            otherPassword.setName("lockOtherPassword");
            otherSignIn.setName("lockOtherSignIn");
            add(loginLabel, "split 5");
            add(otherLogin);
            add(passwordLabel);
            add(otherPassword);
            add(otherSignIn);
            otherSignIn.addActionListener(e -> trySignInOther());
            otherPassword.addActionListener(e -> trySignInOther());
            otherLogin.addActionListener(e -> otherPassword.requestFocusInWindow());
        }
    }

    /** Called when the screen locks: empties the field and says who locked it and when. */
    public void locked() {
        password.setText("");
        otherLogin.setText("");
        otherPassword.setText("");
        message.setText(" ");
        since.setText(TEXT.format("Lock.since", session.displayName(),
                now.get().format(DateTimeFormatter.ofPattern("HH:mm"))));
        SwingUtilities.invokeLater(password::requestFocusInWindow);
    }

    private void tryUnlock() {
        char[] secret = password.getPassword();
        password.setText("");
        if (secret.length == 0) {
            return;
        }
        unlock.setEnabled(false);
        executor.execute(BackgroundTask.call(() -> {
            try {
                return access.unlock(session, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }).onSuccess(result -> {
            if (result instanceof SignInResult.SignedIn) {
                unlocked.run();
            } else if (result instanceof SignInResult.Refused refused) {
                message.setText(LoginModel.refusalText(refused, now.get().getZone()));
                password.requestFocusInWindow();
            }
        }).onFinished(() -> unlock.setEnabled(true)));
    }

    /** Another member of staff signs in: checked as at the login window (audited), then this session ends. */
    private void trySignInOther() {
        String login = otherLogin.getText().trim();
        char[] secret = otherPassword.getPassword();
        otherPassword.setText("");
        if (login.isEmpty() || secret.length == 0) {
            Arrays.fill(secret, '\0');
            (login.isEmpty() ? otherLogin : otherPassword).requestFocusInWindow();
            return;
        }
        if (login.equals(session.login())) {
            Arrays.fill(secret, '\0');
            message.setText(TEXT.get("Lock.other.same"));
            password.requestFocusInWindow();
            return;
        }
        otherSignIn.setEnabled(false);
        executor.execute(BackgroundTask.call(() -> {
            try {
                return access.signIn(login, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }).onSuccess(result -> {
            if (result instanceof SignInResult.SignedIn in) {
                otherSignedIn.accept(in.session());
            } else if (result instanceof SignInResult.Refused refused) {
                message.setText(LoginModel.refusalText(refused, now.get().getZone()));
                otherPassword.requestFocusInWindow();
            }
        }).onFailure(e -> message.setText(LoginModel.failureText(e)))
                .onFinished(() -> otherSignIn.setEnabled(true)));
    }
}
