package bank.ushield.renewal;

import java.time.Instant;

/**
 * One blank U-shield of the branch as recorded.
 *
 * @param tellerLogin whose box it is in (TELLER_BOX only)
 * @param caseNo      the replacement case holding or having issued it, or null
 */
public record StockItem(long id, String serial, String mediaVoucherNo, String model, StockState state,
                        String tellerLogin, String caseNo, Instant receivedAt, Instant updatedAt, long version) {
}
