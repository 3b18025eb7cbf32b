package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** The export is all or nothing: batch row, marked cases, audit event and published file go together. */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class ExportTest {

    @Parameter
    bank.ushield.db.Engine engine;


    @TempDir
    Path tmp;
    Branch branch;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) throws Exception {
        branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
    }

    @Test
    void failureBeforeCommitLeavesNoFileAndNoMarkedCase() throws Exception {
        branch.queueCase(null);
        String before = branch.dump();
        SyncAuditTrail broken = (h, type, outcome, caseId, details) -> {
            throw new IllegalStateException("audit log unavailable");
        };
        RequestBatchExporter exporter = new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, branch.signer,
                broken, AuditCheckpointSource.none(), Branch.CLOCK);

        assertThatThrownBy(exporter::export).isInstanceOf(CaSyncException.class)
                .satisfies(e -> assertThat(((CaSyncException) e).code()).isEqualTo(CaSyncException.Code.EXPORT_FAILED));

        assertThat(branch.dump()).isEqualTo(before);
        try (var files = Files.list(branch.folders.outbox())) {
            assertThat(files).isEmpty();
        }
        // The same cases go out with the next successful export, as sequence 1.
        assertThat(branch.exporter().export().orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void aRestoredDatabaseNeverReplacesABatchFileItDidNotWrite() throws Exception {
        // As after restoring an older backup: the share holds a batch of the number this database would use next.
        branch.queueCase(null);
        branch.folders.create();
        Path theirs = Files.writeString(branch.folders.outbox().resolve(RequestBatchExporter.fileName(Branch.WS, 1)),
                "the batch head office already holds");
        String before = branch.dump();

        assertThatThrownBy(branch.exporter()::export).isInstanceOf(CaSyncException.class)
                .hasMessageContaining("already holds " + theirs.getFileName())
                .hasMessageContaining("restored from a backup");

        assertThat(Files.readString(theirs)).isEqualTo("the batch head office already holds");
        assertThat(branch.dump()).as("no batch row, no case marked sent").isEqualTo(before);
    }

    @Test
    void interruptedRenameIsFinishedAndOrphanTempFilesRemoved() throws Exception {
        branch.queueCase(null);
        ExportedBatch batch = branch.exporter().export().orElseThrow();
        // As if the JVM died after the commit but before the rename (so the row was never marked SENT).
        Path tmpName = branch.folders.outbox().resolve("." + batch.file().getFileName() + ".tmp");
        Files.move(batch.file(), tmpName);
        branch.jdbi.useHandle(h -> h.execute("UPDATE ho_batch SET status = 'WRITTEN' WHERE id = ?", batch.batchId()));
        Path orphan = Files.writeString(branch.folders.outbox().resolve(".REQ-0102-W03-00000099.p7m.tmp"), "half");

        branch.exporter().recoverOutbox();

        assertThat(batch.file()).exists();
        assertThat(tmpName).doesNotExist();
        assertThat(orphan).doesNotExist();
    }

    @Test
    void batchCommittedButNeverInTheOutboxIsWrittenByTheNextSync() throws Exception {
        String caseNo = branch.queueCase(null);
        // The rename into the outbox fails after the commit (a directory squats the name), and the temp file is
        // lost with the process: the database says the batch exists, the outbox has nothing.
        Path squatter = Files.createDirectories(branch.folders.outbox().resolve(RequestBatchExporter.fileName(Branch.WS, 1)));
        Files.writeString(squatter.resolve("x"), "x");
        assertThatThrownBy(() -> branch.exporter().export()).isInstanceOf(CaSyncException.class);
        try (var tmps = Files.newDirectoryStream(branch.folders.outbox(), ".REQ-*.tmp")) {
            for (Path t : tmps) {
                Files.delete(t);
            }
        }
        Files.delete(squatter.resolve("x"));
        Files.delete(squatter);
        String recordedSha = branch.jdbi.withHandle(h -> h.createQuery(
                "SELECT sha256 FROM ho_batch WHERE direction = 'OUT' AND sequence = 1").mapTo(String.class).one());

        // The next sync: nothing new is queued, but the committed batch reaches the outbox, byte for byte.
        assertThat(branch.exporter().export()).isEmpty();
        Path file = branch.folders.outbox().resolve(RequestBatchExporter.fileName(Branch.WS, 1));
        assertThat(file).isRegularFile();
        assertThat(bank.ushield.casync.format.Pki.sha256Hex(Files.readAllBytes(file))).isEqualTo(recordedSha);
        var payload = bank.ushield.casync.format.BatchFormat.decodeRequest(new bank.ushield.casync.format.SignedBatchReader(
                java.util.List.of(branch.signer.certificate()), 1 << 20).read(file).payload());
        assertThat(payload.requests()).extracting(r -> r.requestId()).containsExactly(caseNo);
        branch.jdbi.useHandle(h -> assertThat(h.createQuery("SELECT status || ':' || CASE WHEN content IS NULL "
                + "THEN 1 ELSE 0 END FROM ho_batch WHERE direction = 'OUT' AND sequence = 1").mapTo(String.class).one())
                .isEqualTo("SENT:1"));
    }

    @Test
    void unusableCsrIsHeldBackAndReported() throws Exception {
        String good = branch.queueCase(null);
        String bad = branch.queueCase(null);
        branch.jdbi.useHandle(h -> h.execute("UPDATE renewal_case SET csr_key_sha256 = ? WHERE case_no = ?",
                "00".repeat(32), bad));

        ExportedBatch batch = branch.exporter().export().orElseThrow();

        assertThat(batch.requests()).isEqualTo(1);
        assertThat(batch.skippedCases()).containsExactly(bad);
        branch.jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT request_batch_id FROM renewal_case WHERE case_no = ?").bind(0, bad)
                    .mapTo(Long.class).findOne()).isEmpty();
            assertThat(h.createQuery("SELECT request_batch_id FROM renewal_case WHERE case_no = ?").bind(0, good)
                    .mapTo(Long.class).one()).isEqualTo(batch.batchId());
        });
    }

    @Test
    void latestAuditCheckpointTravelsWithTheBatch() throws Exception {
        branch.queueCase(null);
        AuditCheckpoint cp = new AuditCheckpoint(42, "ab".repeat(32), "2026-11-25T02:00:00Z", "cd".repeat(32), "note", new byte[] {1, 2, 3});
        RequestBatchExporter exporter = new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, branch.signer,
                branch.audit, h -> Optional.of(cp), Branch.CLOCK);

        ExportedBatch batch = exporter.export().orElseThrow();

        var payload = bank.ushield.casync.format.BatchFormat.decodeRequest(new bank.ushield.casync.format.SignedBatchReader(
                java.util.List.of(branch.signer.certificate()), 1 << 20).read(batch.file()).payload());
        assertThat(payload.auditCheckpoint().treeSize()).isEqualTo(42);
        assertThat(payload.auditCheckpoint().signature()).containsExactly(1, 2, 3);
        assertThat(payload.manifest().auditCheckpoint()).isTrue();
    }
}
