package bank.ushield.casync.store;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The SQL of ca-sync's batch bookkeeping: the ho_batch rows of request batches, the workstation's branch, and the
 * queued cases a request batch takes (renewal_case read with its customer, token and old certificate).
 */
public final class BatchStore {

    private BatchStore() {
    }

    /** A case queued for head office: its CSR and, for a renewal, the certificate it replaces. */
    public record QueuedCase(long id, String caseNo, byte[] csr, String keySha256, String customerNo,
                             String tokenSerial, String oldIssuer, String oldSerial, String oldSha256) {
    }

    /**
     * The workstation's cases in CSR_QUEUED not yet in a request batch, oldest first: those it queued (in a branch a
     * case opened at one counter may be queued at another; ADR 0088), or, queued before that was recorded, opened.
     */
    public static List<QueuedCase> queuedCases(Handle h, String workstationId) {
        return h.createQuery("""
                SELECT rc.id, rc.case_no, rc.csr_der, rc.csr_key_sha256, c.customer_no, t.serial AS token_serial,
                       oc.issuer_dn AS old_issuer, oc.serial_hex AS old_serial, oc.sha256_fingerprint AS old_sha256
                FROM renewal_case rc
                LEFT JOIN customer c ON c.id = rc.customer_id
                LEFT JOIN token t ON t.id = rc.token_id
                LEFT JOIN certificate oc ON oc.id = rc.old_certificate_id
                WHERE COALESCE(rc.queued_by, rc.workstation_id) = :ws AND rc.state = 'CSR_QUEUED'
                  AND rc.request_batch_id IS NULL
                ORDER BY rc.id""")
                .bind("ws", workstationId)
                .map((rs, ctx) -> new QueuedCase(rs.getLong("id"), rs.getString("case_no"), rs.getBytes("csr_der"),
                        rs.getString("csr_key_sha256"), rs.getString("customer_no"), rs.getString("token_serial"),
                        rs.getString("old_issuer"), rs.getString("old_serial"), rs.getString("old_sha256")))
                .list();
    }

    /** The branch the workstation belongs to, if it is set up in this database. */
    public static Optional<String> branchOf(Handle h, String workstationId) {
        return h.createQuery("SELECT branch_id FROM workstation WHERE id = :ws")
                .bind("ws", workstationId).mapTo(String.class).findOne();
    }

    /** The sequence number of the workstation's next request batch. */
    public static long nextRequestSequence(Handle h, String workstationId) {
        return h.createQuery("""
                SELECT COALESCE(MAX(sequence), 0) + 1 FROM ho_batch WHERE direction = 'OUT' AND workstation_id = :ws""")
                .bind("ws", workstationId).mapTo(Long.class).one();
    }

    /** A committed request batch whose file is not known to be in the outbox yet (status WRITTEN). */
    public record UnsentBatch(long id, String fileName, String sha256, byte[] content) {
    }

    /** The workstation's request batches committed but not yet marked as handed to the outbox. */
    public static List<UnsentBatch> unsentRequestBatches(Handle h, String workstationId) {
        return h.createQuery("""
                SELECT id, file_name, sha256, content FROM ho_batch
                WHERE direction = 'OUT' AND workstation_id = :ws AND status = 'WRITTEN' ORDER BY sequence""")
                .bind("ws", workstationId)
                .map((rs, ctx) -> new UnsentBatch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .list();
    }

    /** Keeps the signed bytes of a request batch until its file is in the outbox. */
    public static void storeRequestContent(Handle h, long batchId, byte[] content) {
        h.createUpdate("UPDATE ho_batch SET content = :c WHERE id = :id").bind("c", content).bind("id", batchId).execute();
    }

    /** The file is in the outbox: status SENT, the kept bytes dropped. */
    public static void markRequestSent(Handle h, long batchId) {
        h.createUpdate("UPDATE ho_batch SET status = 'SENT', content = NULL WHERE id = :id AND status = 'WRITTEN'")
                .bind("id", batchId).execute();
    }

    /** The id of the workstation's request batch with that sequence, if it wrote one. */
    public static Optional<Long> requestBatchId(Handle h, String workstationId, long sequence) {
        return h.createQuery("SELECT id FROM ho_batch WHERE direction = 'OUT' AND workstation_id = :ws AND sequence = :seq")
                .bind("ws", workstationId).bind("seq", sequence).mapTo(Long.class).findOne();
    }

    /**
     * Puts a case sent in {@code batchId} back in the queue of cases to send (head office refused that batch
     * unread); true when it was there, still waiting for its certificate.
     */
    public static boolean requeueCase(Handle h, long caseId, long batchId) {
        return h.createUpdate("""
                UPDATE renewal_case SET request_batch_id = NULL
                 WHERE id = :id AND request_batch_id = :batch AND state = 'CSR_QUEUED'""")
                .bind("id", caseId).bind("batch", batchId).execute() == 1;
    }

    /** The sequence number of the request batch with that id. */
    public static long requestBatchSequence(Handle h, long batchId) {
        return h.createQuery("SELECT sequence FROM ho_batch WHERE id = :id AND direction = 'OUT'")
                .bind("id", batchId).mapTo(Long.class).one();
    }

    /** When the workstation's newest request batch was written, if any. */
    public static Optional<java.time.Instant> lastRequestBatchAt(Handle h, String workstationId) {
        return h.createQuery("""
                SELECT created_at FROM ho_batch WHERE direction = 'OUT' AND workstation_id = :ws ORDER BY sequence DESC LIMIT 1""")
                .bind("ws", workstationId).mapTo(String.class).findOne().map(java.time.Instant::parse);
    }

    /** Records a request batch just written (status WRITTEN); returns its id. */
    public static long insertRequestBatch(Handle h, String workstationId, long sequence, String fileName,
                                          String sha256, int itemCount, String detail, String now) {
        return h.createUpdate("""
                INSERT INTO ho_batch (direction, workstation_id, sequence, file_name, sha256, status, item_count, detail, created_at)
                VALUES ('OUT', :ws, :seq, :name, :sha, 'WRITTEN', :count, :detail, :now)""")
                .bind("ws", workstationId).bind("seq", sequence).bind("name", fileName).bind("sha", sha256)
                .bind("count", itemCount)
                .bind("detail", detail)
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** The recorded SHA-256 of the request batch file of that name, if it was recorded. */
    public static Optional<String> requestBatchSha256(Handle h, String fileName) {
        return h.createQuery("SELECT sha256 FROM ho_batch WHERE direction = 'OUT' AND file_name = :n")
                .bind("n", fileName).mapTo(String.class).findOne();
    }

    /** The recorded SHA-256 of the workstation's response batch with that sequence, if it was imported. */
    public static Optional<String> responseBatchSha256(Handle h, String workstationId, long sequence) {
        return h.createQuery("""
                SELECT sha256 FROM ho_batch WHERE direction = 'IN' AND workstation_id = :ws AND sequence = :seq""")
                .bind("ws", workstationId).bind("seq", sequence).mapTo(String.class).findOne();
    }

    /** The sequence of the last response batch imported, 0 before the first. */
    public static long lastResponseSequence(Handle h, String workstationId) {
        return h.createQuery("""
                SELECT COALESCE(MAX(sequence), 0) FROM ho_batch WHERE direction = 'IN' AND workstation_id = :ws""")
                .bind("ws", workstationId).mapTo(Long.class).one();
    }

    /** Records an imported response batch (status IMPORTED); returns its id. */
    public static long insertResponseBatch(Handle h, String workstationId, long sequence, String fileName,
                                           String sha256, int itemCount, String detail, String now) {
        return h.createUpdate("""
                INSERT INTO ho_batch (direction, workstation_id, sequence, file_name, sha256, status, item_count, detail, created_at)
                VALUES ('IN', :ws, :seq, :name, :sha, 'IMPORTED', :count, :detail, :now)""")
                .bind("ws", workstationId).bind("seq", sequence).bind("name", fileName)
                .bind("sha", sha256)
                .bind("count", itemCount)
                .bind("detail", detail)
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }
}
