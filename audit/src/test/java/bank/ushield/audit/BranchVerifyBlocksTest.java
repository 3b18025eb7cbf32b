package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Verify on a branch server reads the log as binary COPY blocks (ADR 0100): an intact log never falls back and gives
 * the row-by-row reader's answer; whatever a superuser changes with the triggers switched off (an entry, a stored
 * node, the tail) sends the range row by row, which names the first bad entry.
 */
@ExtendWith(PostgresExtension.class)
class BranchVerifyBlocksTest {

    private static final String WS = "0102-W05";

    @TempDir
    Path keyDir;

    private WorkstationKeys keys() {
        return WorkstationKeys.loadOrCreate(keyDir, WS, KeystorePassword.training());
    }

    private Database log(PostgresDatabase pg, int events, long every) {
        Database db = Database.open(BranchDatabaseSettings.of(pg.freshSchemaUrl(), pg.user(),
                pg.password().toCharArray(), WS));
        byte[] key = "test-customer-key".getBytes();
        try (AuditLog log = AuditLog.open(db, WS)) {
            log.enableCheckpoints(keys(), every);
            // With and without case and customer (NULL in the COPY stream), details not ASCII.
            db.jdbi().useTransaction(h -> ParallelVerifyTest.appendMixed(log, h, key, events));
        }
        return db;
    }

    private static VerifyReport rowByRow(Database db) {
        AuditVerifier.COPY_BLOCKS = false;
        try {
            return AuditVerifier.verify(db.jdbi(), List.of(), 1);
        } finally {
            AuditVerifier.COPY_BLOCKS = true;
        }
    }

    @Test
    void anIntactLogIsReadInBlocksWithTheRowReadersAnswerAndATamperedOneRowByRow(PostgresDatabase pg) {
        // 2,000 entries and 20 signed heads in COPY blocks of 512: halves [0, 1024) (two blocks) and [1024, 2020)
        // (two, the last one short), as 17,017 entries in blocks of 8,192 would be.
        AuditVerifier.COPY_BLOCK = 512;
        try (Database db = log(pg, 2_000, 100)) {
            long before = AuditVerifier.FALLBACKS.get();
            VerifyReport blocks = AuditVerifier.verify(db.jdbi(), List.of(), 1);
            assertThat(AuditVerifier.FALLBACKS.get()).as("ranges read row by row").isEqualTo(before);
            assertThat(blocks.ok()).as(blocks.summary()).isTrue();
            assertThat(blocks.entries()).isEqualTo(2_020);
            assertThat(blocks.checkpointsChecked()).isEqualTo(20);
            try (AuditLog log = AuditLog.open(db, WS)) {
                assertThat(blocks.head().rootHash()).isEqualTo(log.treeHead().rootHash());
            }
            // As the manager's counter reads another counter's log: a read-only session as that workstation.
            try (Database reader = db.readerFor(WS)) {
                VerifyReport read = AuditVerifier.verify(reader.jdbi(), List.of(), 1);
                assertThat(read.ok()).as(read.summary()).isTrue();
                assertThat(read.head().rootHash()).isEqualTo(blocks.head().rootHash());
            }
            assertThat(AuditVerifier.FALLBACKS.get()).as("ranges read row by row").isEqualTo(before);
            VerifyReport rows = rowByRow(db);
            assertThat(rows.ok()).as(rows.summary()).isTrue();
            assertThat(rows.head().rootHash()).isEqualTo(blocks.head().rootHash());
            assertThat(rows.checkpointsChecked()).isEqualTo(blocks.checkpointsChecked());

            // Pinned to another workstation's key (ADR 0098), the same intact log is refused at its first head.
            WorkstationKeys other = WorkstationKeys.loadOrCreate(keyDir.resolve("other"), "0102-W06",
                    KeystorePassword.training());
            VerifyReport pinned = AuditVerifier.verify(db.jdbi(), List.of(other.certificate()));
            assertThat(pinned.problem().kind()).isEqualTo(VerifyReport.Kind.UNKNOWN_SIGNER);

            BranchInsider.asSuperuser(db, "UPDATE audit_entry SET details = '{\"note\":\"客户 x\"}' WHERE seq = 1500");
            before = AuditVerifier.FALLBACKS.get();
            VerifyReport bad = AuditVerifier.verify(db.jdbi(), List.of(), 1);
            assertThat(bad.problem().kind()).as(bad.summary()).isEqualTo(VerifyReport.Kind.LEAF_MISMATCH);
            assertThat(bad.problem().seq()).isEqualTo(1500);
            assertThat(AuditVerifier.FALLBACKS.get()).isEqualTo(before + 1);
        } finally {
            AuditVerifier.COPY_BLOCK = 8192;
        }
    }

    @Test
    void aChangedStoredNodeIsNamed(PostgresDatabase pg) {
        try (Database db = log(pg, 300, 100)) {
            // The node over entries 100 to 103 (level 2, closing at 103).
            BranchInsider.asSuperuser(db, "UPDATE audit_node SET hash = decode(repeat('00', 32), 'hex') WHERE last_seq = 103 AND level = 2");
            long before = AuditVerifier.FALLBACKS.get();
            VerifyReport bad = AuditVerifier.verify(db.jdbi(), List.of());
            assertThat(bad.problem().kind()).as(bad.summary()).isEqualTo(VerifyReport.Kind.NODE_MISMATCH);
            assertThat(bad.problem().seq()).isEqualTo(100);
            assertThat(bad.problem().message()).contains("entries 100 to 103");
            assertThat(AuditVerifier.FALLBACKS.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void aCutLogIsNamedWhereTheCutStarts(PostgresDatabase pg) {
        try (Database db = log(pg, 300, 100)) {
            // The tail after the last signed head, and its tree nodes: only the remembered end (none here) or the
            // signed head could tell; the head over 300 entries does.
            BranchInsider.asSuperuser(db, "DELETE FROM audit_entry WHERE seq >= 250", "DELETE FROM audit_node WHERE last_seq >= 250");
            VerifyReport bad = AuditVerifier.verify(db.jdbi(), List.of());
            assertThat(bad.problem().kind()).as(bad.summary()).isEqualTo(VerifyReport.Kind.TRUNCATED);
            assertThat(bad.problem().seq()).isEqualTo(250);
        }
    }

    @Test
    void aRowWithAnotherRowsNumberIsNamed(PostgresDatabase pg) {
        try (Database db = log(pg, 300, 100)) {
            // With the primary key dropped, a second row numbered 120 (a copy of 121) stands beside the real one.
            BranchInsider.asSuperuser(db, "ALTER TABLE branch_audit_entry DROP CONSTRAINT branch_audit_entry_pkey",
                    "INSERT INTO audit_entry SELECT 120, at, workstation, actor, role, case_id, customer_ref, "
                            + "event_type, outcome, details, leaf_hash FROM audit_entry WHERE seq = 121");
            long before = AuditVerifier.FALLBACKS.get();
            VerifyReport bad = AuditVerifier.verify(db.jdbi(), List.of());
            assertThat(bad.ok()).isFalse();
            assertThat(bad.problem().seq()).as(bad.summary()).isBetween(120L, 121L);
            assertThat(AuditVerifier.FALLBACKS.get()).isEqualTo(before + 1);
        }
    }
}
