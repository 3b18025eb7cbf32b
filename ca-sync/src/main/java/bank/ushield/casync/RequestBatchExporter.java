package bank.ushield.casync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchSigner;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.RequestBatch.AuditAnchor;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;
import bank.ushield.casync.format.RequestBatch.CertificateRequest;
import bank.ushield.casync.format.RequestBatch.RevocationRequest;
import bank.ushield.casync.store.BatchStore;
import bank.ushield.casync.store.BatchStore.QueuedCase;
import bank.ushield.db.RenewalCaseRepository;
import bank.ushield.db.WorkPhaseEvent;

/**
 * Writes the next request batch of this workstation: every case in state CSR_QUEUED not yet sent, the certificate
 * each one supersedes, the revocations queued on their own ({@link RevocationQueue}), and the latest audit
 * checkpoint, signed by the workstation key. The batch row, the cases'
 * request_batch_id and the audit event are one transaction; the file appears in the outbox by atomic rename only
 * after that transaction committed.
 */
public final class RequestBatchExporter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBatchExporter.class);
    /** Audit event type of a written request batch. */
    public static final String EVENT_EXPORTED = "CA_REQUEST_BATCH_EXPORTED";

    private final Jdbi jdbi;
    private final String workstationId;
    private final SyncFolders folders;
    private final BatchSigner signer;
    private final SyncAuditTrail audit;
    private final AuditCheckpointSource checkpoints;
    private final RevocationQueue revocationQueue;
    private final Clock clock;
    private final RenewalCaseRepository cases;

    public RequestBatchExporter(Jdbi jdbi, String workstationId, SyncFolders folders, BatchSigner signer,
                                SyncAuditTrail audit, AuditCheckpointSource checkpoints, Clock clock) {
        this(jdbi, workstationId, folders, signer, audit, checkpoints, RevocationQueue.none(), clock);
    }

    /**
     * An exporter that also sends the revocations of {@code revocationQueue}; a batch is written when a request or
     * such a revocation waits.
     */
    public RequestBatchExporter(Jdbi jdbi, String workstationId, SyncFolders folders, BatchSigner signer,
                                SyncAuditTrail audit, AuditCheckpointSource checkpoints,
                                RevocationQueue revocationQueue, Clock clock) {
        this.revocationQueue = revocationQueue;
        this.jdbi = jdbi;
        this.workstationId = workstationId;
        this.folders = folders;
        this.signer = signer;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.cases = new RenewalCaseRepository(jdbi, clock);
    }

    /** What one export wrote. */
    public record ExportedBatch(long batchId, long sequence, Path file, int requests, int revocations,
                                List<String> skippedCases) {
    }

    /** The file name of request batch {@code sequence} of a workstation. */
    public static String fileName(String workstationId, long sequence) {
        return String.format("REQ-%s-%08d.p7m", workstationId, sequence);
    }

    /** The folders batches go out through. */
    public SyncFolders folders() {
        return folders;
    }

    /**
     * Writes the next batch, or returns empty when no case and no queued revocation waits to be sent and no
     * checkpoint-only batch is due ({@link AuditCheckpointSource#anchorDue}).
     */
    public Optional<ExportedBatch> export() {
        recoverOutbox();
        checkpoints.beforeExport();
        Path[] tmp = new Path[1];
        ExportedBatch batch;
        try {
            batch = jdbi.inTransaction(h -> writeBatch(h, tmp));
        } catch (IOException e) {
            deleteQuietly(tmp[0]);
            throw new CaSyncException(CaSyncException.Code.FILE_IO,
                    "The request batch file could not be written to " + folders.outbox() + "; no case was marked as sent", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp[0]);
            if (e instanceof CaSyncException) {
                throw e;
            }
            throw new CaSyncException(CaSyncException.Code.EXPORT_FAILED,
                    "The request batch could not be written; no case was marked as sent", e);
        }
        if (batch == null) {
            return Optional.empty();
        }
        publish(tmp[0], batch.file());
        markSent(batch.batchId());
        LOG.info("Request batch {} written: {} requests, {} revocations", batch.file().getFileName(),
                batch.requests(), batch.revocations());
        return Optional.of(batch);
    }

    private ExportedBatch writeBatch(Handle h, Path[] tmp) throws IOException {
        List<QueuedCase> cases = BatchStore.queuedCases(h, workstationId);
        List<CertificateRequest> requests = new ArrayList<>();
        List<RevocationRequest> revocations = new ArrayList<>();
        List<Long> caseIds = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        // CSR signature checks are pure CPU: spread them over the cores, keep the case order.
        List<String> problems = cases.parallelStream().map(RequestBatchExporter::checkCsr).toList();
        for (int i = 0; i < cases.size(); i++) {
            QueuedCase c = cases.get(i);
            String problem = problems.get(i);
            if (problem != null) {
                // One broken request must not hold back the others; it stays queued and is reported.
                LOG.warn("Case {} not sent: {}", c.caseNo(), problem);
                skipped.add(c.caseNo());
                continue;
            }
            requests.add(new CertificateRequest(c.caseNo(), c.customerNo(), c.tokenSerial(), c.keySha256(), c.csr()));
            if (c.oldSerial() != null) {
                revocations.add(new RevocationRequest(c.caseNo(), c.oldIssuer(), c.oldSerial(), c.oldSha256(),
                        "superseded"));
            }
            caseIds.add(c.id());
        }
        List<RevocationQueue.QueuedRevocation> queued = revocationQueue.unsent(h);
        queued.forEach(q -> revocations.add(q.request()));
        if (requests.isEmpty() && queued.isEmpty()
                && !checkpoints.anchorDue(h, BatchStore.lastRequestBatchAt(h, workstationId).orElse(null))) {
            return null;
        }
        String branch = BatchStore.branchOf(h, workstationId).orElse(null);
        long sequence = BatchStore.nextRequestSequence(h, workstationId);
        AuditCheckpoint checkpoint = checkpoints.latest(h).orElse(null);
        AuditAnchor anchor = checkpoint == null ? null : checkpoints.anchor(h, checkpoint).orElse(null);
        String now = clock.instant().toString();
        RequestBatch payload = RequestBatch.of(workstationId, branch, sequence, now, requests, revocations, checkpoint,
                anchor);
        byte[] signed = signer.sign(BatchFormat.encode(payload));
        String name = fileName(workstationId, sequence);
        if (Files.isRegularFile(folders.outbox().resolve(name))) {
            // A number this database never used is in the share: the database is older than the share (a restored
            // backup). Replacing the file would destroy a batch head office may hold; head office refuses the number.
            throw new CaSyncException(CaSyncException.Code.EXPORT_FAILED, "The outbox already holds " + name
                    + ", which this database did not write: the database is older than the head-office folder "
                    + "(restored from a backup?). Nothing was sent and the file was kept; tell head office "
                    + "(docs/production-mode.md, \"Backup and restore\")", null);
        }
        tmp[0] = folders.outbox().resolve("." + name + ".tmp");
        writeDurably(tmp[0], signed);
        String sha256 = Pki.sha256Hex(signed);
        long batchId = BatchStore.insertRequestBatch(h, workstationId, sequence, name, sha256,
                requests.size() + revocations.size(),
                requests.size() + " requests, " + revocations.size() + " revocations", now);
        BatchStore.storeRequestContent(h, batchId, signed);
        int[] marked = this.cases.markRequestBatch(h, batchId, now, caseIds);
        for (int m : marked) {
            if (m != 1) {
                throw new IllegalStateException("A queued case changed while the batch was written");
            }
        }
        revocationQueue.markSent(h, queued, batchId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", name);
        details.put("sequence", sequence);
        details.put("sha256", sha256);
        details.put("requests", requests.size());
        details.put("revocations", revocations.size());
        if (!queued.isEmpty()) {
            details.put("queuedRevocations", queued.size());
        }
        details.put("auditCheckpointTreeSize", checkpoint == null ? null : checkpoint.treeSize());
        details.put("anchoredFrom", anchor == null ? null : anchor.fromTreeSize());
        if (!skipped.isEmpty()) {
            details.put("skippedCases", skipped);
        }
        audit.record(h, EVENT_EXPORTED, "SUCCESS", null, details);
        return new ExportedBatch(batchId, sequence, folders.outbox().resolve(name), requests.size(),
                revocations.size(), List.copyOf(skipped));
    }

    /** Null when the stored CSR is sound: parses, is self-signed correctly, and its key hash is the stored one. */
    private static String checkCsr(QueuedCase c) {
        if (c.csr() == null || c.keySha256() == null) {
            return "no CSR stored";
        }
        try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.SIGNATURE)) {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(c.csr());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.BC).build(csr.getSubjectPublicKeyInfo()))) {
                return "the CSR's signature does not verify";
            }
            if (!Pki.keySha256(csr.getSubjectPublicKeyInfo()).equalsIgnoreCase(c.keySha256())) {
                return "csr_key_sha256 is not the hash of the CSR's public key";
            }
            return null;
        } catch (Exception e) {
            return "the CSR cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Finishes an export interrupted after its commit: every request batch still WRITTEN gets its file into the
     * outbox, from the temp file when it survived, else from the signed bytes kept in its row (a kill between commit
     * and file, or a lost temp file); then it is marked SENT. A temp file without a committed row is left over from
     * a rolled-back export and deleted.
     */
    public void recoverOutbox() {
        folders.create();
        try {
            for (BatchStore.UnsentBatch b : jdbi.withHandle(h -> BatchStore.unsentRequestBatches(h, workstationId))) {
                Path target = folders.outbox().resolve(b.fileName());
                Path tmp = folders.outbox().resolve("." + b.fileName() + ".tmp");
                if (Files.exists(target) && b.sha256().equals(Pki.sha256Hex(Files.readAllBytes(target)))) {
                    markSent(b.id());
                } else if (Files.exists(tmp) && b.sha256().equals(Pki.sha256Hex(Files.readAllBytes(tmp)))) {
                    publish(tmp, target);
                    markSent(b.id());
                    LOG.info("Recovered request batch {} written before an interruption", b.fileName());
                } else if (b.content() != null && b.sha256().equals(Pki.sha256Hex(b.content()))) {
                    writeDurably(tmp, b.content());
                    publish(tmp, target);
                    markSent(b.id());
                    LOG.warn("Request batch {} was committed but its file never reached the outbox; written now",
                            b.fileName());
                }
                // else: a row from before V22 (no kept bytes): its file was handed over long ago.
            }
            try (DirectoryStream<Path> tmps = Files.newDirectoryStream(folders.outbox(), ".REQ-*.tmp")) {
                for (Path tmp : tmps) {
                    Files.delete(tmp);
                }
            }
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "Cannot tidy the outbox " + folders.outbox(), e);
        }
    }

    private void markSent(long batchId) {
        jdbi.useHandle(h -> BatchStore.markRequestSent(h, batchId));
    }

    static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.FILE_SYNC);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void publish(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "The request batch was recorded but could not be "
                    + "moved into the outbox; it will be moved at the next export", e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}", p, e);
            }
        }
    }
}
