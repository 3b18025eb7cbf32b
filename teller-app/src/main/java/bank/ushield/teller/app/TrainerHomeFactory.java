package bank.ushield.teller.app;

import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.HomeScreenFactory;
import bank.ushield.teller.training.TraineeContext;
import bank.ushield.teller.training.TrainerHome;
import bank.ushield.teller.training.Unavailable;

/** The trainer's console over the scenario desk; trainees run the normal renewal wizard. */
final class TrainerHomeFactory {

    private TrainerHomeFactory() {
    }

    static HomeScreenFactory of(DomainWiring wiring) {
        RenewalWizardLauncher wizard = new RenewalWizardLauncher(wiring);
        // Production workstations have no training desk.
        return context -> wiring.trainingDesk()
                .<HomeScreen>map(desk -> {
                    bank.ushield.teller.training.TrainerPanel panel = new bank.ushield.teller.training.TrainerPanel(desk,
                            context.workstation().executor(),
                            // The trainee runs the normal wizard, acting as themselves; the shell returns here.
                            run -> wizard.startRenewal(new TraineeContext(context, run.trainee())));
                    panel.trainer(context.session());
                    panel.now(context.workstation()::now);
                    return new TrainerHome(panel);
                })
                .orElseGet(() -> Unavailable.screen(TrainerHome.unavailableText()));
    }
}
