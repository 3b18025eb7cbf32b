package bank.ushield.renewal;

/**
 * What a renewal step did: the case moved on, the case stayed where it was for a reason the teller can act on, or
 * the case stopped until a manager authorises an exception. Every outcome carries the case as it is now.
 */
public sealed interface Outcome permits Outcome.Advanced, Outcome.Refused, Outcome.HeldForManager {

    RenewalCase renewalCase();

    /** The step succeeded; the case is in its next state (or recorded what the step did). */
    record Advanced(RenewalCase renewalCase) implements Outcome {
    }

    /** The step did not pass; the case is unchanged and may be retried or aborted. */
    record Refused(RenewalCase renewalCase, Problem problem) implements Outcome {
    }

    /** The case waits for a manager to authorise {@code exceptionCode}; nothing else may happen to it meanwhile. */
    record HeldForManager(RenewalCase renewalCase, String exceptionCode, Problem problem) implements Outcome {
    }
}
