package bank.ushield.teller.wizard;

import bank.ushield.renewal.ProblemCode;
import bank.ushield.teller.error.Problem;

/**
 * A failure shown inside the wizard step: the explained problem, and whether the rules let a manager authorise
 * an exception here (then {@code exceptionCode} names it); {@code renewalCode} is the renewal module's code when the
 * problem is one of its own (null otherwise).
 */
public record Trouble(Problem problem, String exceptionCode, ProblemCode renewalCode) {

    public Trouble(Problem problem, String exceptionCode) {
        this(problem, exceptionCode, null);
    }

    public boolean managerMayAuthorise() {
        return exceptionCode != null;
    }
}
