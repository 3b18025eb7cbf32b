package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** The certificate rows a renewal step reads or retires. */
public final class CaseCertificateStore {

    /** The DER of a certificate. */
    public Optional<byte[]> der(Handle h, Long certificateId) {
        return h.createQuery("SELECT der FROM certificate WHERE id = :id")
                .bind("id", certificateId).mapTo(byte[].class).findOne();
    }

    /** Marks the case's old certificate SUPERSEDED once the new one is on the token (if it is still ACTIVE). */
    public void supersede(Handle h, Long certificateId) {
        h.createUpdate("UPDATE certificate SET status = 'SUPERSEDED' WHERE id = :id AND status = 'ACTIVE'")
                .bind("id", certificateId).execute();
    }

    /** The id of the certificate with this SHA-256 fingerprint, inserting its row with {@code status} if new. */
    public long findOrInsert(Handle h, Long tokenId, String serialHex, String issuerDn, String subjectDn,
                             Instant notBefore, Instant notAfter, String fingerprint, String status, byte[] der) {
        return h.createQuery("SELECT id FROM certificate WHERE sha256_fingerprint = :f")
                .bind("f", fingerprint).mapTo(Long.class).findOne().orElseGet(() -> h.createUpdate("""
                                INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before,
                                    not_after, sha256_fingerprint, status, der)
                                VALUES (:token, :serial, :issuer, :subject, :nb, :na, :f, :status, :der)""")
                        .bind("token", tokenId).bind("serial", serialHex)
                        .bind("issuer", issuerDn)
                        .bind("subject", subjectDn)
                        .bind("nb", notBefore).bind("na", notAfter)
                        .bind("f", fingerprint).bind("status", status).bind("der", der)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
