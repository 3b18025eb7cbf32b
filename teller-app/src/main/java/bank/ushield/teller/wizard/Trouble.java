package bank.ushield.teller.wizard;

import bank.ushield.teller.error.Problem;

/**
 * A failure shown inside the wizard step: the explained problem, and whether the rules let a manager authorise
 * an exception here (then {@code exceptionCode} names it).
 */
public record Trouble(Problem problem, String exceptionCode) {

    public boolean managerMayAuthorise() {
        return exceptionCode != null;
    }
}
