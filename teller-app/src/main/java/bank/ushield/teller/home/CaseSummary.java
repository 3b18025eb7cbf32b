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
 */
public record CaseSummary(long caseId, String caseNo, String customer, String state, Instant updatedAt,
                          boolean replacement) {

    /** A renewal of the customer's own token. */
    public CaseSummary(long caseId, String caseNo, String customer, String state, Instant updatedAt) {
        this(caseId, caseNo, customer, state, updatedAt, false);
    }
}
