package bank.ushield.teller.home;

import java.time.Instant;

/**
 * One line of the teller's case lists.
 *
 * @param caseId     case id (to resume it)
 * @param caseNo     the case number printed on receipts
 * @param customer   customer name, masked
 * @param state      the case state's name (the Home bundle has Home.state.&lt;STATE&gt;)
 * @param updatedAt  last change
 * @param replacement the case hands out a new token from stock instead of renewing the old one (ADR 0077)
 * @param heldElsewhere another workstation serves the case now, in words (who, since when, last step); null: none
 *                      (ADR 0087: resuming it here needs a manager's takeover)
 */
public record CaseSummary(long caseId, String caseNo, String customer, String state, Instant updatedAt,
                          boolean replacement, String heldElsewhere) {

    /** A case no other workstation holds. */
    public CaseSummary(long caseId, String caseNo, String customer, String state, Instant updatedAt,
                       boolean replacement) {
        this(caseId, caseNo, customer, state, updatedAt, replacement, null);
    }

    /** A renewal of the customer's own token. */
    public CaseSummary(long caseId, String caseNo, String customer, String state, Instant updatedAt) {
        this(caseId, caseNo, customer, state, updatedAt, false);
    }
}
