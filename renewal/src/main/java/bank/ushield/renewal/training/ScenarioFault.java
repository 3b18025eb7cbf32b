package bank.ushield.renewal.training;

/**
 * One fault injected into a training case: into the simulated token or the head-office simulator.
 *
 * @param kind  what goes wrong
 * @param count for {@link Kind#WRONG_PIN}: how many PIN entries are refused before the right one
 * @param step  for {@link Kind#TOKEN_REMOVED} and {@link Kind#WRITE_FAILS}: the token operation that fails
 *              (e.g. "CERTIFICATE_WRITE", "KEY_GENERATION")
 * @param delayMillis for {@link Kind#SLOW}: extra time per token operation
 * @param reason for {@link Kind#HEAD_OFFICE_REJECTS}: the rejection reason head office gives
 */
public record ScenarioFault(Kind kind, int count, String step, long delayMillis, String reason) {

    /** The faults trainers can ask for. */
    public enum Kind { WRONG_PIN, PIN_LOCKED, TOKEN_REMOVED, WRITE_FAILS, SLOW, HEAD_OFFICE_REJECTS }

    public ScenarioFault {
        if (kind == null) {
            throw new IllegalArgumentException("fault kind missing");
        }
    }
}
