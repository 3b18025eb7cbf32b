package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * A branch of four workstations on one PostgreSQL database (docs/adr/0073): each keeps its own log, own tree and
 * own key; appending at once from all of them (two connections per workstation, as the app's own connection and a
 * case transaction would) loses, duplicates or breaks nothing, and no workstation reads or writes another's log.
 */
@ExtendWith(PostgresExtension.class)
class BranchAuditLogsTest {

    private static final List<String> WORKSTATIONS = List.of("0102-W01", "0102-W02", "0102-W03", "0102-W04");
    private static final int PER_THREAD = 150;
    private static final int CHECKPOINT_EVERY = 64;

    @TempDir
    Path keyDirs;

    private static Database open(String url, PostgresDatabase pg, String workstation) {
        return Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), workstation));
    }

    @Test
    void fourWorkstationsAppendingAtOnceKeepFourUnbrokenLogs(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        List<WorkstationKeys> keys = new ArrayList<>();
        List<Database> databases = new ArrayList<>();
        List<AuditLog> logs = new ArrayList<>();
        for (String ws : WORKSTATIONS) {
            WorkstationKeys k = WorkstationKeys.loadOrCreate(keyDirs.resolve(ws), ws, KeystorePassword.training());
            keys.add(k);
            // Two Database instances per workstation: two pools, as a second process of the same counter would have.
            for (int copy = 0; copy < 2; copy++) {
                Database db = open(url, pg, ws);
                databases.add(db);
                AuditLog log = AuditLog.open(db, ws);
                log.enableCheckpoints(k, CHECKPOINT_EVERY);
                logs.add(log);
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(logs.size());
        long t0;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < logs.size(); i++) {
                AuditLog log = logs.get(i);
                Database db = databases.get(i);
                String actor = "teller-" + i;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < PER_THREAD; n++) {
                        AuditEvent e = AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK)
                                .actor(actor, "TELLER").detail("n", n).build();
                        if (n % 2 == 0) {
                            log.append(e); // the log's own connection and transaction
                        } else {
                            db.jdbi().useTransaction(tx -> log.append(tx, e)); // inside a caller's transaction
                        }
                    }
                    return null;
                }));
            }
            t0 = System.nanoTime();
            start.countDown();
            for (Future<?> d : done) {
                d.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("branch audit: %d workstations x 2 writers x %d appends in %.2f s (%.0f appends/s)%n",
                WORKSTATIONS.size(), PER_THREAD, seconds, logs.size() * PER_THREAD / seconds);

        for (int w = 0; w < WORKSTATIONS.size(); w++) {
            Database db = databases.get(2 * w);
            VerifyReport own = AuditVerifier.verify(db.jdbi(), List.of(keys.get(w).certificate()));
            assertThat(own.ok()).as(WORKSTATIONS.get(w) + ": " + own.summary()).isTrue();
            // Every append is there once: 2 writers x PER_THREAD events plus one CHECKPOINT_SIGNED per checkpoint.
            long events = 2L * PER_THREAD;
            assertThat(own.entries() - own.checkpointsChecked()).isEqualTo(events);
            assertThat(own.checkpointsChecked()).isGreaterThanOrEqualTo((int) (events / CHECKPOINT_EVERY));
            // Signed with its own key: another workstation's key is not trusted for this log.
            VerifyReport foreign = AuditVerifier.verify(db.jdbi(),
                    List.of(keys.get((w + 1) % WORKSTATIONS.size()).certificate()));
            assertThat(foreign.problem().kind()).isEqualTo(VerifyReport.Kind.UNKNOWN_SIGNER);
            // The session sees its own entries only, all recorded for its workstation.
            String ws = WORKSTATIONS.get(w);
            List<String> seen = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT workstation FROM audit_entry")
                    .mapTo(String.class).list());
            assertThat(seen).containsExactly(ws);
        }
        for (AuditLog log : logs) {
            log.close();
        }
        for (Database db : databases) {
            db.close();
        }
    }

    @Test
    void aWorkstationCannotWriteAnotherWorkstationsLog(PostgresDatabase pg) {
        String url = pg.freshSchemaUrl();
        try (Database w1 = open(url, pg, "0102-W01"); Database w2 = open(url, pg, "0102-W02")) {
            try (AuditLog log = AuditLog.open(w2, "0102-W02")) {
                log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("t2", "TELLER").build());
            }
            // Through W1's session: an entry claiming to be W2's is refused by the view's check option.
            assertThatThrownBy(() -> w1.jdbi().useHandle(h -> h.execute("INSERT INTO audit_entry (seq, at, workstation, "
                    + "actor, role, event_type, outcome, details, leaf_hash) VALUES (1, '2026-01-01T00:00:00.000Z', "
                    + "'0102-W02', 'x', 'TELLER', 'LOGIN_OK', 'OK', '{}', decode(repeat('00', 32), 'hex'))")))
                    .hasMessageContaining("check option");
            assertThatThrownBy(() -> AuditLog.open(w1, "0102-W02")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only its own audit log");
            try (AuditLog log = AuditLog.open(w1, "0102-W01")) {
                assertThat(log.size()).isZero(); // W2's entry is not in W1's log
                assertThat(log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK)
                        .actor("t1", "TELLER").build()).seq()).isZero();
            }
            assertThat(AuditVerifier.verify(w2).entries()).isEqualTo(1);
        }
    }

    @Test
    void verifyNamesADisabledAppendOnlyTrigger(PostgresDatabase pg) {
        String url = pg.freshSchemaUrl();
        try (Database db = open(url, pg, "0102-W01"); AuditLog log = AuditLog.open(db, "0102-W01")) {
            log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("t1", "TELLER").build());
            assertThat(AuditVerifier.verify(db).ok()).isTrue();
            db.jdbi().useHandle(h -> h.execute("ALTER TABLE branch_audit_entry DISABLE TRIGGER audit_entry_no_delete"));
            VerifyReport report = AuditVerifier.verify(db);
            assertThat(report.ok()).isFalse();
            assertThat(report.summary()).contains("audit_entry_no_delete");
        }
    }

    @Test
    void headOfficeAnchorsEachWorkstationsLogSeparately(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair headOffice = g.generateKeyPair();
        java.time.Instant at = java.time.Instant.parse("2026-12-01T10:00:00Z");
        try (Database w1 = open(url, pg, "0102-W01"); Database w2 = open(url, pg, "0102-W02");
             AuditLog log1 = AuditLog.open(w1, "0102-W01"); AuditLog log2 = AuditLog.open(w2, "0102-W02")) {
            for (int i = 0; i < 5; i++) {
                log1.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("t1", "TELLER").build());
            }
            for (int i = 0; i < 9; i++) {
                log2.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("t2", "TELLER").build());
            }
            AnchorAcknowledgement ack1 = AnchorAcknowledgement.sign("0102-W01", log1.treeHead(), at,
                    headOffice.getPrivate(), headOffice.getPublic());
            AnchorAcknowledgement ack2 = AnchorAcknowledgement.sign("0102-W02", log2.treeHead(), at,
                    headOffice.getPrivate(), headOffice.getPublic());
            w1.jdbi().useTransaction(h -> AnchorCheck.store(h, ack1, at));
            w2.jdbi().useTransaction(h -> AnchorCheck.store(h, ack2, at));
            // Each workstation sees its own acknowledgement and its log holds the acknowledged tree.
            assertThat(AnchorCheck.latest(w1.jdbi())).get().extracting(AnchorAcknowledgement::treeSize).isEqualTo(5L);
            assertThat(AnchorCheck.latest(w2.jdbi())).get().extracting(AnchorAcknowledgement::treeSize).isEqualTo(9L);
            for (var w : List.of(java.util.Map.entry(w1, "0102-W01"), java.util.Map.entry(w2, "0102-W02"))) {
                AnchorCheck.Result r = AnchorCheck.check(w.getKey().jdbi(), w.getValue(), java.util.Optional.empty(),
                        java.util.Optional.of(headOffice.getPublic()));
                assertThat(r.ok()).as(r.message()).isTrue();
            }
            // W1 cannot store an acknowledgement for W2's log.
            assertThatThrownBy(() -> w1.jdbi().useTransaction(h -> AnchorCheck.store(h, ack2, at)))
                    .hasMessageContaining("check option");
        }
    }
}
