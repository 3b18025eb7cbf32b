package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CheckpointTest {

    @Parameter
    Engine engine;


    @TempDir
    Path dir;

    @Test
    void workstationKeyIsCreatedOnceAndReopenedWithItsPassword() {
        WorkstationKeys created = WorkstationKeys.loadOrCreate(dir, "0102-W03", KeystorePassword.training());
        assertThat(Files.exists(dir.resolve(WorkstationKeys.FILE_NAME))).isTrue();
        assertThat(created.certificate().getSubjectX500Principal().getName()).contains("CN=0102-W03");
        WorkstationKeys reopened = WorkstationKeys.loadOrCreate(dir, "ignored", KeystorePassword.training());
        assertThat(reopened.keyId()).isEqualTo(created.keyId());

        assertThatThrownBy(() -> WorkstationKeys.loadOrCreate(dir, "0102-W03", "wrong"::toCharArray))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("wrong password")
                .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo(AuditException.Code.KEYSTORE));
    }

    @Test
    void passwordArrayIsWipedAfterUse() {
        char[][] handedOut = new char[1][];
        WorkstationKeys.loadOrCreate(dir, "W1", () -> handedOut[0] = "s3cret-pass".toCharArray());
        assertThat(new String(handedOut[0])).isEqualTo("\0".repeat(11));
    }

    @Test
    void signedTreeHeadIsVerifiedByOpenssl(DatabaseFile file, PostgresDatabase pg) throws Exception {
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir, "0102-W03", KeystorePassword.training());
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            for (int i = 0; i < 5; i++) {
                log.append(AuditLogTest.event(AuditEventType.LOGIN_OK, "t", i));
            }
            SignedTreeHead sth = log.checkpoint(keys);
            assertThat(sth.head().size()).isEqualTo(5);
            assertThat(sth.head().rootHash()).isEqualTo(log.treeHead(5).rootHash());
            assertThat(sth.note()).isEqualTo("ushield-audit/0102-W03\n5\n" + sth.head().rootBase64() + "\ntime "
                    + AuditEntry.formatTime(sth.signedAt()) + "\n");
            assertThat(log.size()).as("the checkpoint is itself recorded").isEqualTo(6);
            assertThat(log.entry(5).orElseThrow().type()).isEqualTo(AuditEventType.CHECKPOINT_SIGNED);
            assertThat(sth.verify(keys.certificate().getPublicKey())).isTrue();

            // What head office receives is the signed note text; read back, it verifies the same.
            SignedTreeHead received = SignedTreeHead.parse(sth.signedNote());
            assertThat(received.note()).isEqualTo(sth.note());
            assertThat(received.head().size()).isEqualTo(5);
            assertThat(received.head().rootHash()).isEqualTo(sth.head().rootHash());
            assertThat(received.verify(keys.certificate().getPublicKey())).isTrue();
            SignedTreeHead forged = SignedTreeHead.parse(sth.signedNote().replace("\n5\n", "\n4\n"));
            assertThat(forged.verify(keys.certificate().getPublicKey())).isFalse();

            Files.writeString(dir.resolve("cert.pem"), keys.certificatePem());
            Files.write(dir.resolve("note.txt"), sth.note().getBytes(StandardCharsets.UTF_8));
            Files.write(dir.resolve("note.sig"), sth.signature());
            Openssl.Result pub = Openssl.run("x509", "-in", dir.resolve("cert.pem").toString(), "-pubkey", "-noout",
                    "-out", dir.resolve("pub.pem").toString());
            assertThat(pub.exitCode()).as(pub.output()).isZero();
            Openssl.Result ok = Openssl.run("dgst", "-sha256", "-verify", dir.resolve("pub.pem").toString(),
                    "-signature", dir.resolve("note.sig").toString(), dir.resolve("note.txt").toString());
            assertThat(ok.output()).contains("Verified OK");

            Files.writeString(dir.resolve("note.txt"), sth.note().replace("\n5\n", "\n4\n"));
            Openssl.Result bad = Openssl.run("dgst", "-sha256", "-verify", dir.resolve("pub.pem").toString(),
                    "-signature", dir.resolve("note.sig").toString(), dir.resolve("note.txt").toString());
            assertThat(bad.exitCode()).isNotZero();
        }
    }

    @Test
    void inclusionAndConsistencyProofsFromTheDatabaseCheckAgainstSignedHeads(DatabaseFile file, PostgresDatabase pg) {
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir, "0102-W03", KeystorePassword.training());
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        List<byte[]> leaves = new ArrayList<>();
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            log.enableCheckpoints(keys, 10);
            for (int i = 0; i < 45; i++) {
                leaves.add(log.append(AuditLogTest.event(AuditEventType.CASE_OPENED, "t", i)).leafHash());
            }
            // Entries added by checkpoints are leaves too: read the log's own leaves back.
            leaves.clear();
            for (long s = 0; s < log.size(); s++) {
                leaves.add(log.entry(s).orElseThrow().leafHash());
            }
            List<SignedTreeHead> heads = log.checkpoints();
            assertThat(heads).extracting(h -> h.head().size()).containsExactly(10L, 20L, 30L, 40L);

            // Every proof from the stored tree equals the proof from the in-memory reference implementation.
            MerkleTree.Nodes reference = MerkleTree.inMemory(leaves);
            for (long n = 1; n <= leaves.size(); n++) {
                for (long m = 0; m < n; m++) {
                    assertThat(log.inclusionProof(m, n)).containsExactlyElementsOf(MerkleTree.inclusionProof(reference, m, n));
                }
                assertThat(log.treeHead(n).rootHash()).isEqualTo(MerkleTree.root(leaves.subList(0, (int) n)));
            }

            // A receipt: entry 12 of the signed tree of 30 entries.
            SignedTreeHead h30 = heads.get(2);
            List<byte[]> path = log.inclusionProof(12, 30);
            assertThat(MerkleTree.verifyInclusion(12, 30, leaves.get(12), path, h30.head().rootHash())).isTrue();
            assertThat(MerkleTree.verifyInclusion(13, 30, leaves.get(12), path, h30.head().rootHash())).isFalse();

            // What head office checks at each sync: the new signed head extends the previous one.
            for (int i = 0; i + 1 < heads.size(); i++) {
                TreeHead a = heads.get(i).head();
                TreeHead b = heads.get(i + 1).head();
                List<byte[]> proof = log.consistencyProof(a.size(), b.size());
                assertThat(MerkleTree.verifyConsistency(a.size(), b.size(), proof, a.rootHash(), b.rootHash())).isTrue();
                assertThat(MerkleTree.verifyConsistency(a.size(), b.size(), proof, b.rootHash(), a.rootHash())).isFalse();
            }
            assertThatThrownBy(() -> log.inclusionProof(3, 1000)).isInstanceOf(AuditException.class)
                    .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo(AuditException.Code.BAD_PROOF_REQUEST));
        }
        VerifyReport report = AuditVerifier.verify(db);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.checkpointsChecked()).isEqualTo(4);
    }

    @Test
    void verifyWithAnotherTrustedKeyReportsTheUnknownSigner(DatabaseFile file, PostgresDatabase pg) {
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir.resolve("a"), "W1", KeystorePassword.training());
        WorkstationKeys other = WorkstationKeys.loadOrCreate(dir.resolve("b"), "W1", KeystorePassword.training());
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            log.append(AuditLogTest.event(AuditEventType.LOGIN_OK, "t", 1));
            log.checkpoint(keys);
        }
        assertThat(AuditVerifier.verify(db.jdbi(), List.of(keys.certificate())).ok()).isTrue();
        VerifyReport report = AuditVerifier.verify(db.jdbi(), List.of(other.certificate()));
        assertThat(report.problem().kind()).isEqualTo(VerifyReport.Kind.UNKNOWN_SIGNER);
    }
}
