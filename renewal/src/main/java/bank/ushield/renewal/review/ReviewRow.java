package bank.ushield.renewal.review;

import java.time.Instant;

/**
 * One audit entry as a row of the review table (the full details are fetched for the selected row only).
 *
 * @param caseNo       the case number as printed on the receipt (null when the entry has no case)
 * @param customer     the customer's masked name (张*), or null when not known
 * @param check        the check the entry is about (IDENTITY, CARD, TOKEN), or null
 * @param reason       why: the check's or the token step's code, the abort or refusal reason, the exception
 * @param teller       the teller who served the case, when the entry was written by someone else (a manager)
 * @param authorisedBy the manager who authorised the entry's exception, or null
 * @param workstation  the workstation whose log holds the entry (with {@code seq} it names the entry in a branch)
 */
public record ReviewRow(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                        String eventType, String outcome, String caseNo, String customer, String check,
                        String reason, String teller, String authorisedBy, String workstation) {

    /** A row of an unnamed workstation's log. */
    public ReviewRow(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                     String eventType, String outcome, String caseNo, String customer, String check,
                     String reason, String teller, String authorisedBy) {
        this(seq, at, actor, role, caseId, customerRef, eventType, outcome, caseNo, customer, check, reason, teller,
                authorisedBy, null);
    }

    /** A row with only what the audit table's columns hold (no case number, customer or reasons). */
    public ReviewRow(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                     String eventType, String outcome) {
        this(seq, at, actor, role, caseId, customerRef, eventType, outcome, null, null, null, null, null, null);
    }

    /** Exceptions and failures: what the daily review shows first. */
    public boolean needsAttention() {
        return !"OK".equals(outcome) && !"INFO".equals(outcome)
                || eventType.startsWith("MANAGER_AUTHORISATION") || eventType.equals("CASE_ABORTED");
    }

    /** The case number to show: the receipt's, else the internal id marked as such (#12), else empty. */
    public String caseLabel() {
        if (caseNo != null) {
            return caseNo;
        }
        return caseId == null ? "" : "#" + caseId;
    }

    /** Who did it: the teller of the case where known, else the entry's actor. */
    public String doneBy() {
        return teller != null ? teller : actor;
    }

    /** This row with the manager who authorised its case's exception. */
    public ReviewRow withAuthorisedBy(String manager) {
        return new ReviewRow(seq, at, actor, role, caseId, customerRef, eventType, outcome, caseNo, customer, check,
                reason, teller, manager, workstation);
    }
}
