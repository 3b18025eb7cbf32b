package bank.ushield.teller.app;

import bank.ushield.teller.home.TellerHome;
import bank.ushield.teller.shell.HomeScreenFactory;

/** The teller's home screen: case lists on the renewal desk, and the renewal wizard. */
final class TellerHomeFactory {

    private TellerHomeFactory() {
    }

    static HomeScreenFactory of(DomainWiring wiring) {
        RenewalTellerDesk desk = new RenewalTellerDesk(wiring::renewal);
        RenewalWizardLauncher wizard = new RenewalWizardLauncher(wiring);
        return context -> new TellerHome(context, desk, wizard, () -> bank.ushield.renewal.training.TrainingGuide.of(
                wiring.renewal(), context.session().login(),
                context.workstation().paths().modeDir().resolve("scenarios")));
    }
}
