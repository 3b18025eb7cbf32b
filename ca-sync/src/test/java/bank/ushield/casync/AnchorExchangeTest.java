package bank.ushield.casync;

import bank.ushield.testsupport.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.TreeHead;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.InProcessHeadOffice.RoundTrip;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.RequestBatch.AuditAnchor;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.headoffice.HeadOfficeAnchors;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * The anchor exchange end to end with real SQLite files, the head-office simulator and real CMS: head office
 * acknowledges consistent heads, refuses a rewritten, rolled-back or forged log in words the branch records, and the
 * branch refuses an acknowledgement that does not match its log.
 */
@ExtendWith(DatabaseFileExtension.class)
class AnchorExchangeTest {

    @TempDir
    Path tmp;
    Branch branch;
    WorkstationKeys keys;
    AuditLog log;
    HeadOfficeSimulator headOffice;
    KeyBatchSigner signer;

    private void setUp(DatabaseFile file) throws Exception {
        branch = new Branch(file.path(), tmp.resolve("sync"));
        keys = WorkstationKeys.loadOrCreate(tmp.resolve("data"), Branch.WS, KeystorePassword.training());
        log = AuditLog.open(branch.db, Branch.WS, Branch.CLOCK);
        headOffice = HeadOfficeSimulator.open(tmp.resolve("ho"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        signer = KeyBatchSigner.forWorkstation(keys);
        headOffice.registerWorkstation(Branch.WS, signer.certificate());
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    private InProcessHeadOffice office(AuditCheckpointSource source) {
        AuditLogSyncTrail trail = new AuditLogSyncTrail(log);
        return new InProcessHeadOffice(new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, signer, trail,
                source, Branch.CLOCK), headOffice, new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), trail, Branch.CLOCK),
                branch.folders, tmp.resolve("ho"));
    }

    private InProcessHeadOffice office() {
        return office(new AuditLogCheckpoints(log, keys));
    }

    /** As {@link #office(AuditCheckpointSource)}, with a revocation queue the exporter sends and the importer refills. */
    private InProcessHeadOffice office(AuditCheckpointSource source, RevocationQueue queue) {
        AuditLogSyncTrail trail = new AuditLogSyncTrail(log);
        return new InProcessHeadOffice(new RequestBatchExporter(branch.jdbi, Branch.WS, branch.folders, signer, trail,
                source, queue, Branch.CLOCK), headOffice, new ResponseBatchImporter(branch.jdbi, Branch.WS,
                branch.folders, headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), trail,
                Branch.CLOCK).withRevocations(queue), branch.folders, tmp.resolve("ho"));
    }

    /** The genuine checkpoints with a consistency proof that does not connect the heads (a fault in transit). */
    private AuditCheckpointSource brokenProof() {
        AuditLogCheckpoints genuine = new AuditLogCheckpoints(log, keys);
        return new AuditCheckpointSource() {
            @Override
            public void beforeExport() {
                genuine.beforeExport();
            }

            @Override
            public Optional<AuditCheckpoint> latest(Handle handle) {
                return genuine.latest(handle);
            }

            @Override
            public Optional<AuditAnchor> anchor(Handle handle, AuditCheckpoint checkpoint) {
                return genuine.anchor(handle, checkpoint)
                        .map(a -> new AuditAnchor(a.fromTreeSize(), a.fromRootHash(), flipFirst(a.consistencyProof())));
            }
        };
    }

    /**
     * Issue 21: what a refused batch carried is not lost. Head office refuses a batch for its anchor (a proof that
     * does not connect); the renewal request is back in the queue (not aborted) and the revocation unsent again;
     * once the anchor is sound again both go out in the next batch and head office acts on them.
     */
    @Test
    void requestsAndRevocationsOfARefusedBatchGoOutAgainOnceTheAnchorIsSound(DatabaseFile file) throws Exception {
        setUp(file);
        activity(5);
        office().roundTrip(RejectionPolicy.none());
        activity(4);
        QueuedRevocationExportTest.Queue queue = new QueuedRevocationExportTest.Queue();
        String issuer = headOffice.ca().caCertificate().getSubject().toString();
        queue.waiting.add(new RevocationQueue.QueuedRevocation(7, new RequestBatch.RevocationRequest("C000099",
                issuer, "7e57", "ab".repeat(32), "cessationOfOperation")));
        String caseNo = branch.queueCase(null);

        RoundTrip refused = office(brokenProof(), queue).roundTrip(RejectionPolicy.none());
        assertThat(refused.exported().orElseThrow().revocations()).isEqualTo(1);
        assertThat(refused.answered().orElseThrow().anchorRefusal()).startsWith(HeadOfficeAnchors.INCONSISTENT);
        assertThat(refused.answered().orElseThrow().revoked()).isZero();
        assertThat(branch.state(caseNo)).isEqualTo("CSR_QUEUED");
        assertThat(queue.waiting).as("the revocation waits again").hasSize(1);
        assertThat(refused.summary().problems()).anySatisfy(p -> assertThat(p)
                .contains("1 request(s) and 1 revocation(s) go out again with the next batch"));

        RoundTrip again = office(new AuditLogCheckpoints(log, keys), queue).roundTrip(RejectionPolicy.none());
        assertThat(again.exported().orElseThrow().requests()).isEqualTo(1);
        assertThat(again.exported().orElseThrow().revocations()).isEqualTo(1);
        assertThat(again.answered().orElseThrow().anchorRefused()).isFalse();
        assertThat(again.answered().orElseThrow().issued()).isEqualTo(1);
        assertThat(again.answered().orElseThrow().revoked()).isEqualTo(1);
        assertThat(branch.state(caseNo)).isEqualTo("CERT_RECEIVED");
        assertThat(queue.waiting).isEmpty();
        assertThat(office(new AuditLogCheckpoints(log, keys), queue).roundTrip(RejectionPolicy.none()).exported()
                .map(b -> b.requests() + b.revocations()).orElse(0)).as("nothing sent twice").isZero();
    }

    private void activity(int n) {
        for (int i = 0; i < n; i++) {
            log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("t01", "TELLER")
                    .detail("marker", "m" + i).build());
        }
    }

    @Test
    void headOfficeAcknowledgesEachConsistentHeadAndTheBranchKeepsIt(DatabaseFile file) throws Exception {
        setUp(file);
        activity(5);
        branch.queueCase(null);
        RoundTrip first = office().roundTrip(RejectionPolicy.none());
        assertThat(first.answered().orElseThrow().anchorRefused()).isFalse();
        AnchorAcknowledgement ack1 = AnchorCheck.latest(branch.jdbi).orElseThrow();
        assertThat(ack1.treeSize()).isEqualTo(5);
        assertThat(ack1.verify(bank.ushield.casync.format.Pki.publicKey(headOffice.syncCertificate()))).isTrue();

        activity(7);
        branch.queueCase(null);
        RoundTrip second = office().roundTrip(RejectionPolicy.none());
        assertThat(second.summary().problems()).isEmpty();
        AnchorAcknowledgement ack2 = AnchorCheck.latest(branch.jdbi).orElseThrow();
        assertThat(ack2.treeSize()).isGreaterThan(ack1.treeSize() + 7);
        assertThat(headOffice.acknowledgedHeads(Branch.WS)).extracting(HeadOfficeAnchors.AckedHead::treeSize)
                .containsExactly(ack1.treeSize(), ack2.treeSize());
        assertThat(types()).contains("AUDIT_ANCHORED");
        assertThat(AnchorCheck.check(branch.jdbi, Branch.WS, Optional.empty(),
                Optional.of(bank.ushield.casync.format.Pki.publicKey(headOffice.syncCertificate()))).kind())
                .isEqualTo(AnchorCheck.Kind.OK);
        assertThat(AuditVerifier.verify(branch.db).ok()).isTrue();

        // The request batch carried the proof from the first acknowledgement; it is an RFC 9162 proof.
        RequestBatch sent = BatchFormat.decodeRequest(new bank.ushield.casync.format.SignedBatchReader(
                List.of(signer.certificate()), 1 << 20).read(received(second)).payload());
        assertThat(sent.auditAnchor().fromTreeSize()).isEqualTo(ack1.treeSize());
        assertThat(MerkleTree.verifyConsistency(ack1.treeSize(), sent.auditCheckpoint().treeSize(),
                sent.auditAnchor().consistencyProof().stream().map(HexFormat.of()::parseHex).toList(),
                ack1.rootHash(), HexFormat.of().parseHex(sent.auditCheckpoint().rootHash()))).isTrue();
    }

    @Test
    void rewrittenLogIsRefusedByHeadOfficeAndTheRefusalIsRaisedOnTheBranch(DatabaseFile file) throws Exception {
        setUp(file);
        activity(6);
        office().roundTrip(RejectionPolicy.none());
        long acked = AnchorCheck.latest(branch.jdbi).orElseThrow().treeSize();
        // The insider: triggers dropped, entry 2 changed, every leaf and node recomputed, later heads deleted.
        rewriteEntry(2);
        String caseNo = branch.queueCase(null);
        RoundTrip trip = office().roundTrip(RejectionPolicy.none());

        assertThat(trip.answered().orElseThrow().anchorRefusal()).startsWith(HeadOfficeAnchors.INCONSISTENT);
        SyncSummary summary = trip.summary();
        assertThat(summary.certificatesReceived()).isZero();
        assertThat(summary.problems()).anySatisfy(p -> assertThat(p)
                .contains("Head office refused request batch 2").contains("was rewritten"));
        assertThat(branch.state(caseNo)).as("refused unread: the request waits to go out again").isEqualTo("CSR_QUEUED");
        assertThat(types()).contains("AUDIT_ANCHOR_REFUSED");
        assertThat(AnchorCheck.check(branch.jdbi, Branch.WS, Optional.empty(), Optional.empty()).kind())
                .isEqualTo(AnchorCheck.Kind.REWRITTEN);
        assertThat(headOffice.acknowledgedHeads(Branch.WS)).extracting(HeadOfficeAnchors.AckedHead::treeSize)
                .containsExactly(acked);
    }

    @Test
    void smallerLogIsRefusedAsARollback(DatabaseFile file) throws Exception {
        setUp(file);
        activity(4);
        office().roundTrip(RejectionPolicy.none());
        activity(4);
        office(new AuditLogCheckpoints(log, keys, Duration.ZERO, Branch.CLOCK)).roundTrip(RejectionPolicy.none());
        // A branch presenting its first, smaller signed head again (an older copy of the file would).
        AuditCheckpoint older = AuditLogCheckpoints.toBatch(log.checkpoints().get(0));
        AuditCheckpointSource replaying = new AuditCheckpointSource() {
            @Override
            public Optional<AuditCheckpoint> latest(Handle handle) {
                return Optional.of(older);
            }

            @Override
            public Optional<AuditAnchor> anchor(Handle handle, AuditCheckpoint checkpoint) {
                return Optional.of(new AuditAnchor(0, HexFormat.of().formatHex(MerkleTree.emptyRoot()), List.of()));
            }
        };
        branch.queueCase(null);
        RoundTrip trip = office(replaying).roundTrip(RejectionPolicy.none());
        assertThat(trip.answered().orElseThrow().anchorRefusal()).startsWith(HeadOfficeAnchors.ROLLBACK)
                .contains("truncated or restored from an older copy");
    }

    @Test
    void proofThatDoesNotConnectTheHeadsIsRefusedByHeadOffice(DatabaseFile file) throws Exception {
        setUp(file);
        activity(5);
        office().roundTrip(RejectionPolicy.none());
        activity(9);
        AuditLogCheckpoints genuine = new AuditLogCheckpoints(log, keys);
        // A malicious branch: each forged proof must be refused (immudb advisory: proofs must connect both heads).
        List<java.util.function.UnaryOperator<AuditAnchor>> forgeries = List.of(
                a -> new AuditAnchor(a.fromTreeSize(), a.fromRootHash(), flipFirst(a.consistencyProof())),
                a -> new AuditAnchor(a.fromTreeSize(), a.fromRootHash(), a.consistencyProof().subList(1, a.consistencyProof().size())),
                a -> new AuditAnchor(a.fromTreeSize(), a.fromRootHash(), List.of()),
                a -> new AuditAnchor(a.fromTreeSize() + 1, a.fromRootHash(), a.consistencyProof()),
                a -> new AuditAnchor(0, HexFormat.of().formatHex(MerkleTree.emptyRoot()), List.of()));
        for (var forge : forgeries) {
            AuditCheckpointSource malicious = new AuditCheckpointSource() {
                @Override
                public void beforeExport() {
                    genuine.beforeExport();
                }

                @Override
                public Optional<AuditCheckpoint> latest(Handle handle) {
                    return genuine.latest(handle);
                }

                @Override
                public Optional<AuditAnchor> anchor(Handle handle, AuditCheckpoint checkpoint) {
                    return genuine.anchor(handle, checkpoint).map(forge);
                }
            };
            branch.queueCase(null);
            RoundTrip trip = office(malicious).roundTrip(RejectionPolicy.none());
            assertThat(trip.answered().orElseThrow().anchorRefusal()).as("forgery %s", forgeries.indexOf(forge))
                    .startsWith(HeadOfficeAnchors.INCONSISTENT);
        }
        // The genuine proof still goes through afterwards.
        branch.queueCase(null);
        assertThat(office().roundTrip(RejectionPolicy.none()).answered().orElseThrow().anchorRefused()).isFalse();
    }

    @Test
    void branchRefusesAnAcknowledgementThatDoesNotMatchItsLog(DatabaseFile file) throws Exception {
        setUp(file);
        activity(5);
        office().roundTrip(RejectionPolicy.none());
        long size = log.size();
        HeadOfficeCa ca = HeadOfficeCa.openOrCreate(tmp.resolve("ho"), "Simulated Head Office", Instant.now(),
                HeadOfficeCa.KeyAlgorithm.EC_P256);
        // Signed by head office's key but for another root (what a forged proof accepted by head office would give).
        AnchorAcknowledgement wrongRoot = ca.acknowledge(Branch.WS, new TreeHead(size, MerkleTree.leafHash(new byte[] {1})),
                Instant.now());
        assertThat(importResponse(ca, 2, wrongRoot, 1)).isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.code()).isEqualTo(RejectionCode.BAD_ACKNOWLEDGEMENT);
            assertThat(q.reason()).contains("history was rewritten");
        });
        // Signed by another key inside a genuine head-office batch.
        HeadOfficeCa other = HeadOfficeCa.openOrCreate(tmp.resolve("other"), "Other", Instant.now(),
                HeadOfficeCa.KeyAlgorithm.EC_P256);
        AnchorAcknowledgement foreign = other.acknowledge(Branch.WS, log.treeHead(size), Instant.now());
        assertThat(importResponse(ca, 2, foreign, 1)).isInstanceOfSatisfying(Quarantined.class,
                q -> assertThat(q.code()).isEqualTo(RejectionCode.BAD_ACKNOWLEDGEMENT));
        // More entries than the log has: this branch cannot confirm it.
        AnchorAcknowledgement tooLarge = ca.acknowledge(Branch.WS, new TreeHead(size + 100, log.treeHead(size).rootHash()),
                Instant.now());
        assertThat(importResponse(ca, 2, tooLarge, 1)).isInstanceOfSatisfying(Quarantined.class,
                q -> assertThat(q.code()).isEqualTo(RejectionCode.BAD_ACKNOWLEDGEMENT));
        assertThat(AnchorCheck.latest(branch.jdbi).orElseThrow().treeSize()).isLessThan(size + 1);
    }

    @Test
    void checkpointOnlyBatchAnchorsALogThatGrewWithoutRequests(DatabaseFile file) throws Exception {
        setUp(file);
        activity(3);
        branch.queueCase(null);
        office().roundTrip(RejectionPolicy.none());
        activity(3);
        // Within the interval nothing is sent; once it passed, a batch with no request carries the new head.
        assertThat(office().roundTrip(RejectionPolicy.none()).exported()).isEmpty();
        long before = AnchorCheck.latest(branch.jdbi).orElseThrow().treeSize();
        RoundTrip trip = office(new AuditLogCheckpoints(log, keys, Duration.ZERO, Branch.CLOCK))
                .roundTrip(RejectionPolicy.none());
        assertThat(trip.exported().orElseThrow().requests()).isZero();
        assertThat(AnchorCheck.latest(branch.jdbi).orElseThrow().treeSize()).isGreaterThan(before);
        AnchorCheck.Window window = AnchorCheck.window(branch.jdbi);
        assertThat(window.lastAcknowledgedAt()).isPresent();
        assertThat(window.entries()).isPositive().isLessThan(5);
    }

    @Test
    void batchWithTheAnchorStillVerifiesWithOpenSsl(DatabaseFile file) throws Exception {
        setUp(file);
        activity(4);
        office().roundTrip(RejectionPolicy.none());
        activity(4);
        branch.queueCase(null);
        RoundTrip trip = office().roundTrip(RejectionPolicy.none());
        Path dir = Files.createDirectories(tmp.resolve("openssl"));
        Files.writeString(dir.resolve("workstation.pem"), keys.certificatePem(), StandardCharsets.US_ASCII);
        Files.copy(received(trip), dir.resolve("req.p7m"));
        OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "req.p7m", "-nointern",
                "-certfile", "workstation.pem", "-CAfile", "workstation.pem", "-purpose", "any", "-out", "payload.json");
        JsonNode payload = new ObjectMapper().readTree(dir.resolve("payload.json").toFile());
        assertThat(payload.path("auditAnchor").path("fromTreeSize").asLong()).isEqualTo(4);
        assertThat(payload.path("auditAnchor").path("consistencyProof").size()).isPositive();
        // The acknowledgement in the response verifies with openssl and head office's sync certificate alone.
        Path rsp = trip.imported().stream().filter(Imported.class::isInstance).map(r -> ((Imported) r).archivedFile())
                .findFirst().orElseThrow();
        Files.writeString(dir.resolve("ho.pem"), bank.ushield.casync.format.Pki.pem(headOffice.syncCertificate()));
        Files.copy(rsp, dir.resolve("rsp.p7m"));
        OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "rsp.p7m", "-nointern", "-certfile",
                "ho.pem", "-noverify", "-out", "rsp.json");
        JsonNode ack = new ObjectMapper().readTree(dir.resolve("rsp.json").toFile()).path("auditAcknowledgement");
        Files.writeString(dir.resolve("ack-note.txt"), ack.path("note").asText(), StandardCharsets.UTF_8);
        Files.write(dir.resolve("ack.sig"), java.util.Base64.getDecoder().decode(ack.path("signature").asText()));
        OpenSsl.run(dir, "x509", "-in", "ho.pem", "-pubkey", "-noout", "-out", "ho-pub.pem");
        assertThat(OpenSsl.run(dir, "dgst", "-sha256", "-verify", "ho-pub.pem", "-signature", "ack.sig", "ack-note.txt"))
                .contains("Verified OK");
        // An inspector takes the acknowledgement out of the archived response and verifies the log against it.
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new bank.ushield.casync.cli.CaSyncCommand());
        cli.setOut(new java.io.PrintWriter(out));
        assertThat(cli.execute("verify", "--pinned", dir.resolve("ho.pem").toString(), "--acknowledgement-out",
                dir.resolve("ack.txt").toString(), dir.resolve("rsp.p7m").toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("audit acknowledged: ").contains("(signature OK)");
        AnchorAcknowledgement fromFile = AnchorAcknowledgement.parse(Files.readString(dir.resolve("ack.txt")));
        assertThat(AnchorCheck.check(branch.jdbi, Branch.WS, Optional.of(fromFile),
                Optional.of(bank.ushield.casync.format.Pki.publicKey(headOffice.syncCertificate()))).kind())
                .isEqualTo(AnchorCheck.Kind.OK);
    }

    /** Imports a hand-made response {@code sequence} answering request batch {@code inReplyTo} with this ack. */
    private ImportResult importResponse(HeadOfficeCa ca, long sequence, AnchorAcknowledgement ack, long inReplyTo)
            throws Exception {
        ResponseBatch batch = ResponseBatch.of(Branch.WS, sequence, Instant.now().toString(), List.of(inReplyTo),
                List.of(), List.of(), List.of(), List.of(), List.of()).withAnchor(new ResponseBatch.AuditAcknowledgement(
                        ack.workstation(), ack.treeSize(), ack.rootHex(), AuditEntry.formatTime(ack.acknowledgedAt()),
                        inReplyTo, ack.keyId(), ack.note(), ack.signature()), null);
        Path f = branch.folders.inbox().resolve(ResponseBatchImporter.fileName(Branch.WS, sequence));
        Files.write(f, ca.batchSigner().sign(BatchFormat.encode(batch)));
        AuditLogSyncTrail trail = new AuditLogSyncTrail(log);
        return new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders, ca.syncCertificate(),
                new CaseStateResponseListener(Branch.CLOCK), trail, Branch.CLOCK).importFile(f);
    }

    private List<String> types() {
        return branch.jdbi.withHandle(h -> h.createQuery("SELECT event_type FROM audit_entry ORDER BY seq")
                .mapTo(String.class).list());
    }

    private Path received(RoundTrip trip) {
        return tmp.resolve("ho/received").resolve(trip.exported().orElseThrow().file().getFileName());
    }

    private static List<String> flipFirst(List<String> proof) {
        List<String> copy = new ArrayList<>(proof);
        byte[] h = HexFormat.of().parseHex(copy.get(0));
        h[0] ^= 1;
        copy.set(0, HexFormat.of().formatHex(h));
        return copy;
    }

    /** What an insider with the file does: rewrite entry {@code seq}, recompute leaves and nodes, drop later heads. */
    private void rewriteEntry(long seq) {
        branch.jdbi.useHandle(h -> {
            // The triggers go back exactly as they were afterwards, so even verify's schema check finds nothing.
            List<String> triggers = h.createQuery("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
                    + "('audit_entry_no_update', 'audit_node_no_delete', 'audit_checkpoint_no_delete', "
                    + "'audit_signer_no_delete')")
                    .mapTo(String.class).list();
            for (String t : List.of("audit_entry_no_update", "audit_node_no_delete", "audit_checkpoint_no_delete",
                    "audit_signer_no_delete")) {
                h.execute("DROP TRIGGER IF EXISTS " + t);
            }
            h.execute("UPDATE audit_entry SET details = replace(details, 'm2', 'mX') WHERE seq = " + seq);
            h.execute("DELETE FROM audit_checkpoint WHERE tree_size > " + seq);
            // A signer left without heads would give the deletion away (verify's first-use check): it goes too.
            h.execute("DELETE FROM audit_signer WHERE key_id NOT IN (SELECT key_id FROM audit_checkpoint)");
            List<byte[]> leaves = new ArrayList<>();
            for (long s = 0; s < log.size(); s++) {
                AuditEntry e = log.entry(s).orElseThrow();
                byte[] leaf = MerkleTree.leafHash(e.leafData());
                h.createUpdate("UPDATE audit_entry SET leaf_hash = :l WHERE seq = :s").bind("l", leaf).bind("s", s).execute();
                leaves.add(leaf);
            }
            h.execute("DELETE FROM audit_node");
            MerkleTree.Nodes nodes = MerkleTree.inMemory(leaves);
            for (int level = 1; (1L << level) <= leaves.size(); level++) {
                long width = 1L << level;
                for (long start = 0; start + width <= leaves.size(); start += width) {
                    h.createUpdate("INSERT INTO audit_node (last_seq, level, hash) VALUES (:s, :l, :h)")
                            .bind("s", start + width - 1).bind("l", level)
                            .bind("h", nodes.completeSubtree(start, width)).execute();
                }
            }
            triggers.forEach(h::execute);
        });
        assertThat(AuditVerifier.verify(branch.db).ok()).as("the rewrite fools the local check").isTrue();
        log.close(); // the application restarted on the rewritten file
        log = AuditLog.open(branch.db, Branch.WS, Branch.CLOCK);
    }
}
