package bank.ushield.casync.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import bank.ushield.casync.format.Pki;

/**
 * What a response batch brings, as stored: head-office CA certificates (ca_certificate), CRLs (ca_crl), the answer
 * to each request (ca_response_item) and token status reports (ca_token_update); and the lookup of the case a
 * certificate or rejection answers (renewal_case by its CSR key, read only).
 */
public final class ResponseStore {

    private ResponseStore() {
    }

    /** The DER of every CA certificate received so far. */
    public static List<byte[]> caCertificates(Handle h) {
        return h.createQuery("SELECT der FROM ca_certificate").mapTo(byte[].class).list();
    }

    /** The DER of every certificate issued so far, in case order. */
    public static List<byte[]> issuedCertificates(Handle h) {
        return h.createQuery("SELECT certificate_der FROM ca_response_item WHERE outcome = 'ISSUED' ORDER BY case_id")
                .mapTo(byte[].class).list();
    }

    /** Stores the batch's CA chain; certificates already known are left as they are. */
    public static void insertCaCertificates(Handle h, List<X509CertificateHolder> chain, long batchId, String now) {
        if (chain.isEmpty()) {
            return;
        }
        var caInsert = h.prepareBatch("""
                INSERT INTO ca_certificate (sha256, subject_dn, issuer_dn, not_after, der, batch_id, received_at)
                VALUES (:sha, :subject, :issuer, :notAfter, :der, :batch, :now) ON CONFLICT DO NOTHING""");
        for (X509CertificateHolder ca : chain) {
            byte[] der = encoded(ca);
            caInsert.bind("sha", Pki.sha256Hex(der)).bind("subject", ca.getSubject().toString())
                    .bind("issuer", ca.getIssuer().toString()).bind("notAfter", ca.getNotAfter().toInstant().toString())
                    .bind("der", der).bind("batch", batchId).bind("now", now).add();
        }
        caInsert.execute();
    }

    /** Stores a CRL (once: the same CRL again is ignored). */
    public static void insertCrl(Handle h, X509CRLHolder crl, byte[] der, String number, long batchId, String now) {
        h.createUpdate("""
                INSERT INTO ca_crl (sha256, issuer_dn, crl_number, this_update, next_update, der, batch_id, received_at)
                VALUES (:sha, :issuer, :number, :thisUpdate, :nextUpdate, :der, :batch, :now) ON CONFLICT DO NOTHING""")
                .bind("sha", Pki.sha256Hex(der)).bind("issuer", crl.getIssuer().toString())
                .bind("number", number).bind("thisUpdate", crl.getThisUpdate().toInstant().toString())
                .bind("nextUpdate", crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant().toString())
                .bind("der", der).bind("batch", batchId).bind("now", now).execute();
    }

    /** A certificate issued for a case. */
    public record Issued(long caseId, X509CertificateHolder certificate) {
    }

    /** Records the issued certificates as ISSUED answers, in one JDBC batch. */
    public static void insertIssued(Handle h, List<Issued> issued, long batchId, String now) {
        if (issued.isEmpty()) {
            return;
        }
        var certInsert = h.prepareBatch("""
                INSERT INTO ca_response_item (case_id, batch_id, outcome, certificate_der, certificate_sha256, serial_hex,
                    issuer_dn, subject_dn, not_before, not_after, received_at)
                VALUES (:caseId, :batch, 'ISSUED', :der, :sha, :serial, :issuer, :subject, :notBefore, :notAfter, :now)""");
        for (Issued m : issued) {
            X509CertificateHolder c = m.certificate();
            byte[] der = encoded(c);
            certInsert.bind("caseId", m.caseId()).bind("batch", batchId).bind("der", der).bind("sha", Pki.sha256Hex(der))
                    .bind("serial", c.getSerialNumber().toString(16)).bind("issuer", c.getIssuer().toString())
                    .bind("subject", c.getSubject().toString())
                    .bind("notBefore", c.getNotBefore().toInstant().toString())
                    .bind("notAfter", c.getNotAfter().toInstant().toString()).bind("now", now).add();
        }
        certInsert.execute();
    }

    /** Records a REJECTED answer. */
    public static void insertRejected(Handle h, long caseId, long batchId, String code, String reason, String now) {
        h.createUpdate("""
                INSERT INTO ca_response_item (case_id, batch_id, outcome, reject_code, reject_reason, received_at)
                VALUES (:caseId, :batch, 'REJECTED', :code, :reason, :now)""")
                .bind("caseId", caseId).bind("batch", batchId).bind("code", code).bind("reason", reason)
                .bind("now", now).execute();
    }

    /** Records a token status report. */
    public static void insertTokenUpdate(Handle h, long batchId, String tokenSerial, String status, String reportedAt,
                                         String note, String now) {
        h.createUpdate("""
                INSERT INTO ca_token_update (batch_id, token_serial, status, reported_at, note, received_at)
                VALUES (:batch, :serial, :status, :reportedAt, :note, :now)""")
                .bind("batch", batchId).bind("serial", tokenSerial).bind("status", status)
                .bind("reportedAt", reportedAt).bind("note", note).bind("now", now).execute();
    }

    /** A case found by its CSR key: the batch its request went out in, and the batch that answered it (if any). */
    public record PendingCase(long id, String caseNo, Long requestBatchId, Long answeredInBatch) {
    }

    /** Finds this workstation's cases by CSR key, one statement for a whole batch's lookups. */
    public static final class PendingCases {
        private final Query query;
        private final String workstationId;

        private PendingCases(Query query, String workstationId) {
            this.query = query;
            this.workstationId = workstationId;
        }

        public Optional<PendingCase> byKey(String keySha256) {
            return query.bind("key", keySha256).bind("ws", workstationId)
                    .map((rs, ctx) -> new PendingCase(rs.getLong("id"), rs.getString("case_no"),
                            nullableLong(rs, "request_batch_id"), nullableLong(rs, "answered")))
                    .findOne();
        }
    }

    /** The cases this workstation's requests carried (queued here; ADR 0088), looked up by CSR key. */
    public static PendingCases pendingCases(Handle h, String workstationId) {
        return new PendingCases(h.createQuery("""
                SELECT rc.id, rc.case_no, rc.request_batch_id, ri.batch_id AS answered
                FROM renewal_case rc LEFT JOIN ca_response_item ri ON ri.case_id = rc.id
                WHERE rc.csr_key_sha256 = :key AND COALESCE(rc.queued_by, rc.workstation_id) = :ws"""), workstationId);
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static byte[] encoded(X509CertificateHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
