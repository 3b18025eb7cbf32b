package bank.ushield.teller.shell;

import java.time.Duration;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.teller.login.LoginFrame;
import bank.ushield.teller.login.LoginModel;
import bank.ushield.teller.lock.IdleMonitor;
import bank.ushield.teller.settings.SettingsDialog;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.settings.WorkstationContext;

/** The application on the EDT: login window, then the workstation frame of the signed-in role, then login again. */
public final class WorkstationApp implements WorkstationFrame.Shell {

    private static final Logger LOG = LoggerFactory.getLogger(WorkstationApp.class);
    private final WorkstationContext workstation;
    private final HomeScreens homeScreens;
    private LoginFrame loginFrame;
    private WorkstationFrame frame;
    private IdleMonitor idle;

    public WorkstationApp(WorkstationContext workstation, HomeScreens homeScreens) {
        this.workstation = workstation;
        this.homeScreens = homeScreens;
    }

    public WorkstationContext workstation() {
        return workstation;
    }

    /** Shows the login window; on the EDT. */
    public LoginFrame showLogin() {
        LoginModel model = new LoginModel(workstation.staffAccess(), workstation.executor(), workstation::zone);
        loginFrame = new LoginFrame(workstation.training(), model, this::signedIn);
        loginFrame.showCentred();
        return loginFrame;
    }

    public LoginFrame loginFrame() {
        return loginFrame;
    }

    /** The workstation frame while someone is logged in. */
    public WorkstationFrame frame() {
        return frame;
    }

    private void signedIn(StaffSession session) {
        LOG.info("{} logged in as {}", session.login(), session.role());
        frame = new WorkstationFrame(workstation, session, this);
        frame.open();
        if (loginFrame != null) {
            loginFrame.dispose();
            loginFrame = null;
        }
        WorkstationFrame locking = frame;
        idle = new IdleMonitor(Duration.ofMinutes(workstation.settings().idleLockMinutes()), () -> locking.lock(true));
        idle.start();
    }

    @Override
    public void loggedOut(StaffSession session) {
        LOG.info("{} logged out", session.login());
        if (idle != null) {
            idle.stop();
            idle = null;
        }
        frame = null;
        SwingUtilities.invokeLater(this::showLogin);
    }

    @Override
    public void handedOver(StaffSession session, StaffSession next) {
        LOG.info("{} logged out at the lock screen; {} signed in there", session.login(), next.login());
        if (idle != null) {
            idle.stop();
            idle = null;
        }
        frame = null;
        signedIn(next);
    }

    @Override
    public void openSettings(JFrame owner) {
        SettingsDialog.open(owner, workstation, frame != null ? frame.session() : null);
    }

    @Override
    public HomeScreen homeFor(ShellContext context) {
        return homeScreens.forRole(context);
    }
}
