package bank.ushield.teller.app;

import bank.ushield.teller.home.TellerHome;
import bank.ushield.teller.shell.HomeScreenFactory;
import bank.ushield.teller.training.TraineePractice;

/** The teller's home screen: case lists on the renewal desk, and the renewal wizard. */
final class TellerHomeFactory {

    private TellerHomeFactory() {
    }

    static HomeScreenFactory of(DomainWiring wiring) {
        RenewalTellerDesk desk = new RenewalTellerDesk(wiring::renewal);
        RenewalWizardLauncher wizard = new RenewalWizardLauncher(wiring);
        return context -> {
            TellerHome home = new TellerHome(context, desk, wizard, () -> bank.ushield.renewal.training.TrainingGuide.of(
                    wiring.renewal(), context.session().login(),
                    context.workstation().paths().modeDir().resolve("scenarios")));
            // Training: a trainee logged in as themselves practises the scenarios the trainer assigned (ADR 0091).
            wiring.trainingDesk().ifPresent(training -> {
                TraineePractice practice = new TraineePractice(training, wizard::startRenewal);
                home.practice(practice);
                home.practiceHistory(practice::history);
            });
            return home;
        };
    }
}
