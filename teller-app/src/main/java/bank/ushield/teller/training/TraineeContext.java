package bank.ushield.teller.training;

import javax.swing.JComponent;
import javax.swing.JFrame;

import bank.ushield.renewal.staff.Role;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.settings.WorkstationContext;

/**
 * The shell as the trainee sees it while running a scenario: the same frame, banner and work area, but the
 * acting staff member is the trainee (a teller), so the case and its audit entries are the trainee's.
 */
public final class TraineeContext implements ShellContext {

    private final ShellContext shell;
    private final StaffSession trainee;

    public TraineeContext(ShellContext shell, String traineeLogin) {
        this.shell = shell;
        this.trainee = new StaffSession(traineeLogin, traineeLogin, Role.TELLER, shell.workstation().clock().instant());
    }

    @Override
    public StaffSession session() {
        return trainee;
    }

    @Override
    public WorkstationContext workstation() {
        return shell.workstation();
    }

    @Override
    public JFrame frame() {
        return shell.frame();
    }

    @Override
    public void showWork(JComponent work) {
        shell.showWork(work);
    }

    @Override
    public void showHome() {
        shell.showHome();
    }

    @Override
    public void lock() {
        shell.lock();
    }

    @Override
    public void status(String text) {
        shell.status(text);
    }
}
