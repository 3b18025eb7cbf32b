package bank.ushield.teller.lock;

import java.time.LocalTime;
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
 * types their password again.
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

    public LockPanel(StaffSession session, StaffAccess access, TaskExecutor executor, Runnable unlocked) {
        super(new MigLayout("fill, wrap 1", "[center]", "push[]para[]para[][][]push"));
        this.session = session;
        this.access = access;
        this.executor = executor;
        this.unlocked = unlocked;
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
    }

    /** Called when the screen locks: empties the field and says who locked it and when. */
    public void locked() {
        password.setText("");
        message.setText(" ");
        since.setText(TEXT.format("Lock.since", session.displayName(),
                LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm"))));
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
                message.setText(LoginModel.refusalText(refused));
                password.requestFocusInWindow();
            }
        }).onFinished(() -> unlock.setEnabled(true)));
    }
}
