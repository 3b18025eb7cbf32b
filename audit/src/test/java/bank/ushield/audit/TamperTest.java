package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.testsupport.Bytes;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Tampering as an attacker with the database file (or a branch database's superuser) would do it: triggers dropped or
 * disabled, rows edited with raw SQL, or the file's bytes edited. Each must be caught and the first bad entry named. The log: 40 events plus signed
 * checkpoints at sizes 16 and 32 (their CHECKPOINT_SIGNED entries are seq 16 and 32), 42 entries in all.
 */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class TamperTest {

    @Parameter
    Engine engine;


    @TempDir
    static Path keyDir;
    static WorkstationKeys keys;

    @BeforeAll
    static void keys() {
        keys = WorkstationKeys.loadOrCreate(keyDir, "0102-W03", KeystorePassword.training());
    }

    private Database log(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            log.enableCheckpoints(keys, 16);
            for (int i = 0; i < 40; i++) {
                log.append(AuditEvent.builder(i % 5 == 4 ? AuditEventType.CHECK_FAILED : AuditEventType.CASE_OPENED,
                                i % 5 == 4 ? AuditOutcome.FAILED : AuditOutcome.OK)
                        .actor("teller" + (i % 3), "TELLER").caseId((long) i)
                        .detail("marker", String.format("marker-%04d", i)).build());
            }
        }
        VerifyReport clean = AuditVerifier.verify(db);
        assertThat(clean.ok()).as(clean.summary()).isTrue();
        assertThat(clean.entries()).isEqualTo(42);
        assertThat(clean.checkpointsChecked()).isEqualTo(2);
        return db;
    }

    private void tamper(Database db, String... statements) {
        if (engine == Engine.POSTGRESQL) {
            // The attacker here is a database superuser: switches the append-only triggers off, edits the rows
            // through the workstation's views, and switches the triggers on again so nothing looks changed.
            db.jdbi().useHandle(h -> {
                setTriggers(h, "DISABLE");
                for (String sql : statements) {
                    h.execute(sql);
                }
                setTriggers(h, "ENABLE");
            });
            return;
        }
        db.jdbi().useHandle(h -> {
            for (String t : new String[] {"audit_entry_no_update", "audit_entry_no_delete", "audit_node_no_update",
                    "audit_node_no_delete", "audit_checkpoint_no_update", "audit_checkpoint_no_delete"}) {
                h.execute("DROP TRIGGER IF EXISTS " + t);
            }
            for (String sql : statements) {
                h.execute(sql);
            }
        });
    }

    private static void setTriggers(Handle h, String how) {
        for (String t : new String[] {"entry", "node", "signer", "checkpoint"}) {
            h.execute("ALTER TABLE branch_audit_" + t + " " + how + " TRIGGER USER");
        }
    }

    /** A forged all-zero leaf hash in each engine's SQL. */
    private String zeroHash() {
        return engine == Engine.SQLITE ? "zeroblob(32)" : "decode(repeat('00', 32), 'hex')";
    }

    /** Verifies, expecting the given first problem; returns it for further checks. */
    private static VerifyReport.Problem expect(Database db, VerifyReport.Kind kind, long seq) {
        VerifyReport report = AuditVerifier.verify(db);
        assertThat(report.ok()).as("tampering must be detected").isFalse();
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(kind);
        assertThat(report.problem().seq()).as(report.summary()).isEqualTo(seq);
        return report.problem();
    }

    @Test
    void changedDetailIsNamed(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        tamper(db, "UPDATE audit_entry SET details = replace(details, 'marker-0017', 'marker-9999') WHERE seq = 18");
        VerifyReport.Problem p = expect(db, VerifyReport.Kind.LEAF_MISMATCH, 18);
        assertThat(p.message()).contains("Entry 18");
    }

    @Test
    void changedOutcomeIsNamed(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        tamper(db, "UPDATE audit_entry SET outcome = 'OK' WHERE seq = 4");
        expect(db, VerifyReport.Kind.LEAF_MISMATCH, 4);
    }

    @Test
    void deletedRowIsNamed(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        tamper(db, "DELETE FROM audit_entry WHERE seq = 12");
        expect(db, VerifyReport.Kind.SEQUENCE_GAP, 12);
    }

    @Test
    void swappedRowsAreNamed(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        // Swap the sequence numbers of entries 7 and 8 (each row keeps its own contents and leaf hash).
        tamper(db, "UPDATE audit_entry SET seq = 100007 WHERE seq = 7",
                "UPDATE audit_entry SET seq = 7 WHERE seq = 8",
                "UPDATE audit_entry SET seq = 8 WHERE seq = 100007");
        expect(db, VerifyReport.Kind.LEAF_MISMATCH, 7);
    }

    @Test
    void truncatedTailIsCaughtByTheSignedHead(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        // A careful attacker also removes the tree nodes; the signed head at size 32 still says more existed.
        tamper(db, "DELETE FROM audit_entry WHERE seq >= 25", "DELETE FROM audit_node WHERE last_seq >= 25");
        VerifyReport.Problem p = expect(db, VerifyReport.Kind.TRUNCATED, 25);
        assertThat(p.message()).contains("32");
    }

    @Test
    void truncatedTailAfterTheLastSignedHeadIsCaughtByTheTreeTable(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        tamper(db, "DELETE FROM audit_entry WHERE seq >= 38");
        expect(db, VerifyReport.Kind.TRUNCATED, 38);
    }

    @Test
    void forgedRowWithAMadeUpHashIsNamed(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        // Make room at 20 by moving 20.. up by one, then insert a forged entry there.
        tamper(db, "UPDATE audit_entry SET seq = seq + 100000 WHERE seq >= 20",
                "UPDATE audit_entry SET seq = seq - 100000 + 1 WHERE seq >= 100000",
                "INSERT INTO audit_entry (seq, at, workstation, actor, role, case_id, customer_ref, event_type, outcome, "
                        + "details, leaf_hash) VALUES (20, '2026-01-01T00:00:00.000Z', '0102-W03', 'teller1', 'MANAGER', "
                        + "NULL, NULL, 'MANAGER_AUTHORISATION_GRANTED', 'OK', '{}', " + zeroHash() + ")");
        expect(db, VerifyReport.Kind.LEAF_MISMATCH, 20);
    }

    @Test
    void forgedRowWithRecomputedLeafHashesIsCaughtByTheTree(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        // The attacker knows the leaf format: inserts a forged entry at 20 and recomputes every later leaf hash.
        tamper(db, "UPDATE audit_entry SET seq = seq + 100000 WHERE seq >= 20",
                "UPDATE audit_entry SET seq = seq - 100000 + 1 WHERE seq >= 100000");
        db.jdbi().useHandle(h -> {
            if (engine == Engine.POSTGRESQL) {
                setTriggers(h, "DISABLE");
            }
            AuditEntry forged = new AuditEntry(20, Instant.parse("2026-01-01T00:00:00Z"), "0102-W03", "teller1",
                    "MANAGER", null, null, AuditEventType.MANAGER_AUTHORISATION_GRANTED, AuditOutcome.OK, "{}", new byte[0]);
            h.createUpdate("INSERT INTO audit_entry (seq, at, workstation, actor, role, event_type, outcome, details, "
                            + "leaf_hash) VALUES (20, :at, '0102-W03', 'teller1', 'MANAGER', "
                            + "'MANAGER_AUTHORISATION_GRANTED', 'OK', '{}', :leaf)")
                    .bind("at", forged.atText()).bind("leaf", MerkleTree.leafHash(forged.leafData())).execute();
            rehashLeaves(h, 21);
            if (engine == Engine.POSTGRESQL) {
                setTriggers(h, "ENABLE");
            }
        });
        expect(db, VerifyReport.Kind.NODE_MISMATCH, 20);
    }

    @Test
    void rewriteOfLeavesAndTreeTableIsCaughtByTheSignedHead(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        // The most careful attacker: changes entry 20, recomputes its leaf and drops the tree table so nothing
        // internal contradicts it. Only the signed head over 32 entries does; entries from 16 on are suspect.
        tamper(db, "UPDATE audit_entry SET outcome = 'OK' WHERE seq = 20", "DELETE FROM audit_node");
        db.jdbi().useHandle(h -> {
            if (engine == Engine.POSTGRESQL) {
                setTriggers(h, "DISABLE");
                rehashLeaves(h, 20);
                setTriggers(h, "ENABLE");
                return; // the tree rows are gone (the view stays): rebuilt below from the forged leaves
            }
            rehashLeaves(h, 20);
            h.execute("DROP TABLE audit_node");
            h.execute("CREATE TABLE audit_node (last_seq INTEGER NOT NULL, level INTEGER NOT NULL, hash BLOB NOT NULL, "
                    + "PRIMARY KEY (last_seq, level)) WITHOUT ROWID");
        });
        rebuildTreeTable(db);
        VerifyReport.Problem p = expect(db, VerifyReport.Kind.ROOT_MISMATCH, 16);
        assertThat(p.message()).contains("32");
    }

    @Test
    void forgedSignatureIsCaught(DatabaseFile file, PostgresDatabase pg) {
        Database db = log(file, pg);
        tamper(db, "UPDATE audit_checkpoint SET note = replace(note, 'time 20', 'time 19') WHERE tree_size = 32");
        expect(db, VerifyReport.Kind.BAD_SIGNATURE, 16);
    }

    @Test
    void editOfTheFileBytesIsNamed(DatabaseFile file, PostgresDatabase pg) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.SQLITE, "a branch database has no file to edit");
        Database db = log(file, pg);
        db.jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        byte[] bytes = Files.readAllBytes(file.path());
        byte[] marker = "marker-0030".getBytes(StandardCharsets.UTF_8);
        int at = Bytes.indexOf(bytes, marker);
        assertThat(at).as("the marker is in the main database file").isGreaterThanOrEqualTo(0);
        bytes[at + marker.length - 1] = '9';
        Files.write(file.path(), bytes);

        expect(Database.open(file.path()), VerifyReport.Kind.LEAF_MISMATCH, 31); // event 30 is entry 31: the checkpoint entry 16 came before it
    }

    /** Recomputes stored leaf hashes from {@code fromSeq} on, as an attacker who read docs/audit-format.md would. */
    private static void rehashLeaves(Handle h, long fromSeq) {
        h.createQuery(AuditEntryStore.SELECT + " WHERE seq >= :from ORDER BY seq").bind("from", fromSeq)
                .map((rs, ctx) -> AuditEntryStore.map(rs)).list()
                .forEach(e -> h.createUpdate("UPDATE audit_entry SET leaf_hash = :leaf WHERE seq = :seq")
                        .bind("leaf", MerkleTree.leafHash(e.leafData())).bind("seq", e.seq()).execute());
    }

    private static void rebuildTreeTable(Database db) {
        db.jdbi().useHandle(h -> {
            Frontier f = Frontier.EMPTY;
            for (byte[] leaf : h.createQuery("SELECT leaf_hash FROM audit_entry ORDER BY seq").mapTo(byte[].class).list()) {
                Frontier.Appended a = f.append(leaf, null);
                for (Frontier.Completed c : a.completed()) {
                    h.createUpdate("INSERT INTO audit_node (last_seq, level, hash) VALUES (:s, :l, :h)")
                            .bind("s", c.lastSeq()).bind("l", c.level()).bind("h", c.hash()).execute();
                }
                f = a.frontier();
            }
        });
    }
}
