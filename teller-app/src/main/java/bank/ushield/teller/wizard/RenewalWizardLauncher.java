package bank.ushield.teller.wizard;

import bank.ushield.teller.home.TellerHome;
import bank.ushield.teller.shell.ShellContext;

/** Opens the renewal wizard in the workstation frame, for a new case or to resume one. */
public final class RenewalWizardLauncher implements TellerHome.WorkLauncher {

    @Override
    public void startRenewal(ShellContext context) {
        throw new UnsupportedOperationException("The renewal wizard is not wired in this build yet");
    }

    @Override
    public void resumeRenewal(ShellContext context, long caseId) {
        throw new UnsupportedOperationException("The renewal wizard is not wired in this build yet");
    }
}
