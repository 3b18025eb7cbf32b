package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.CaseState;
import bank.ushield.db.Database;
import bank.ushield.testsupport.ChildJvm;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Four counters of a branch as four processes on one PostgreSQL database (ADR 0087): each serves its customers and
 * appends to its own audit log at once while one is killed (SIGKILL) in the middle of a case. Afterwards every log
 * verifies against its own key, every case is in a known state with one audit entry per state change (none lost,
 * none twice), and the killed counter's case is taken over at another counter with a manager's authorisation.
 */
@ExtendWith(PostgresExtension.class)
class BranchCountersProcessTest {

    private static final List<String> COUNTERS = List.of("0102-W01", "0102-W02", "0102-W03", "0102-W04");
    private static final String KILLED = "0102-W04";
    private static final int CUSTOMERS = 25;
    private static final int STOP_AT = 6;

    @TempDir
    Path keyDirs;

    private static Database open(String url, PostgresDatabase pg, String ws) {
        return Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
    }

    /** The first column of a query's rows as text ({@code :c} bound to {@code caseId}). */
    private static List<String> strings(Database db, String sql, long caseId) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind("c", caseId).mapTo(String.class).list());
    }

    private static String prefix(String ws) {
        return ws.substring(ws.length() - 2);
    }

    private VerifyReport verifyOwn(String url, PostgresDatabase pg, String ws) {
        WorkstationKeys keys = WorkstationKeys.open(keyDirs.resolve(ws), KeystorePassword.training());
        try (Database db = open(url, pg, ws)) {
            return AuditVerifier.verify(db.jdbi(), List.of(keys.certificate()));
        }
    }

    @Test
    void fourCounterProcessesServeCasesAtOnceOneIsKilledAndItsCaseIsTakenOver(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        Instant now = Instant.now();
        try (Database db = open(url, pg, COUNTERS.get(0))) { // migrates once before the four start
            TestWorld world = new TestWorld(db, now); // branch 0102, staff teller1, teller2, manager1
            db.jdbi().useTransaction(h -> {
                for (String ws : COUNTERS) {
                    h.execute("INSERT INTO workstation (id, branch_id, name, training, created_at) "
                            + "VALUES (?, '0102', ?, 0, ?) ON CONFLICT DO NOTHING", ws, ws, now.toString());
                    BranchCounter.seedCustomers(h, prefix(ws), CUSTOMERS, now);
                }
            });
            assertThat(world.customerId).isPositive();
        }
        List<ChildJvm> children = new ArrayList<>();
        String heldCaseNo;
        try {
            for (String ws : COUNTERS) {
                String teller = COUNTERS.indexOf(ws) % 2 == 0 ? "teller1" : "teller2";
                children.add(ChildJvm.start(BranchCounter.class, null,
                        Map.of(BranchDatabaseSettings.PASSWORD_ENV, pg.password()), url, pg.user(), ws, teller,
                        prefix(ws), Integer.toString(CUSTOMERS), keyDirs.resolve(ws).toString(),
                        ws.equals(KILLED) ? Integer.toString(STOP_AT) : "0", keyDirs.resolve("go").toString()));
            }
            for (ChildJvm child : children) {
                child.await("ready", Duration.ofMinutes(3));
            }
            java.nio.file.Files.createFile(keyDirs.resolve("go"));
            long started = System.nanoTime();
            ChildJvm killed = children.get(COUNTERS.indexOf(KILLED));
            heldCaseNo = killed.await("HOLDING ", Duration.ofMinutes(5)).substring("HOLDING ".length());
            killed.kill9(); // while the other three are still serving
            for (ChildJvm child : children) {
                if (child != killed) {
                    assertThat(child.waitFor(Duration.ofMinutes(5))).as(child.output()).isZero();
                    assertThat(child.output()).contains("served " + CUSTOMERS + " ", "done");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (Database db = open(url, pg, COUNTERS.get(0))) {
                long entries = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM branch_audit_entry")
                        .mapTo(Long.class).one());
                int cases = 3 * CUSTOMERS + STOP_AT;
                // A figure, not an assertion: the counters' serving time on this machine (JVM exits included).
                System.out.printf("Branch of 4 counter processes on PostgreSQL: %d cases, %d audit entries in %.1f s "
                        + "(%.0f cases/min, %.0f appends/s)%n", cases, entries, seconds, cases * 60 / seconds,
                        entries / seconds);
            }
        } finally {
            children.forEach(ChildJvm::close);
        }

        for (String ws : COUNTERS) {
            VerifyReport report = verifyOwn(url, pg, ws);
            assertThat(report.ok()).as(ws + ": " + report.summary()).isTrue();
        }
        try (Database db = open(url, pg, COUNTERS.get(0))) {
            // Every case in a known state: the three others' all queued, the killed one's served ones queued and
            // the one it held where it stopped.
            List<Map<String, Object>> cases = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id, case_no, workstation_id, state FROM renewal_case ORDER BY id").mapToMap().list());
            assertThat(cases).hasSize(3 * CUSTOMERS + STOP_AT);
            assertThat(cases).allSatisfy(c -> assertThat(c.get("state")).isEqualTo(
                    c.get("case_no").equals(heldCaseNo) ? "CARD_VERIFIED" : "CSR_QUEUED"));
            // One audit entry per state change, in the log of the counter that made it: none lost, none twice.
            List<String> unmatched = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT c.case_no || ' ' || s.to_state || ' history ' || count(DISTINCT s.id) || ' audit '
                           || (SELECT count(*) FROM branch_audit_entry e
                                WHERE e.case_id = c.id AND e.event_type = 'CASE_' || s.to_state)
                      FROM renewal_case c JOIN case_state_history s ON s.case_id = c.id
                     GROUP BY c.id, c.case_no, s.to_state
                    HAVING count(DISTINCT s.id) <> (SELECT count(*) FROM branch_audit_entry e
                                WHERE e.case_id = c.id AND e.event_type = 'CASE_' || s.to_state)""")
                    .mapTo(String.class).list());
            assertThat(unmatched).isEmpty();
            assertThat(strings(db, """
                    SELECT e.seq FROM renewal_case c JOIN branch_audit_entry e ON e.case_id = c.id
                     WHERE e.workstation <> c.workstation_id AND c.id <> :c""", -1))
                    .as("each counter logged its own cases only").isEmpty();
            assertThat(strings(db, "SELECT workstation_id FROM renewal_case_claim WHERE case_id <> :c", -1))
                    .as("only the killed counter's claim is left").containsExactly(KILLED);
        }

        // The customer of the killed counter is served at counter 1: a manager authorises taking the case over.
        String taker = COUNTERS.get(0);
        long caseId;
        try (Database db = open(url, pg, taker); AuditLog log = AuditLog.open(db, taker)) {
            log.enableCheckpoints(WorkstationKeys.open(keyDirs.resolve(taker), KeystorePassword.training()), 32);
            FakeTokenDesk token = new FakeTokenDesk();
            token.serial = BranchCounter.tokenSerial(prefix(KILLED), STOP_AT);
            RenewalService w01 = BranchCounter.service(db, log, taker, TestWorld.TELLER, token);
            RenewalCase held = w01.findByNo(heldCaseNo).orElseThrow();
            caseId = held.id();
            assertThatThrownBy(() -> w01.verifyToken(held.id(), BranchCounter.voucher(prefix(KILLED), STOP_AT)))
                    .isInstanceOfSatisfying(RenewalException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.CASE_CLAIMED_ELSEWHERE));
            w01.takeOver(held.id(), "manager1", "manager1-pw".toCharArray(), "counter 4 stopped");
            assertThat(w01.verifyToken(held.id(), BranchCounter.voucher(prefix(KILLED), STOP_AT)))
                    .isInstanceOf(Outcome.Advanced.class);
            assertThat(w01.generateKey(held.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)))
                    .isInstanceOf(Outcome.Advanced.class);
            assertThat(w01.queueRequest(held.id()).renewalCase().state()).isEqualTo(CaseState.CSR_QUEUED);
            // the customer is still at counter 1 (no endVisit): the claim stays counter 1's
        }
        // The killed counter starts again: the case is no longer its to drive, and its log says so.
        try (Database db = open(url, pg, KILLED); AuditLog log = AuditLog.open(db, KILLED)) {
            log.enableCheckpoints(WorkstationKeys.open(keyDirs.resolve(KILLED), KeystorePassword.training()), 32);
            RenewalService w04 = BranchCounter.service(db, log, KILLED, TestWorld.TELLER2, new FakeTokenDesk());
            assertThatThrownBy(() -> w04.abort(caseId, AbortReason.ABANDONED_AFTER_RESTART))
                    .isInstanceOfSatisfying(RenewalException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.CASE_TAKEN_OVER_ELSEWHERE));
            assertThat(w04.find(caseId).state()).isEqualTo(CaseState.CSR_QUEUED);
            assertThat(strings(db, "SELECT event_type FROM audit_entry WHERE case_id = :c ORDER BY seq", caseId))
                    .contains("CASE_OPENED", "CASE_CARD_VERIFIED", "CASE_CLAIM_REFUSED")
                    .doesNotContain("CASE_TAKEN_OVER", "CASE_KEY_GENERATED");
        }
        for (String ws : COUNTERS) {
            VerifyReport report = verifyOwn(url, pg, ws);
            assertThat(report.ok()).as(ws + ": " + report.summary()).isTrue();
        }
        try (Database db = open(url, pg, taker)) {
            assertThat(strings(db, "SELECT event_type FROM audit_entry WHERE case_id = :c ORDER BY seq", caseId))
                    .containsSubsequence("CASE_TAKEN_OVER", "CASE_TOKEN_VERIFIED",
                    "CASE_KEY_GENERATED", "CASE_CSR_QUEUED").doesNotContain("CASE_OPENED");
        }
    }
}
