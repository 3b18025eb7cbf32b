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
 */
public record DayStatus(LocalDate day, long entries, long attention, String signedOffBy, Instant signedOffAt,
                        long treeSize) {

    public boolean signedOff() {
        return signedOffBy != null;
    }
}
