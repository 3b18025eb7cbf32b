package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** The two-half verification (used for large logs) gives the same answers as the single pass. */
@ExtendWith(DatabaseFileExtension.class)
class ParallelVerifyTest {

    @TempDir
    Path keyDir;

    private Database log(DatabaseFile file, int events) {
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(keyDir, "W1", KeystorePassword.training());
        Database db = Database.open(file.path());
        try (AuditLog log = AuditLog.open(db, "W1")) {
            log.enableCheckpoints(keys, 25);
            db.jdbi().useTransaction(h -> {
                for (int i = 0; i < events; i++) {
                    log.append(h, AuditLogTest.event(AuditEventType.CASE_OPENED, "t" + (i % 4), i));
                }
            });
        }
        return db;
    }

    @Test
    void theBlockPassReadsAnIntactLogWithoutFallingBackAndATamperedOneRowByRow(DatabaseFile file) {
        // Over two blocks of 4,096 in each half; entries with and without case and customer, details not ASCII.
        Database db = Database.open(file.path());
        byte[] key = "test-customer-key".getBytes();
        try (AuditLog log = AuditLog.open(db, "W1")) {
            db.jdbi().useTransaction(h -> {
                appendMixed(log, h, key, 18_000);
            });
            long before = AuditVerifier.FALLBACKS.get();
            VerifyReport ok = AuditVerifier.verify(db.jdbi(), List.of(), 1);
            assertThat(ok.ok()).as(ok.summary()).isTrue();
            assertThat(ok.entries()).isEqualTo(18_000);
            assertThat(ok.head().rootHash()).isEqualTo(log.treeHead().rootHash());
            assertThat(AuditVerifier.FALLBACKS.get()).as("ranges read row by row").isEqualTo(before);
        }

        db.jdbi().useHandle(h -> {
            h.execute("DROP TRIGGER audit_entry_no_update");
            h.execute("UPDATE audit_entry SET details = '{\"note\":\"客户 x\"}' WHERE seq = 9000");
        });
        long before = AuditVerifier.FALLBACKS.get();
        VerifyReport bad = AuditVerifier.verify(db.jdbi(), List.of(), 1);
        assertThat(bad.problem().kind()).isEqualTo(VerifyReport.Kind.LEAF_MISMATCH);
        assertThat(bad.problem().seq()).isEqualTo(9000);
        assertThat(AuditVerifier.FALLBACKS.get()).isEqualTo(before + 1);
    }

    @Test
    void bothHalvesAndTheirCheckpointsAreChecked(DatabaseFile file) {
        Database db = log(file, 180); // 187 entries: halves [0, 128) and [128, 187), checkpoints in both
        VerifyReport single = AuditVerifier.verify(db.jdbi(), List.of(), Long.MAX_VALUE);
        VerifyReport split = AuditVerifier.verify(db.jdbi(), List.of(), 1);
        assertThat(single.ok()).as(single.summary()).isTrue();
        assertThat(split.ok()).as(split.summary()).isTrue();
        assertThat(split.entries()).isEqualTo(single.entries()).isEqualTo(187);
        assertThat(split.head().rootHash()).isEqualTo(single.head().rootHash());
        assertThat(split.checkpointsChecked()).isEqualTo(single.checkpointsChecked()).isEqualTo(7);
        try (AuditLog log = AuditLog.open(db, "W1")) {
            assertThat(split.head().rootHash()).isEqualTo(log.treeHead().rootHash());
        }
    }

    @Test
    void firstProblemInLogOrderIsReportedFromEitherHalf(DatabaseFile file) {
        Database db = log(file, 180);
        db.jdbi().useHandle(h -> {
            h.execute("DROP TRIGGER audit_entry_no_update");
            h.execute("DROP TRIGGER audit_entry_no_delete");
            h.execute("UPDATE audit_entry SET actor = 'x' WHERE seq = 150");
        });
        VerifyReport right = AuditVerifier.verify(db.jdbi(), List.of(), 1);
        assertThat(right.problem().kind()).isEqualTo(VerifyReport.Kind.LEAF_MISMATCH);
        assertThat(right.problem().seq()).isEqualTo(150);

        db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq = 40"));
        VerifyReport left = AuditVerifier.verify(db.jdbi(), List.of(), 1);
        assertThat(left.problem().kind()).isEqualTo(VerifyReport.Kind.SEQUENCE_GAP);
        assertThat(left.problem().seq()).isEqualTo(40);
    }

    @Test
    void aCheckpointInTheRightHalfCatchesRewrittenHashes(DatabaseFile file) {
        Database db = log(file, 180);
        db.jdbi().useHandle(h -> {
            h.execute("DROP TRIGGER audit_entry_no_update");
            h.execute("DROP TRIGGER audit_node_no_delete");
            h.execute("UPDATE audit_entry SET outcome = 'FAILED' WHERE seq = 160");
            AuditEntry e = h.createQuery(AuditEntryStore.SELECT + " WHERE seq = 160").map((rs, ctx) -> AuditEntryStore.map(rs)).one();
            h.createUpdate("UPDATE audit_entry SET leaf_hash = :l WHERE seq = 160")
                    .bind("l", MerkleTree.leafHash(e.leafData())).execute();
            h.execute("DELETE FROM audit_node WHERE last_seq >= 160");
        });
        VerifyReport split = AuditVerifier.verify(db.jdbi(), List.of(), 1);
        VerifyReport single = AuditVerifier.verify(db.jdbi(), List.of(), Long.MAX_VALUE);
        assertThat(split.problem()).isEqualTo(single.problem());
        assertThat(split.problem().seq()).isEqualTo(160);
        assertThat(split.problem().kind()).isEqualTo(VerifyReport.Kind.NODE_MISMATCH);
    }

    /** Renewal-shaped entries in one transaction: with and without case and customer, outcomes mixed, details not ASCII. */
    static void appendMixed(AuditLog log, org.jdbi.v3.core.Handle h, byte[] key, int events) {
        for (int i = 0; i < events; i++) {
            AuditEvent.Builder b = AuditEvent.builder(AuditEventType.CASE_OPENED,
                            i % 7 == 0 ? AuditOutcome.FAILED : AuditOutcome.OK)
                    .actor("t" + (i % 4), "TELLER").detail("note", "客户 " + i);
            if (i % 3 == 0) {
                b.caseId((long) i);
            }
            if (i % 5 == 0) {
                b.customerRef(CustomerRef.of(key, "C" + i));
            }
            log.append(h, b.build());
        }
    }
}
