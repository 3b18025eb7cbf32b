package bank.ushield.teller.login;

import java.awt.Dimension;
import java.util.function.Consumer;

import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.i18n.Texts;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.widget.TrainingBanner;

/**
 * The first window: staff login and password (the account's role chooses the home screen), with the training banner
 * when in training mode.
 */
public final class LoginFrame extends JFrame {

    private static final Texts TEXT = Texts.of(LoginFrame.class, "Login");

    private final LoginModel model;

    public LoginFrame(boolean training, LoginModel model, Consumer<StaffSession> signedIn) {
        super(TrainingBanner.title(training, TEXT.get("Login.title")));
        this.model = model;
        setName("loginFrame");
        setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
        JPanel content = new JPanel(new MigLayout("insets dialog, fillx, wrap 2", "[right][grow,fill]"));
        if (training) {
            content.add(TrainingBanner.create(), "span 2, growx, gapbottom para");
        }
        JLabel heading = new JLabel(TEXT.get("Login.heading"));
        heading.putClientProperty("FlatLaf.styleClass", "h2");
        content.add(heading, "span 2, left, gapbottom para");

        JTextField user = new JTextField(16);
        user.setName("loginUser");
        JPasswordField password = new JPasswordField(16);
        password.setName("loginPassword");
        JLabel userLabel = new JLabel(TEXT.get("Login.user.label"));
        userLabel.setLabelFor(user);
        content.add(userLabel);
        content.add(user);
        JLabel passwordLabel = new JLabel(TEXT.get("Login.password.label"));
        passwordLabel.setLabelFor(password);
        content.add(passwordLabel);
        content.add(password);

        JLabel message = new JLabel(" ");
        message.setName("loginMessage");
        message.putClientProperty("FlatLaf.styleClass", "fieldError");
        content.add(message, "skip, growx");
        JProgressBar busy = new JProgressBar();
        busy.setName("loginBusy");
        busy.setIndeterminate(true);
        busy.setVisible(false);
        content.add(busy, "skip, growx, hidemode 2");

        JButton ok = new JButton(TEXT.get("Login.ok"));
        ok.setName("loginOk");
        ok.setEnabled(false);
        getRootPane().setDefaultButton(ok);
        content.add(ok, "span 2, tag ok, gaptop para");

        user.getDocument().addDocumentListener(onChange(() -> model.setLogin(user.getText())));
        password.getDocument().addDocumentListener(onChange(() ->
                model.setPasswordGiven(password.getDocument().getLength() > 0)));
        ok.addActionListener(e -> {
            char[] secret = password.getPassword();
            model.submit(secret, session -> signedIn.accept(session));
            // Cleared after submit: the field going empty makes the model refuse a submit.
            password.setText("");
        });
        model.addPropertyChangeListener(e -> {
            ok.setEnabled(model.canSubmit());
            busy.setVisible(model.busy());
            user.setEnabled(!model.busy());
            password.setEnabled(!model.busy());
            boolean statusOnly = model.message().isEmpty() && !model.status().isEmpty();
            message.putClientProperty("FlatLaf.styleClass", statusOnly ? "fkeyHint" : "fieldError");
            message.setText(!model.message().isEmpty() ? model.message() : statusOnly ? model.status() : " ");
            if (LoginModel.MESSAGE.equals(e.getPropertyName()) && !model.message().isEmpty()) {
                password.requestFocusInWindow();
            }
        });
        setContentPane(content);
        setMinimumSize(new Dimension(520, 340));
        pack();
    }

    public LoginModel model() {
        return model;
    }

    /** Places the frame before showing it: on bare Xvfb a frame moved after pack loses robot clicks. */
    public void showCentred() {
        setLocationRelativeTo(null);
        setVisible(true);
    }

    private static DocumentListener onChange(Runnable r) {
        return new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                r.run();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                r.run();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                r.run();
            }
        };
    }
}
