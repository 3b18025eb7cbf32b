package bank.ushield.teller.login;

import java.awt.Dimension;
import java.util.ResourceBundle;

import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.WindowConstants;

import net.miginfocom.swing.MigLayout;

import bank.ushield.teller.AppPaths;

/** The first window: staff login, with the training banner when in training mode. */
public final class LoginFrame extends JFrame {

    private static final ResourceBundle TEXT = ResourceBundle.getBundle("bank.ushield.teller.login.Login");

    public LoginFrame(AppPaths paths) {
        super(paths.training() ? TEXT.getString("Login.title.training") : TEXT.getString("Login.title"));
        setName("loginFrame");
        setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
        JPanel content = new JPanel(new MigLayout("insets dialog, fillx, wrap 2", "[right][grow,fill]"));
        if (paths.training()) {
            JLabel banner = new JLabel(TEXT.getString("Login.banner.training"));
            banner.setName("trainingBanner");
            banner.putClientProperty("FlatLaf.styleClass", "trainingBanner");
            content.add(banner, "span 2, growx, gapbottom para");
        }
        JLabel heading = new JLabel(TEXT.getString("Login.heading"));
        heading.putClientProperty("FlatLaf.styleClass", "h2");
        content.add(heading, "span 2, gapbottom para");

        JTextField user = new JTextField(16);
        user.setName("loginUser");
        JPasswordField password = new JPasswordField(16);
        password.setName("loginPassword");
        JComboBox<String> role = new JComboBox<>(new String[] {
            TEXT.getString("Login.role.teller"), TEXT.getString("Login.role.manager"), TEXT.getString("Login.role.trainer")});
        role.setName("loginRole");
        content.add(new JLabel(TEXT.getString("Login.user.label")));
        content.add(user);
        content.add(new JLabel(TEXT.getString("Login.password.label")));
        content.add(password);
        content.add(new JLabel(TEXT.getString("Login.role.label")));
        content.add(role);

        JButton ok = new JButton(TEXT.getString("Login.ok"));
        ok.setName("loginOk");
        getRootPane().setDefaultButton(ok);
        content.add(ok, "span 2, tag ok, gaptop para");
        setContentPane(content);
        setMinimumSize(new Dimension(460, 300));
        pack();
    }

    /** Places the frame before showing it: on bare Xvfb a frame moved after pack loses robot clicks. */
    public void showCentred() {
        setLocationRelativeTo(null);
        setVisible(true);
    }
}
