package bank.ushield.renewal;

import java.time.Instant;

/**
 * One move of a blank U-shield, as the append-only history holds it.
 *
 * @param from          null for the receipt from head office
 * @param authorisedBy  the manager who authorised a move into or out of a teller's box, or null
 */
public record StockMovement(String serial, StockState from, StockState to, String tellerLogin, String caseNo,
                            String actor, String authorisedBy, String note, Instant at) {
}
