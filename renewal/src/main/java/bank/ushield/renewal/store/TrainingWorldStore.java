package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/** The SQL of the training world: registered tokens, their certificates and voucher numbers. */
public final class TrainingWorldStore {

    private final Jdbi jdbi;

    public TrainingWorldStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** cert_id, subject_dn and not_after of the newest certificate of the token. */
    public Map<String, Object> newestCertificateOf(String serial) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.id AS cert_id, c.subject_dn, c.not_after FROM token t
                          JOIN certificate c ON c.token_id = t.id WHERE t.serial = :s ORDER BY c.id DESC LIMIT 1""")
                .bind("s", serial).mapToMap().one());
    }

    /** Points a certificate row at the certificate now on the token. */
    public void recordCertificate(long certificateId, String serialHex, String issuerDn, String subjectDn,
                                  Instant notBefore, Instant notAfter, String fingerprint, byte[] der) {
        jdbi.useTransaction(h -> h.createUpdate("""
                        UPDATE certificate SET serial_hex = :serial, issuer_dn = :issuer, subject_dn = :subject,
                               not_before = :nb, not_after = :na, sha256_fingerprint = :fp, der = :der
                         WHERE id = :id""")
                .bind("serial", serialHex)
                .bind("issuer", issuerDn)
                .bind("subject", subjectDn)
                .bind("nb", notBefore).bind("na", notAfter)
                .bind("fp", fingerprint).bind("der", der).bind("id", certificateId)
                .execute());
    }

    /** Every registered token with its newest certificate: serial, model, manufacturer, cert_id, subject_dn, dates, issuer_dn. */
    public List<Map<String, Object>> tokensWithNewestCertificate() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.serial, t.model, t.manufacturer, c.id AS cert_id, c.subject_dn, c.not_before, c.not_after, c.issuer_dn
                          FROM token t JOIN certificate c ON c.token_id = t.id
                         WHERE c.id = (SELECT max(c2.id) FROM certificate c2 WHERE c2.token_id = t.id)""")
                .mapToMap().list());
    }

    /** The media voucher number registered for the token. */
    public Optional<String> mediaVoucher(String serial) {
        return jdbi.withHandle(h -> h.createQuery("SELECT media_voucher_no FROM token WHERE serial = :s")
                .bind("s", serial).mapTo(String.class).findOne());
    }

    /** The customer number of a case. */
    public Optional<String> customerNoOfCase(String caseNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.customer_no FROM renewal_case r JOIN customer c "
                        + "ON c.id = r.customer_id WHERE r.case_no = :no").bind("no", caseNo)
                .mapTo(String.class).findOne());
    }

    /** Serials of all registered tokens, in registration order. */
    public List<String> registeredSerials() {
        return jdbi.withHandle(h -> h.createQuery("SELECT serial FROM token ORDER BY id")
                .mapTo(String.class).list());
    }
}
