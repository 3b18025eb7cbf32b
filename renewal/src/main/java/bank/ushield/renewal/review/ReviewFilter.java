package bank.ushield.renewal.review;

import java.time.LocalDate;

/**
 * The manager's filter over the audit log; null fields do not filter.
 *
 * @param from        first local day (inclusive)
 * @param to          last local day (inclusive)
 * @param teller      the actor's login
 * @param caseId      the renewal case id
 * @param eventType   an audit event type name
 * @param outcome     OK, FAILED, REFUSED or INFO
 * @param customerRef the customer reference (as shown in entries, never clear data)
 */
public record ReviewFilter(LocalDate from, LocalDate to, String teller, Long caseId, String eventType,
                           String outcome, String customerRef) {

    /** No filter at all. */
    public static ReviewFilter all() {
        return new ReviewFilter(null, null, null, null, null, null, null);
    }

    /** Every entry of one local day. */
    public static ReviewFilter day(LocalDate day) {
        return new ReviewFilter(day, day, null, null, null, null, null);
    }
}
