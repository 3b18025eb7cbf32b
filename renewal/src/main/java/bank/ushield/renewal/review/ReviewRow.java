package bank.ushield.renewal.review;

import java.time.Instant;

/** One audit entry as a row of the review table (details are fetched for the selected row only). */
public record ReviewRow(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                        String eventType, String outcome) {

    /** Exceptions and failures: what the daily review shows first. */
    public boolean needsAttention() {
        return !"OK".equals(outcome) && !"INFO".equals(outcome)
                || eventType.startsWith("MANAGER_AUTHORISATION") || eventType.equals("CASE_ABORTED");
    }
}
