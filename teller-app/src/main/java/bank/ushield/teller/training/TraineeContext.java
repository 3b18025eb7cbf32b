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

    private static final bank.ushield.teller.i18n.Texts TEXT = ScoreView.TEXT;

    private final ShellContext shell;
    private final StaffSession trainee;
    /** The work shown (the wizard), to know whether leaving would break off an unfinished scenario. */
    private JComponent work;
    /** Asks before leaving an unfinished scenario; tests may answer instead of the dialog. */
    private java.util.function.BooleanSupplier confirmLeave = () -> javax.swing.JOptionPane.showConfirmDialog(
            frame(), TEXT.get("Trainee.leave.message"), TEXT.get("Trainee.leave.title"),
            javax.swing.JOptionPane.YES_NO_OPTION, javax.swing.JOptionPane.QUESTION_MESSAGE)
            == javax.swing.JOptionPane.YES_OPTION;

    /** Runs once the scenario is left (the trainee's own practice scores it then); null: nothing. */
    private Runnable afterLeaving;

    /** The trainer's console runs a scenario at its own desk, acting as the trainee (the console scores it). */
    public TraineeContext(ShellContext shell, String traineeLogin) {
        this(shell, new StaffSession(traineeLogin, traineeLogin, Role.TELLER, shell.workstation().clock().instant()),
                null);
    }

    /** A trainee logged in as themselves practises a scenario; {@code afterLeaving} runs once it is left. */
    public TraineeContext(ShellContext shell, StaffSession trainee, Runnable afterLeaving) {
        this.shell = shell;
        this.trainee = trainee;
        this.afterLeaving = afterLeaving;
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
        this.work = work;
        shell.showWork(work);
    }

    @Override
    public void showHome() {
        // Esc at the first step, or leaving with the case still open, ends the run: ask first.
        if (work instanceof bank.ushield.teller.wizard.RenewalWizard wizard && unfinished(wizard)
                && !confirmLeave.getAsBoolean()) {
            return;
        }
        work = null;
        shell.showHome();
        Runnable after = afterLeaving;
        afterLeaving = null;
        if (after != null) {
            after.run();
        }
    }

    @Override
    public void lock() {
        shell.lock();
    }

    @Override
    public void status(String text) {
        shell.status(text);
    }

    @Override
    public void onLogout(Runnable beforeLogout) {
        shell.onLogout(beforeLogout);
    }

    private static boolean unfinished(bank.ushield.teller.wizard.RenewalWizard wizard) {
        return wizard.model().renewalCase() == null || wizard.model().renewalCase().open();
    }
}
