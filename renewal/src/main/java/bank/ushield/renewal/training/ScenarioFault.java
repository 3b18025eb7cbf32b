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
 * (ONLINE_* kinds: the simulated 联网核查 answer for the customer's ID number; ONLINE_UNAVAILABLE with delayMillis
 * answers that late instead of failing at once)
 */
public record ScenarioFault(Kind kind, int count, String step, long delayMillis, String reason) {

    /** The faults trainers can ask for. */
    public enum Kind {
        WRONG_PIN, PIN_LOCKED, TOKEN_REMOVED, WRITE_FAILS, SLOW, HEAD_OFFICE_REJECTS,
        ONLINE_MATCH, ONLINE_NAME_MISMATCH, ONLINE_NOT_FOUND, ONLINE_DOCUMENT_INVALID, ONLINE_UNAVAILABLE,
        /** The customer's token is faulty (seen in the reader, answers nothing): it is replaced from stock. */
        TOKEN_FAULTY
    }

    public ScenarioFault {
        if (kind == null) {
            throw new IllegalArgumentException("fault kind missing");
        }
    }
}
