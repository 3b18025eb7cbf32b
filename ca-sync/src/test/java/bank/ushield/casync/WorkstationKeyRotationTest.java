package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.MutableClock;
import bank.ushield.testsupport.OpenSsl;

/**
 * Workstation key rotation against the head-office simulator on real files and real CMS (ADR 0080): the new key is
 * refused until the hand-over signed by the old key is presented, then both keys are accepted until the overlap
 * ends, then only the new one; the audit log verifies across the rotation and openssl checks the hand-over.
 */
@ExtendWith(DatabaseFileExtension.class)
class WorkstationKeyRotationTest {

    @TempDir
    Path tmp;
    Branch branch;
    AuditLog log;
    HeadOfficeSimulator headOffice;
    final MutableClock headOfficeClock = new MutableClock(Instant.now());

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    private InProcessHeadOffice office(WorkstationKeys keys) {
        AuditLogSyncTrail trail = new AuditLogSyncTrail(log);
        return new InProcessHeadOffice(new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders,
                KeyBatchSigner.forWorkstation(keys), trail, new AuditLogCheckpoints(log, keys), Branch.CLOCK),
                headOffice, new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), trail, Branch.CLOCK),
                branch.folders, tmp.resolve("ho"));
    }

    private RequestBatchExporter exporter(WorkstationKeys keys) {
        return new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, KeyBatchSigner.forWorkstation(keys),
                new AuditLogSyncTrail(log), new AuditLogCheckpoints(log, keys), Branch.CLOCK);
    }

    private void activity(int n) {
        for (int i = 0; i < n; i++) {
            log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("t01", "TELLER")
                    .detail("marker", "m" + i).build());
        }
    }

    @Test
    void theNewKeyIsAcceptedAfterTheHandOverBothDuringTheOverlapThenOnlyTheNew(DatabaseFile file) throws Exception {
        branch = new Branch(file.path(), tmp.resolve("sync"));
        Path data = tmp.resolve("data");
        WorkstationKeys old = WorkstationKeys.loadOrCreate(data, Branch.WS, KeystorePassword.training());
        log = AuditLog.open(branch.db, Branch.WS, Branch.CLOCK);
        headOffice = HeadOfficeSimulator.open(tmp.resolve("ho"), headOfficeClock, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, KeyBatchSigner.forWorkstation(old).certificate());
        activity(4);
        String first = branch.queueCase(null);
        office(old).roundTrip(RejectionPolicy.none());
        assertThat(branch.state(first)).isEqualTo("CERT_RECEIVED");

        WorkstationKeys.Rotation rotation = WorkstationKeys.rotate(data, Branch.WS, KeystorePassword.training());
        WorkstationKeys current = rotation.current();
        assertThat(current.keyId()).isNotEqualTo(old.keyId());
        assertThat(WorkstationKeys.open(data, KeystorePassword.training()).keyId()).isEqualTo(current.keyId());
        assertThat(WorkstationKeys.retired(data, KeystorePassword.training()))
                .as("the keystore keeps the old key").extracting(WorkstationKeys::keyId).containsExactly(old.keyId());

        // Signed with the new key before head office has the hand-over: refused, in words.
        activity(3);
        String second = branch.queueCase(null);
        Path batch = exporter(current).export().orElseThrow().file();
        assertThatThrownBy(() -> headOffice.process(batch, branch.folders.inbox(), RejectionPolicy.none()))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(RejectionCode.WRONG_SIGNER))
                .hasMessageContaining("which is not the trusted (pinned) certificate");

        // A hand-over signed by the new key itself is no hand-over.
        assertThatThrownBy(() -> headOffice.presentKeyHandover(Branch.WS,
                KeyBatchSigner.forWorkstation(current).certificate(), rotation.statement(),
                current.sign(rotation.statement()), headOfficeClock.instant().plus(Duration.ofDays(30))))
                .isInstanceOf(HeadOfficeSimulator.HandoverRefusedException.class)
                .hasMessageContaining("not signed by the key registered");
        // Nor one that names another certificate than the one presented.
        WorkstationKeys stranger = WorkstationKeys.loadOrCreate(tmp.resolve("other"), "0102-W99",
                KeystorePassword.training());
        assertThatThrownBy(() -> headOffice.presentKeyHandover(Branch.WS,
                KeyBatchSigner.forWorkstation(stranger).certificate(), rotation.statement(), rotation.signature(),
                headOfficeClock.instant().plus(Duration.ofDays(30))))
                .isInstanceOf(HeadOfficeSimulator.HandoverRefusedException.class)
                .hasMessageContaining("does not name");

        // openssl, as head office would, checks the statement with the old certificate alone.
        Path ho = Files.createDirectories(tmp.resolve("ho-desk"));
        Files.writeString(ho.resolve("old.pem"), old.certificatePem());
        Files.write(ho.resolve("handover.txt"), rotation.statement());
        Files.write(ho.resolve("handover.sig"), rotation.signature());
        Files.writeString(ho.resolve("old.pub"), OpenSsl.run(ho, "x509", "-in", "old.pem", "-pubkey", "-noout"));
        assertThat(OpenSsl.run(ho, "dgst", "-sha256", "-verify", "old.pub", "-signature", "handover.sig",
                "handover.txt")).contains("Verified OK");
        assertThat(new String(rotation.statement(), StandardCharsets.UTF_8))
                .contains("new-certificate-sha256: " + WorkstationKeys.fingerprint(current.certificate()));

        headOffice.presentKeyHandover(Branch.WS, KeyBatchSigner.forWorkstation(current).certificate(),
                rotation.statement(), rotation.signature(), headOfficeClock.instant().plus(Duration.ofDays(30)));
        HeadOfficeSimulator.Processed answered = headOffice.process(batch, branch.folders.inbox(),
                RejectionPolicy.none());
        assertThat(answered.anchorRefused()).isFalse();
        assertThat(answered.issued()).isEqualTo(1);
        Files.delete(batch);
        office(current).roundTrip(RejectionPolicy.none());
        assertThat(branch.state(second)).isEqualTo("CERT_RECEIVED");

        // In the overlap a batch the old key signed (a second workstation process not yet restarted) still goes.
        activity(2);
        String third = branch.queueCase(null);
        office(old).roundTrip(RejectionPolicy.none());
        assertThat(branch.state(third)).isEqualTo("CERT_RECEIVED");

        // After the overlap only the new key.
        headOfficeClock.advance(Duration.ofDays(31));
        branch.queueCase(null);
        Path late = exporter(old).export().orElseThrow().file();
        assertThatThrownBy(() -> headOffice.process(late, branch.folders.inbox(), RejectionPolicy.none()))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(RejectionCode.WRONG_SIGNER));

        // The log's heads were signed by both keys; verify checks each with its own.
        assertThat(log.checkpoints()).extracting(h -> h.keyId()).contains(old.keyId(), current.keyId());
        assertThat(AuditVerifier.verify(branch.db).ok()).isTrue();
        // With trusted certificates given (audit verify --cert), both are needed: the new one alone leaves old heads.
        assertThat(AuditVerifier.verifyFile(file.path(), java.util.List.of(old.certificate(), current.certificate()))
                .ok()).isTrue();
        assertThat(AuditVerifier.verifyFile(file.path(), java.util.List.of(current.certificate())).ok()).isFalse();
    }
}
