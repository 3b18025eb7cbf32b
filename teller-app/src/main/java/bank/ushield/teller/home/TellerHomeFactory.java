package bank.ushield.teller.home;

import bank.ushield.teller.shell.HomeScreen;
import bank.ushield.teller.shell.HomeScreenFactory;
import bank.ushield.teller.shell.Role;
import bank.ushield.teller.shell.ShellContext;
import bank.ushield.teller.wizard.RenewalWizardLauncher;

/** The teller's home screen, found by the shell through ServiceLoader. */
public final class TellerHomeFactory implements HomeScreenFactory {

    @Override
    public Role role() {
        return Role.TELLER;
    }

    @Override
    public HomeScreen create(ShellContext context) {
        return new TellerHome(context, new RenewalWizardLauncher());
    }
}
