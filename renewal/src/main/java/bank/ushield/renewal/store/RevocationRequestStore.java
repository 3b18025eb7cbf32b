package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;

import bank.ushield.casync.RevocationQueue.QueuedRevocation;
import bank.ushield.casync.format.RequestBatch.RevocationRequest;

/** The SQL of abandoned certificates and their queued revocations (certificate_revocation_request). */
public final class RevocationRequestStore {

    /** Whether a revocation of this certificate is already queued. */
    public boolean isQueued(Handle h, long certificateId) {
        return h.createQuery("SELECT count(*) FROM certificate_revocation_request WHERE certificate_id = :id")
                .bind("id", certificateId).mapTo(Integer.class).one() > 0;
    }

    /** serial_hex, issuer_dn, not_after and status of a certificate. */
    public Map<String, Object> certificate(Handle h, long certificateId) {
        return h.createQuery("""
                        SELECT serial_hex, issuer_dn, not_after, status FROM certificate WHERE id = :id""")
                .bind("id", certificateId).mapToMap().one();
    }

    /** Marks the certificate ABANDONED (unless already REVOKED) and queues its revocation for the case. */
    public void abandonAndQueue(Handle h, long certificateId, long caseId, String reason, String requestedBy,
                                Instant at) {
        h.createUpdate("UPDATE certificate SET status = 'ABANDONED' WHERE id = :id AND status <> 'REVOKED'")
                .bind("id", certificateId).execute();
        h.createUpdate("""
                        INSERT INTO certificate_revocation_request (certificate_id, case_id, reason, requested_by,
                            requested_at)
                        VALUES (:cert, :case, :reason, :by, :at)""")
                .bind("cert", certificateId).bind("case", caseId).bind("reason", reason).bind("by", requestedBy)
                .bind("at", at).execute();
    }

    /** Sent revocations not yet confirmed: id, case_id, case_no, serial_hex, issuer_dn. */
    public List<Map<String, Object>> sentUnconfirmed(Handle h) {
        return h.createQuery("""
                        SELECT r.id, r.case_id, rc.case_no, c.serial_hex, c.issuer_dn
                          FROM certificate_revocation_request r
                          JOIN certificate c ON c.id = r.certificate_id
                          JOIN renewal_case rc ON rc.id = r.case_id
                         WHERE r.request_batch_id IS NOT NULL AND r.confirmed_at IS NULL
                         ORDER BY r.id""")
                .mapToMap().list();
    }

    /** The CRLs received from head office, newest first: sha256, der. */
    public List<Map<String, Object>> crls(Handle h) {
        return h.createQuery("SELECT sha256, der FROM ca_crl ORDER BY id DESC").mapToMap().list();
    }

    /** Records that a CRL lists the revocation. */
    public void confirm(Handle h, long revocationId, Instant at, Object crlSha256) {
        h.createUpdate("""
                        UPDATE certificate_revocation_request SET confirmed_at = :at, crl_sha256 = :crl
                         WHERE id = :id""")
                .bind("at", at).bind("crl", crlSha256).bind("id", revocationId).execute();
    }

    /** Queued revocations not yet sent, oldest first. */
    public List<QueuedRevocation> unsent(Handle h) {
        return h.createQuery("""
                        SELECT r.id, rc.case_no, c.issuer_dn, c.serial_hex, c.sha256_fingerprint, r.reason
                          FROM certificate_revocation_request r
                          JOIN certificate c ON c.id = r.certificate_id
                          JOIN renewal_case rc ON rc.id = r.case_id
                         WHERE r.request_batch_id IS NULL
                         ORDER BY r.id""")
                .map((rs, ctx) -> new QueuedRevocation(rs.getLong("id"), new RevocationRequest(rs.getString("case_no"),
                        rs.getString("issuer_dn"), rs.getString("serial_hex"), rs.getString("sha256_fingerprint"),
                        rs.getString("reason"))))
                .list();
    }

    /** Marks a queued revocation sent in the batch; returns the rows changed (0 if it changed meanwhile). */
    /** Unsends the unconfirmed revocations sent in {@code batchId} (head office refused it unread); how many. */
    public int unsend(Handle h, long batchId) {
        return h.createUpdate("""
                        UPDATE certificate_revocation_request SET request_batch_id = NULL
                         WHERE request_batch_id = :batch AND confirmed_at IS NULL""")
                .bind("batch", batchId).execute();
    }

    public int markSent(Handle h, long revocationId, long batchId) {
        return h.createUpdate("""
                        UPDATE certificate_revocation_request SET request_batch_id = :batch
                         WHERE id = :id AND request_batch_id IS NULL""")
                .bind("batch", batchId).bind("id", revocationId).execute();
    }

    /** The case of a queued revocation: id, case_no. */
    public Map<String, Object> caseOf(Handle h, long revocationId) {
        return h.createQuery("""
                        SELECT rc.id, rc.case_no FROM certificate_revocation_request r
                          JOIN renewal_case rc ON rc.id = r.case_id WHERE r.id = :id""")
                .bind("id", revocationId).mapToMap().one();
    }
}
