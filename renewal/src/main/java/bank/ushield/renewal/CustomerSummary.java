package bank.ushield.renewal;

import java.time.Instant;

import bank.ushield.db.Masking;

/**
 * The customer a case is about, as far as the renewal needs: identity, the registered token and its current
 * certificate. Names and numbers here are full; mask them before they leave for a log or a receipt.
 */
public record CustomerSummary(long id, String customerNo, String name, String primaryDocType,
                              String primaryDocNumber, RegisteredToken token, RegisteredCertificate certificate) {

    /** The customer's registered token (null in the summary when the customer has none). */
    public record RegisteredToken(long id, String serial, String mediaVoucherNo, String model, String status) {
    }

    /** The token's current certificate. */
    public record RegisteredCertificate(long id, String serialHex, String subjectDn, String issuerDn,
                                        Instant notBefore, Instant notAfter, String status) {
    }

    /** The name as screens show it (张*): masked by db's one Masking, so screens need not see db. */
    public String maskedName() {
        return Masking.name(name);
    }

    @Override
    public String toString() {
        return "CustomerSummary[" + customerNo + " " + maskedName() + "]";
    }
}
