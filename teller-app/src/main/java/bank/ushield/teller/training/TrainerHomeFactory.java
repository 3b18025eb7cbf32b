package bank.ushield.teller.training;

import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.HomeScreenFactory;
import bank.ushield.teller.shell.Role;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.wizard.RenewalWizardLauncher;

/** The trainer's home screen, found by the shell through ServiceLoader. */
public final class TrainerHomeFactory implements HomeScreenFactory {

    @Override
    public Role role() {
        return Role.TRAINER;
    }

    @Override
    public HomeScreen create(ShellContext context) {
        if (!context.workstation().has(TrainingDesk.class)) {
            // Production workstations (and builds without the training wiring) have no training desk.
            return Unavailable.screen(ScoreView.TEXT.get("Trainer.unavailable"));
        }
        TrainingDesk desk = context.workstation().service(TrainingDesk.class);
        RenewalWizardLauncher wizard = new RenewalWizardLauncher();
        // The trainee runs the normal wizard, acting as themselves; the shell returns to this screen afterwards.
        return new TrainerHome(desk, context.workstation().executor(),
                run -> wizard.startRenewal(new TraineeContext(context, run.trainee())));
    }
}
