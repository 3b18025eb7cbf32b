package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
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

/**
 * Appends that start from the end of the log the instance remembers (docs/adr/0092): the insert itself checks that
 * the stored log still ends there; another writer's entries are read and continued, a log changed outside the
 * application is not appended to, and what is written is byte for byte what the code before wrote.
 */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class RememberedEndTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    /**
     * Leaf hashes and root of {@link #goldenEvents()} as the append before ADR 0092 wrote them (computed with that
     * code on 2026-12-06): masking, canonical JSON, time text and leaf encoding are unchanged, so logs written before
     * verify and are continued alike.
     */
    private static final List<String> GOLDEN_LEAVES = List.of(
            "7e840162b00d4df5dbd929fbb696f62c9c89f2a572745976832a119c31a0403e",
            "f18bc557b1a46eb37c63b8d0cc878eb69bb29a2572b414fa12e97e1741606650",
            "8cd6a5ed71db77aa68259e0855ceb514df663292e4a9a125073adc1f52099f1c",
            "da0a5665881c178c0f34ed3d4ab9cfd483dd097b88eb1e444ab5f20054c31869",
            "e5948f4d9a36da77fb3f7585eb5666ceafa00c641a66b19bdb02b7b7a3939d2c",
            "f22c9fec01b327b37155bd94569a4a5d1697762186f5deddf3226544b5f69ede",
            "0c9a70aee7da3cbeb8b7d4345399f4af90c68ee2196d6c126262974212e4c0c3");
    private static final String GOLDEN_ROOT = "9a9948f2b2675adf59dd647a03bd7dcf07fda26172c79ef608f2b08eca769cfc";

    private static List<AuditEvent> goldenEvents() {
        byte[] key = "golden-customer-matching-key".getBytes();
        List<AuditEvent> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            boolean failed = i % 3 == 2;
            AuditEvent.Builder b = AuditEvent.builder(failed ? AuditEventType.CHECK_FAILED : AuditEventType.CASE_OPENED,
                    failed ? AuditOutcome.FAILED : AuditOutcome.OK).actor("teller0" + i, "TELLER");
            if (i % 2 == 0) {
                b.caseId((long) (100 + i)).customerRef(CustomerRef.of(key, "C00012345" + i));
            }
            b.detail("step", i).detail("idNumber", "110105194912310021").detail("card-number", "6222 0212 3456 1234")
                    .detail("Customer_Name", "欧阳娜娜").detail("mobile", "13812345678").detail("amount", 12.50)
                    .detail("reader", Map.of("b.slot", 2, "a name", "desk reader 1")).detail("note", "6222021234561234")
                    .detail("tokenSerial", "USK-0012-3456");
            out.add(b.build());
        }
        return out;
    }

    @Test
    void entriesAreByteForByteWhatTheAppendBeforeWroteAndTheLogContinuesAfterReopening(DatabaseFile file,
                                                                                        PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W07");
        SteppingClock clock = new SteppingClock(Instant.parse("2026-03-01T08:15:30.123Z"), Duration.ofMillis(1500));
        List<String> leaves = new ArrayList<>();
        try (AuditLog log = AuditLog.open(db, "0102-W07", clock)) {
            for (AuditEvent e : goldenEvents()) {
                leaves.add(log.append(e).leafHashHex());
            }
            assertThat(leaves).isEqualTo(GOLDEN_LEAVES);
            assertThat(HexFormat.of().formatHex(log.treeHead().rootHash())).isEqualTo(GOLDEN_ROOT);
            assertThat(log.entry(0).orElseThrow().details()).isEqualTo("{\"Customer_Name\":\"欧***\",\"amount\":\"12.5\","
                    + "\"card-number\":\"6222 **** **** 1234\",\"idNumber\":\"1101**********0021\",\"mobile\":\"138****5678\","
                    + "\"note\":\"6222 **** **** 1234\",\"reader\":{\"a name\":\"desk reader 1\",\"b.slot\":2},\"step\":0,"
                    + "\"tokenSerial\":\"USK-0012-3456\"}");
        }
        // A new instance (a restart) knows no end: it reads it, continues, and the whole log verifies.
        try (AuditLog log = AuditLog.open(TestDatabases.open(engine, file, pg, "0102-W07"), "0102-W07", clock)) {
            assertThat(log.append(AuditLogTest.event(AuditEventType.LOGOUT, "teller01", 7)).seq()).isEqualTo(7);
            assertThat(log.append(AuditLogTest.event(AuditEventType.LOGIN_OK, "teller01", 8)).seq()).isEqualTo(8);
        }
        VerifyReport report = AuditVerifier.verify(db);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(9);
    }

    @Test
    void anotherWritersEntriesAndCheckpointAreReadAndContinued(DatabaseFile file, PostgresDatabase pg) {
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir, "W1", KeystorePassword.training());
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1");
             AuditLog other = AuditLog.open(TestDatabases.open(engine, file, pg, "W1"), "W1")) {
            log.enableCheckpoints(keys, 4);
            for (int i = 0; i < 3; i++) {
                log.append(AuditLogTest.event(AuditEventType.LOGIN_OK, "a", i));
            }
            // Another connection (as another process would) appends and signs a head: the end this log
            // remembers (3 entries, no signed head) is now wrong twice over.
            other.append(AuditLogTest.event(AuditEventType.CASE_OPENED, "b", 3));
            other.append(AuditLogTest.event(AuditEventType.CASE_OPENED, "b", 4));
            assertThat(other.checkpoint(keys).head().size()).isEqualTo(5);

            assertThat(log.append(AuditLogTest.event(AuditEventType.LOGIN_OK, "a", 6)).seq()).isEqualTo(6);
            assertThat(db.jdbi().inTransaction(h -> log.append(h, AuditLogTest.event(AuditEventType.CASE_OPENED, "a", 7)))
                    .seq()).isEqualTo(7);
            assertThat(other.append(AuditLogTest.event(AuditEventType.CASE_OPENED, "b", 8)).seq()).isEqualTo(8);
            // 9 entries, 4 since the head at 5: this append signs a head at 9 first, counted from the other's head.
            AuditEntry last = log.append(AuditLogTest.event(AuditEventType.LOGOUT, "a", 9));
            assertThat(last.seq()).isEqualTo(10);
            assertThat(log.entry(9).orElseThrow().type()).isEqualTo(AuditEventType.CHECKPOINT_SIGNED);
            assertThat(log.checkpoints()).extracting(h -> h.head().size()).containsExactly(5L, 9L);
            assertThat(log.treeHead().rootHash()).isEqualTo(other.treeHead().rootHash());
        }
        VerifyReport report = AuditVerifier.verify(db);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(11);
        assertThat(report.checkpointsChecked()).isEqualTo(2);
    }

    @Test
    void aLastEntryRewrittenOrCutOutsideTheApplicationIsNotAppendedTo(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            for (int i = 0; i < 4; i++) {
                log.append(AuditLogTest.event(AuditEventType.LOGIN_OK, "teller1", i));
            }
            // An insider with the database (not head office's keys) rewrites the last entry, leaf hash included,
            // while the workstation runs.
            byte[] forged = new byte[32];
            Arrays.fill(forged, (byte) 7);
            db.jdbi().useHandle(h -> {
                h.execute(engine == Engine.SQLITE ? "DROP TRIGGER audit_entry_no_update"
                        : "ALTER TABLE branch_audit_entry DISABLE TRIGGER audit_entry_no_update");
                h.createUpdate("UPDATE audit_entry SET details = '{\"step\":99}', leaf_hash = :h WHERE seq = 3")
                        .bind("h", forged).execute();
            });
            assertRefused(() -> log.append(AuditLogTest.event(AuditEventType.LOGOUT, "teller1", 4)));
            assertRefused(() -> db.jdbi().useTransaction(h ->
                    log.append(h, AuditLogTest.event(AuditEventType.CASE_OPENED, "teller1", 4))));

            // Cut instead: the last entry removed. Still not appended to.
            db.jdbi().useHandle(h -> {
                h.execute(engine == Engine.SQLITE ? "DROP TRIGGER audit_entry_no_delete"
                        : "ALTER TABLE branch_audit_entry DISABLE TRIGGER audit_entry_no_delete");
                h.execute("DELETE FROM audit_entry WHERE seq = 3");
            });
            assertRefused(() -> log.append(AuditLogTest.event(AuditEventType.LOGOUT, "teller1", 5)));
            assertThat(db.jdbi().withHandle(AuditEntryStore::size)).isEqualTo(3);
        }
    }

    private static void assertRefused(Runnable append) {
        assertThatThrownBy(append::run).isInstanceOf(AuditException.class)
                .hasMessageContaining("changed outside the application")
                .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo(AuditException.Code.STORAGE));
    }

    @Test
    void theCallersConnectionStillGivesGeneratedKeysAfterAnAppend(DatabaseFile file, PostgresDatabase pg) {
        // SQLite: the log switches the driver's generated-keys query off for its own inserts only.
        Assumptions.assumeTrue(engine == Engine.SQLITE, "a setting of the SQLite driver");
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            long id = db.jdbi().inTransaction(h -> {
                log.append(h, AuditLogTest.event(AuditEventType.CASE_OPENED, "teller1", 1));
                h.execute("CREATE TEMP TABLE keyed (id INTEGER PRIMARY KEY, x TEXT)");
                return h.createUpdate("INSERT INTO keyed (x) VALUES ('a')").executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class).one();
            });
            assertThat(id).isEqualTo(1);
        }
    }
}
