package bank.ushield.renewal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a replacement case holds beyond the case row (ADR 0077).
 *
 * @param newSerial        the blank token taken from the teller's box (null until the new token was checked)
 * @param newVoucherNo     its media voucher number
 * @param initialisedAt    when it was initialised with the customer's PIN (null: not yet)
 * @param oldTokenOutcome  what happened to the old token (null: not retired yet)
 * @param fee              the fee recorded at completion (null: none)
 */
public record Replacement(long caseId, ReplacementReason reason, String oldSerial, String newSerial,
                          String newVoucherNo, Instant initialisedAt, OldTokenOutcome oldTokenOutcome, BigDecimal fee,
                          String feeCurrency) {

    /** What became of the replaced token. */
    public enum OldTokenOutcome {
        /** It answered: re-initialised without a user PIN, every key and certificate on it destroyed. */
        KEYS_DESTROYED,
        /** It did not answer: kept by the branch for destruction, its certificate revoked by head office. */
        NOT_ANSWERING,
        /** The customer reported it lost: its certificate revoked by head office. */
        REPORTED_LOST
    }
}
