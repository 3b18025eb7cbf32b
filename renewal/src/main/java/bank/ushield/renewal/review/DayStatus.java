package bank.ushield.renewal.review;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The review state of one local day.
 *
 * @param entries       entries recorded that day
 * @param attention     of which failures, refusals, authorisations and aborts
 * @param signedOffBy   the manager who signed the day off, or null
 * @param signedOffAt   when
 * @param treeSize      the tree head the sign-off covered
 * @param coSignedBy    the second manager who co-signed the exceptions the signer authorised, or null (then
 *                      those exceptions were flagged for the next level)
 */
public record DayStatus(LocalDate day, long entries, long attention, String signedOffBy, Instant signedOffAt,
                        long treeSize, String coSignedBy) {

    /** A day without a co-signer. */
    public DayStatus(LocalDate day, long entries, long attention, String signedOffBy, Instant signedOffAt,
                     long treeSize) {
        this(day, entries, attention, signedOffBy, signedOffAt, treeSize, null);
    }

    public boolean signedOff() {
        return signedOffBy != null;
    }
}
