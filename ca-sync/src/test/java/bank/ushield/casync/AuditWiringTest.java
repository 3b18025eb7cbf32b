package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** ca-sync wired to the real audit log and workstation key, as training mode and production use it. */
@ExtendWith(DatabaseFileExtension.class)
class AuditWiringTest {

    @TempDir
    Path tmp;

    @Test
    void trainingRoundTripIsAuditedAndCarriesASignedCheckpoint(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("unused"));
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(tmp.resolve("data"), Branch.WS, KeystorePassword.training());
        try (AuditLog log = AuditLog.open(branch.db, Branch.WS, Branch.CLOCK)) {
            String c1 = branch.queueCase(null);
            String c2 = branch.queueCase(null);
            log.append(bank.ushield.audit.AuditEvent.builder(AuditEventType.CASE_CSR_QUEUED, bank.ushield.audit.AuditOutcome.OK)
                    .actor("t01", "TELLER").build());
            InProcessHeadOffice office = CaSyncSetup.training(branch.db, log, keys, tmp.resolve("training"),
                    new CaseStateResponseListener(Branch.CLOCK), Branch.CLOCK);

            SyncSummary summary = office.roundTrip(RejectionPolicy.byRequestId(Map.of(c2, "Training: refused"))).summary();

            assertThat(summary.requestsSent()).isEqualTo(2);
            assertThat(summary.certificatesReceived()).isEqualTo(1);
            assertThat(summary.rejections()).isEqualTo(1);
            assertThat(branch.state(c1)).isEqualTo("CERT_RECEIVED");
            assertThat(types(log)).contains(AuditEventType.CHECKPOINT_SIGNED, AuditEventType.BATCH_EXPORTED,
                    AuditEventType.BATCH_IMPORTED);
            assertThat(AuditVerifier.verify(branch.db).ok()).isTrue();

            // The request batch, signed by the workstation key, carries the checkpoint signed at this sync.
            Path sent;
            try (var files = Files.list(tmp.resolve("training/headoffice/received"))) {
                sent = files.findFirst().orElseThrow();
            }
            RequestBatch request = BatchFormat.decodeRequest(new SignedBatchReader(
                    List.of(KeyBatchSigner.forWorkstation(keys).certificate()), 1 << 20).read(sent).payload());
            RequestBatch.AuditCheckpoint cp = request.auditCheckpoint();
            assertThat(cp).isNotNull();
            assertThat(cp.treeSize()).isEqualTo(1);
            assertThat(cp.keyId()).isEqualTo(keys.keyId());
            assertThat(WorkstationKeys.verify(keys.certificate().getPublicKey(),
                    cp.note().getBytes(StandardCharsets.UTF_8), cp.signature())).isTrue();
        }
    }

    @Test
    void failedImportRollsBackItsAuditEntriesWithEverythingElse(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(tmp.resolve("data"), Branch.WS, KeystorePassword.training());
        try (AuditLog log = AuditLog.open(branch.db, Branch.WS, Branch.CLOCK)) {
            HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("ho"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
            KeyBatchSigner signer = KeyBatchSigner.forWorkstation(keys);
            headOffice.registerWorkstation(Branch.WS, signer.certificate());
            AuditLogSyncTrail trail = new AuditLogSyncTrail(log);
            String c1 = branch.queueCase(null);
            var batch = new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, signer, trail,
                    new AuditLogCheckpoints(log, keys), Branch.CLOCK).export().orElseThrow();
            headOffice.process(batch.file(), branch.folders.inbox(), RejectionPolicy.none());
            long sizeBefore = log.size();

            ResponseBatchImporter crashing = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                    headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), trail, Branch.CLOCK,
                    64L << 20, step -> {
                        if (step == ImportStep.AUDITED) {
                            throw new IllegalStateException("injected");
                        }
                    });
            // The sync goes on; the file stays in the inbox for the next one.
            assertThat(crashing.importInbox()).singleElement().isInstanceOf(ImportResult.Deferred.class);

            // Only the failure's own entry was added; the import's entry rolled back with the import.
            assertThat(log.size()).isEqualTo(sizeBefore + 1);
            assertThat(log.entry(sizeBefore).orElseThrow().outcome()).isEqualTo(bank.ushield.audit.AuditOutcome.FAILED);
            assertThat(AuditVerifier.verify(branch.db).ok()).isTrue();
            assertThat(branch.state(c1)).isEqualTo("CSR_QUEUED");

            ResponseBatchImporter importer = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                    headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), trail, Branch.CLOCK);
            assertThat(importer.importInbox()).singleElement().isInstanceOf(Imported.class);
            assertThat(AuditVerifier.verify(branch.db).ok()).isTrue();
            assertThat(branch.state(c1)).isEqualTo("CERT_RECEIVED");
        }
    }

    private static List<AuditEventType> types(AuditLog log) {
        List<AuditEventType> types = new ArrayList<>();
        for (long seq = 0; seq <= log.size(); seq++) {
            log.entry(seq).map(AuditEntry::type).ifPresent(types::add);
        }
        return types;
    }
}
