package bank.ushield.teller.wizard;

import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;

/**
 * A failure shown inside the wizard step: the explained problem, and whether the rules let a manager authorise
 * an exception here (then {@code exceptionCode} names it); {@code renewalCode} is the renewal module's code when the
 * problem is one of its own (null otherwise).
 */
public record Trouble(Problem.Explanation problem, String exceptionCode, ProblemCode renewalCode) {

    public Trouble(Problem.Explanation problem, String exceptionCode) {
        this(problem, exceptionCode, null);
    }

    public boolean managerMayAuthorise() {
        return exceptionCode != null;
    }
}
