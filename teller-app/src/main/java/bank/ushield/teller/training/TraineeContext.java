package bank.ushield.teller.training;

import javax.swing.JComponent;
import javax.swing.JFrame;

import bank.ushield.teller.shell.Role;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.shell.StaffSession;
import bank.ushield.teller.shell.Workstation;

/**
 * The shell as the trainee sees it while running a scenario: the same frame, banner and work area, but the
 * acting staff member is the trainee (a teller), so the case and its audit entries are the trainee's.
 */
final class TraineeContext implements ShellContext {

    private final ShellContext shell;
    private final StaffSession trainee;

    TraineeContext(ShellContext shell, String traineeLogin) {
        this.shell = shell;
        this.trainee = new StaffSession(traineeLogin, traineeLogin, Role.TELLER, shell.workstation().clock().instant());
    }

    @Override
    public StaffSession session() {
        return trainee;
    }

    @Override
    public Workstation workstation() {
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
