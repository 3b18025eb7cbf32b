package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
class AuditLogTest {

    @Parameter
    Engine engine;


    static AuditEvent event(AuditEventType type, String actor, long n) {
        return AuditEvent.builder(type, AuditOutcome.OK).actor(actor, "TELLER").caseId(n % 7)
                .detail("step", n).detail("idNumber", "110105194912310021").build();
    }

    @Test
    void appendsAreDurableNumberedAndVerifyAfterReopening(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        List<byte[]> leaves = new ArrayList<>();
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            for (int i = 0; i < 21; i++) {
                AuditEntry e = log.append(event(AuditEventType.CASE_OPENED, "teller1", i));
                assertThat(e.seq()).isEqualTo(i);
                assertThat(e.details()).contains("1101**********0021").doesNotContain("110105194912310021");
                leaves.add(e.leafHash());
            }
            assertThat(log.treeHead().rootHash()).isEqualTo(MerkleTree.root(leaves));
        }
        // A fresh process view of the same file: the entries are there and the tree recomputes.
        Database reopened = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = AuditLog.open(reopened, "0102-W03")) {
            assertThat(log.size()).isEqualTo(21);
            assertThat(log.treeHead().rootHash()).isEqualTo(MerkleTree.root(leaves));
            assertThat(log.entry(5)).get().satisfies(e -> {
                assertThat(e.type()).isEqualTo(AuditEventType.CASE_OPENED);
                assertThat(e.leafHash()).isEqualTo(leaves.get(5));
                assertThat(MerkleTree.leafHash(e.leafData())).isEqualTo(leaves.get(5));
            });
            AuditEntry next = log.append(event(AuditEventType.LOGOUT, "teller1", 99));
            assertThat(next.seq()).isEqualTo(21);
        }
        VerifyReport report = AuditVerifier.verify(reopened);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(22);
    }

    @Test
    void triggersRefuseUpdateAndDelete(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            log.append(event(AuditEventType.LOGIN_OK, "teller1", 1));
            log.append(event(AuditEventType.LOGOUT, "teller1", 2));
        }
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET outcome = 'FAILED'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_node")))
                .hasMessageContaining("append-only");
    }

    @Test
    void appendJoinsTheCallersTransactionAndRollsBackWithIt(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            for (int i = 0; i < 3; i++) {
                log.append(event(AuditEventType.LOGIN_OK, "teller1", i));
            }
            TreeHead before = log.treeHead();

            // The caller's transaction fails after the audit append: both its own row and the entry are gone.
            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
                h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Test branch')");
                AuditEntry inTx = log.append(h, event(AuditEventType.CASE_OPENED, "teller1", 3));
                assertThat(inTx.seq()).isEqualTo(3);
                log.append(h, event(AuditEventType.CASE_ID_VERIFIED, "teller1", 4));
                throw new IllegalStateException("token pulled");
            })).hasMessage("token pulled");
            int branches = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM branch").mapTo(Integer.class).one());
            assertThat(branches).isZero();
            assertThat(log.size()).isEqualTo(3);
            assertThat(log.treeHead().rootHash()).isEqualTo(before.rootHash());

            // The next appends continue from the committed tree, not from the rolled-back one.
            AuditEntry after = log.append(event(AuditEventType.LOGOUT, "teller1", 5));
            assertThat(after.seq()).isEqualTo(3);
            db.jdbi().useTransaction(h -> {
                h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Test branch')");
                log.append(h, event(AuditEventType.CASE_OPENED, "teller1", 6));
            });
            assertThat(log.size()).isEqualTo(5);
        }
        VerifyReport report = AuditVerifier.verify(db);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(5);
    }

    @Test
    void appendsFromTwoThreadsOnTwoConnectionsKeepOneUnbrokenSequence(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Database db = TestDatabases.open(engine, file, pg, "W1");
        int perThread = 150;
        try (AuditLog log = AuditLog.open(db, "W1"); AuditLog other = AuditLog.open(TestDatabases.open(engine, file, pg, "W1"), "W1")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            // Thread A: the log's own durable appends. Thread B: another log instance and connection, appending
            // inside caller transactions, some of which roll back.
            Future<List<Long>> a = pool.submit(() -> {
                start.await();
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    seqs.add(log.append(event(AuditEventType.LOGIN_OK, "a", i)).seq());
                }
                return seqs;
            });
            Future<List<Long>> b = pool.submit(() -> {
                start.await();
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    try {
                        seqs.add(other.jdbi().inTransaction(h -> {
                            long seq = other.append(h, event(AuditEventType.CASE_OPENED, "b", n)).seq();
                            if (n % 10 == 9) {
                                throw new IllegalStateException("rolled back");
                            }
                            return seq;
                        }));
                    } catch (IllegalStateException expected) {
                        // rolled back on purpose
                    }
                }
                return seqs;
            });
            start.countDown();
            List<Long> all = new ArrayList<>(a.get(120, TimeUnit.SECONDS));
            all.addAll(b.get(120, TimeUnit.SECONDS));
            pool.shutdown();

            int expected = perThread + perThread - perThread / 10;
            assertThat(all).hasSize(expected).doesNotHaveDuplicates();
            assertThat(all.stream().mapToLong(Long::longValue).max().getAsLong()).isEqualTo(expected - 1);
            assertThat(log.size()).isEqualTo(expected);
            assertThat(log.treeHead().rootHash()).isEqualTo(other.treeHead().rootHash());
        }
        VerifyReport report = AuditVerifier.verify(db);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(report.entries()).isEqualTo(2 * perThread - perThread / 10);
    }

    @Test
    void customerReferenceMustNotBeAClearNumber(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            assertThatThrownBy(() -> log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK)
                    .actor("t", "TELLER").customerRef("C000123456").build()))
                    .isInstanceOf(AuditException.class).hasMessageNotContaining("C000123456");
            String ref = CustomerRef.of("0123456789abcdef".getBytes(), "C000123456");
            assertThat(log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK)
                    .actor("t", "TELLER").customerRef(ref).build()).customerRef()).isEqualTo(ref);
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedSecretRecordsNothing(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "W1");
        try (AuditLog log = AuditLog.open(db, "W1")) {
            assertThatThrownBy(() -> log.append(AuditEvent.builder(AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED)
                    .actor("t", "TELLER").detail("pin", "123456").build()))
                    .isInstanceOf(SecretRefusedException.class).hasMessageNotContaining("123456");
            assertThat(log.size()).isZero();
            assertThat(log.append(AuditEvent.builder(AuditEventType.PIN_ENTRY_FAILED, AuditOutcome.FAILED)
                    .actor("t", "TELLER").detail("pinTriesLeft", 2).build()).seq()).isZero();
        }
    }
}
