package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * The attacks of issue 21 that a local check cannot see, each caught by head office's acknowledgement: truncation,
 * deleted signed heads, a wiped log, an older copy restored, and a full rewrite with recomputed hashes. The log:
 * 40 events plus signed heads at 16 and 32 (42 entries); head office (an RSA key here) acknowledged all 42.
 */
@ExtendWith(DatabaseFileExtension.class)
class AnchorCheckTest {

    private static final String WS = "0102-W03";
    private static final Instant ACK_TIME = Instant.parse("2026-11-25T03:05:00Z");

    @TempDir
    static Path keyDir;
    static WorkstationKeys keys;
    static KeyPair headOffice;

    @BeforeAll
    static void keys() throws Exception {
        keys = WorkstationKeys.loadOrCreate(keyDir, WS, KeystorePassword.training());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        headOffice = g.generateKeyPair();
    }

    private static Database log(Path file, int events) {
        Database db = Database.open(file);
        try (AuditLog log = AuditLog.open(db, WS)) {
            log.enableCheckpoints(keys, 16);
            append(log, 0, events);
        }
        return db;
    }

    private static void append(AuditLog log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("teller" + (i % 3), "TELLER")
                    .caseId((long) i).detail("marker", String.format("marker-%04d", i)).build());
        }
    }

    /** Head office acknowledges the whole log as it is now; the workstation stores the acknowledgement. */
    private static AnchorAcknowledgement acknowledge(Database db) {
        try (AuditLog log = AuditLog.open(db, WS)) {
            AnchorAcknowledgement ack = AnchorAcknowledgement.sign(WS, log.treeHead(), ACK_TIME, headOffice.getPrivate(),
                    headOffice.getPublic());
            db.jdbi().useTransaction(h -> AnchorCheck.store(h, ack, ACK_TIME));
            return ack;
        }
    }

    private static AnchorCheck.Result check(Database db, Optional<AnchorAcknowledgement> fromFile) {
        return AnchorCheck.check(db.jdbi(), WS, fromFile, Optional.of(headOffice.getPublic()));
    }

    /** The insider drops the protecting triggers, runs the statements, and puts the triggers back as they were. */
    private static void tamper(Database db, String... statements) {
        withoutTriggers(db, h -> {
            for (String sql : statements) {
                h.execute(sql);
            }
        });
    }

    private static void withoutTriggers(Database db, java.util.function.Consumer<org.jdbi.v3.core.Handle> work) {
        db.jdbi().useHandle(h -> {
            java.util.List<java.util.Map<String, Object>> triggers = h.createQuery(
                    "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").mapToMap().list();
            for (String t : h.createQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                    .mapTo(String.class).list()) {
                h.execute("DROP TRIGGER " + t);
            }
            work.accept(h);
            for (var t : triggers) { // a trigger of a table the insider dropped stays dropped
                if (h.createQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :t")
                        .bind("t", (String) t.get("tbl_name")).mapTo(Integer.class).one() > 0) {
                    h.execute((String) t.get("sql"));
                }
            }
        });
    }

    @Test
    void untouchedLogHoldsTheAcknowledgedTree(DatabaseFile file) {
        Database db = log(file.path(), 40);
        acknowledge(db);
        AnchorCheck.Result r = check(db, Optional.empty());
        assertThat(r.kind()).as(r.message()).isEqualTo(AnchorCheck.Kind.OK);
        assertThat(r.acknowledgedSize()).isEqualTo(42);
        assertThat(AuditVerifier.verify(db).ok()).isTrue();
    }

    @Test
    void truncationOfEntriesNodesAndHeadsIsARollback(DatabaseFile file) {
        Database db = log(file.path(), 40);
        acknowledge(db);
        tamper(db, "DELETE FROM audit_entry WHERE seq >= 30", "DELETE FROM audit_node WHERE last_seq >= 30",
                "DELETE FROM audit_checkpoint WHERE tree_size > 30");
        assertThat(AuditVerifier.verify(db).ok()).as("the local check alone is fooled").isTrue();
        AnchorCheck.Result r = check(db, Optional.empty());
        assertThat(r.kind()).isEqualTo(AnchorCheck.Kind.ROLLED_BACK);
        assertThat(r.message()).isEqualTo("head office acknowledged 42 entries on 2026-11-25T03:05:00.000Z; this file "
                + "has 30: the log was truncated, wiped or restored from an older copy");
    }

    @Test
    void deletingEverySignedHeadAndTheTailIsARollback(DatabaseFile file) {
        Database db = log(file.path(), 40);
        acknowledge(db);
        tamper(db, "DELETE FROM audit_checkpoint", "DELETE FROM audit_entry WHERE seq >= 10",
                "DELETE FROM audit_node WHERE last_seq >= 10");
        AnchorCheck.Result r = check(db, Optional.empty());
        assertThat(r.kind()).isEqualTo(AnchorCheck.Kind.ROLLED_BACK);
        assertThat(r.logSize()).isEqualTo(10);
    }

    @Test
    void wipedLogIsARollback(DatabaseFile file) {
        Database db = log(file.path(), 40);
        acknowledge(db);
        tamper(db, "DELETE FROM audit_entry", "DELETE FROM audit_node", "DELETE FROM audit_checkpoint");
        AnchorCheck.Result r = check(db, Optional.empty());
        assertThat(r.kind()).isEqualTo(AnchorCheck.Kind.ROLLED_BACK);
        assertThat(r.message()).contains("acknowledged 42 entries").contains("this file has 0");
    }

    @Test
    void olderCopyRestoredIsCaughtByTheAcknowledgementHeadOfficeExported(DatabaseFile file, @TempDir Path dir)
            throws Exception {
        Database db = log(file.path(), 20);
        acknowledge(db);
        Path old = dir.resolve("old.db");
        db.jdbi().useHandle(h -> h.execute("VACUUM INTO '" + old + "'"));
        try (AuditLog log = AuditLog.open(db, WS)) {
            append(log, 20, 40);
        }
        AnchorAcknowledgement newest = acknowledge(db);
        Path ackFile = Files.writeString(dir.resolve("ack.txt"), newest.signedNote());
        db.close();
        Files.deleteIfExists(Path.of(file.path() + "-wal"));
        Files.deleteIfExists(Path.of(file.path() + "-shm"));
        Files.copy(old, file.path(), StandardCopyOption.REPLACE_EXISTING);

        Database restored = Database.open(file.path());
        assertThat(check(restored, Optional.empty()).kind()).as("the old copy's own table agrees with it")
                .isEqualTo(AnchorCheck.Kind.OK);
        AnchorCheck.Result r = check(restored, Optional.of(AnchorAcknowledgement.parse(Files.readString(ackFile))));
        assertThat(r.kind()).isEqualTo(AnchorCheck.Kind.ROLLED_BACK);
        assertThat(r.message()).contains("acknowledged 41 entries").contains("this file has 21");
    }

    @Test
    void deletedAcknowledgementTableDoesNotHideARollback(DatabaseFile file) {
        Database db = log(file.path(), 40);
        AnchorAcknowledgement ack = acknowledge(db);
        tamper(db, "DROP TABLE audit_anchor", "DELETE FROM audit_entry WHERE seq >= 30",
                "DELETE FROM audit_node WHERE last_seq >= 30", "DELETE FROM audit_checkpoint WHERE tree_size > 30");
        assertThat(check(db, Optional.empty()).kind()).isEqualTo(AnchorCheck.Kind.NO_ACKNOWLEDGEMENT);
        assertThat(check(db, Optional.of(ack)).kind()).isEqualTo(AnchorCheck.Kind.ROLLED_BACK);
    }

    @Test
    void rewriteWithRecomputedHashesNodesAndHeadsIsCaught(DatabaseFile file) {
        Database db = log(file.path(), 40);
        acknowledge(db);
        // The most careful attacker: changes entry 20, recomputes every leaf and node, deletes the heads after it.
        withoutTriggers(db, h -> {
            h.execute("UPDATE audit_entry SET details = replace(details, 'marker-0019', 'marker-9999') WHERE seq = 20");
            h.execute("DELETE FROM audit_node");
            h.execute("DELETE FROM audit_checkpoint WHERE tree_size > 16");
            rehashLeaves(h, 20);
            rebuildTreeTable(h);
        });
        assertThat(AuditVerifier.verify(db).ok()).as("the local check alone is fooled").isTrue();
        AnchorCheck.Result r = check(db, Optional.empty());
        assertThat(r.kind()).isEqualTo(AnchorCheck.Kind.REWRITTEN);
        assertThat(r.message()).contains("acknowledged 42 entries").contains("history was rewritten");
    }

    @Test
    void acknowledgementNotSignedByHeadOfficeIsRefused(DatabaseFile file) throws Exception {
        Database db = log(file.path(), 10);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair forger = g.generateKeyPair();
        AnchorAcknowledgement forged;
        try (AuditLog log = AuditLog.open(db, WS)) {
            forged = AnchorAcknowledgement.sign(WS, log.treeHead(), ACK_TIME, forger.getPrivate(), forger.getPublic());
        }
        AnchorCheck.Result r = check(db, Optional.of(forged));
        assertThat(r.kind()).isEqualTo(AnchorCheck.Kind.BAD_ACKNOWLEDGEMENT);
        // And a genuine one whose note was edited to claim fewer entries no longer verifies.
        AnchorAcknowledgement genuine = acknowledge(db);
        String edited = genuine.signedNote().replaceFirst("\n" + genuine.treeSize() + "\n", "\n3\n");
        assertThat(AnchorAcknowledgement.parse(edited).verify(headOffice.getPublic())).isFalse();
    }

    /** Recomputes stored leaf hashes from {@code fromSeq} on, as an attacker who read docs/audit-format.md would. */
    static void rehashLeaves(Handle h, long fromSeq) {
        h.createQuery(AuditEntryStore.SELECT + " WHERE seq >= :from ORDER BY seq").bind("from", fromSeq)
                .map((rs, ctx) -> AuditEntryStore.map(rs)).list()
                .forEach(e -> h.createUpdate("UPDATE audit_entry SET leaf_hash = :leaf WHERE seq = :seq")
                        .bind("leaf", MerkleTree.leafHash(e.leafData())).bind("seq", e.seq()).execute());
    }

    /** Refills audit_node from the stored leaf hashes. */
    static void rebuildTreeTable(Handle h) {
        Frontier f = Frontier.EMPTY;
        for (byte[] leaf : h.createQuery("SELECT leaf_hash FROM audit_entry ORDER BY seq").mapTo(byte[].class).list()) {
            Frontier.Appended a = f.append(leaf, null);
            for (Frontier.Completed c : a.completed()) {
                h.createUpdate("INSERT INTO audit_node (last_seq, level, hash) VALUES (:s, :l, :h)")
                        .bind("s", c.lastSeq()).bind("l", c.level()).bind("h", c.hash()).execute();
            }
            f = a.frontier();
        }
    }
}
