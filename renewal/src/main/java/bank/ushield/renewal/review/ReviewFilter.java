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
 * @param workstation the workstation whose log the entries are in (a branch's review; docs/adr/0089)
 */
public record ReviewFilter(LocalDate from, LocalDate to, String teller, Long caseId, String eventType,
                           String outcome, String customerRef, String workstation) {

    /** A filter over every workstation's log. */
    public ReviewFilter(LocalDate from, LocalDate to, String teller, Long caseId, String eventType, String outcome,
                        String customerRef) {
        this(from, to, teller, caseId, eventType, outcome, customerRef, null);
    }

    /** No filter at all. */
    public static ReviewFilter all() {
        return new ReviewFilter(null, null, null, null, null, null, null);
    }

    /** Every entry of one local day. */
    public static ReviewFilter day(LocalDate day) {
        return new ReviewFilter(day, day, null, null, null, null, null);
    }
}
