package bank.ushield.db;

import java.time.Instant;

/** A customer's bank card as stored: never the full number, only BIN, last four, length and a keyed hash. */
public record BankCard(long id, long customerId, String bin, String last4, int panLength, String panHmac,
                       CardKind cardKind, boolean onlineBanking, CardStatus status, Instant createdAt) {

    /** For screens and receipts: 6222 **** **** 1234. */
    public String masked() {
        return Masking.card(bin, last4);
    }
}
