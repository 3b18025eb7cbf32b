package bank.ushield.audit.branch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.BranchInsider;
import bank.ushield.audit.DailyReview;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.SteppingClock;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * The manager's reading of a branch (docs/adr/0089): four workstations' logs in one PostgreSQL database, read at one
 * of them; an insider with the database superuser's rights rewrites a row of one log (triggers off, row changed,
 * triggers on) or cuts one short after a branch sign-off named its head; verify names that workstation and only it.
 * On a SQLite file the same API sees its one workstation.
 */
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class BranchReviewTest {

    private static final List<String> WORKSTATIONS = List.of("0102-W01", "0102-W02", "0102-W03", "0102-W04");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @TempDir
    Path keyDirs;

    /** The branch: one database per workstation (each its own session), each log with its own key. */
    private final Map<String, Database> databases = new LinkedHashMap<>();
    private final Map<String, AuditLog> logs = new LinkedHashMap<>();
    private final Map<String, WorkstationKeys> keys = new LinkedHashMap<>();

    private void branch(PostgresDatabase pg, int workstations) {
        String url = pg.freshSchemaUrl();
        for (String ws : WORKSTATIONS.subList(0, workstations)) {
            Database db = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
            databases.put(ws, db);
            keys.put(ws, WorkstationKeys.loadOrCreate(keyDirs.resolve(ws), ws, KeystorePassword.training()));
            Instant start = DAY.atTime(9, WORKSTATIONS.indexOf(ws)).atZone(ZONE).toInstant();
            AuditLog log = AuditLog.open(db, ws, new SteppingClock(start, Duration.ofMinutes(7)));
            log.enableCheckpoints(keys.get(ws), 8);
            logs.put(ws, log);
        }
        databases.values().iterator().next().jdbi().useHandle(h -> {
            h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Branch 0102')");
            for (String ws : databases.keySet()) {
                h.execute("INSERT INTO workstation (id, branch_id, name, created_at) VALUES (?, '0102', ?, ?)", ws,
                        "Counter " + ws.substring(ws.length() - 1), "2026-11-01T00:00:00.000000000Z");
            }
        });
        for (String ws : logs.keySet()) {
            for (int i = 0; i < 12; i++) {
                boolean failed = i % 6 == 5;
                logs.get(ws).append(AuditEvent.builder(failed ? AuditEventType.CHECK_FAILED : AuditEventType.CASE_COMPLETED,
                                failed ? AuditOutcome.FAILED : AuditOutcome.OK)
                        .actor("teller-" + ws.substring(ws.length() - 1), "TELLER").caseId((long) i)
                        .detail("marker", ws + "-" + i).build());
            }
        }
    }

    private BranchAuditLogs manager() {
        return new BranchAuditLogs(databases.get("0102-W01"), "0102-W01",
                ws -> ws.equals("0102-W01") ? List.of(keys.get(ws).certificate()) : List.of(), List.of());
    }

    @Test
    void fourLogsAreListedSearchedAndCountedAsOneBranch(PostgresDatabase pg) {
        branch(pg, 4);
        BranchAuditLogs branch = manager();
        assertThat(branch.workstations()).extracting(BranchAuditLogs.Workstation::id).containsExactlyElementsOf(WORKSTATIONS);
        assertThat(branch.workstations().get(0).own()).isTrue();
        assertThat(branch.workstations().get(2).name()).isEqualTo("Counter 3");

        ReviewQueries queries = ReviewQueries.branch(databases.get("0102-W01"), ZONE);
        long each = logs.get("0102-W01").size();
        assertThat(queries.count(new ReviewQueries.Filter(null, null, null, null, null, null, null))).isEqualTo(4 * each);
        ReviewQueries.Filter w3 = new ReviewQueries.Filter(null, null, null, null, null, null, null, "0102-W03");
        assertThat(queries.count(w3)).isEqualTo(each);
        assertThat(queries.page(w3, ReviewQueries.Order.TIME, true, 0, 100))
                .extracting(ReviewQueries.Row::workstation).containsOnly("0102-W03");
        // Time order across logs: the first entries of the day are one of each workstation (they start a minute apart).
        assertThat(queries.page(new ReviewQueries.Filter(null, null, null, null, null, null, null),
                ReviewQueries.Order.SEQ, true, 0, 4)).extracting(ReviewQueries.Row::workstation)
                .containsExactlyElementsOf(WORKSTATIONS);
        // Exceptions of every workstation, each naming its own.
        assertThat(queries.attention(DAY, 100)).extracting(ReviewQueries.Row::workstation)
                .containsOnly(WORKSTATIONS.toArray(String[]::new)).hasSize(8);
        assertThat(queries.days(DAY, DAY).get(0).entries()).isEqualTo(4 * each);
        // The session's own queries still see its own log only.
        assertThat(new ReviewQueries(databases.get("0102-W01"), ZONE).count(
                new ReviewQueries.Filter(null, null, null, null, null, null, null))).isEqualTo(each);
        // Statistics over the branch: 10 completed per workstation, on the day.
        assertThat(AuditStatistics.branch(databases.get("0102-W01"), ZONE).renewalsPerDay(DAY, DAY))
                .containsExactly(new AuditStatistics.DayCount(DAY, 40));
        assertThat(AuditStatistics.branch(databases.get("0102-W01"), ZONE).renewalsPerTeller(DAY, DAY)).hasSize(4);
    }

    @Test
    void aRowRewrittenByASuperuserIsNamedWithItsWorkstationAndTheOtherLogsStayIntact(PostgresDatabase pg) {
        branch(pg, 4);
        BranchInsider.asSuperuser(databases.get("0102-W03"),
                "UPDATE audit_entry SET outcome = 'OK', event_type = 'CASE_COMPLETED' WHERE seq = 5");

        List<BranchAuditLogs.LogCheck> checks = manager().verify(n -> { });

        assertThat(checks).extracting(c -> c.workstation().id()).containsExactlyElementsOf(WORKSTATIONS);
        BranchAuditLogs.LogCheck w3 = checks.get(2);
        assertThat(w3.ok()).isFalse();
        assertThat(w3.report().problem().kind()).isEqualTo(VerifyReport.Kind.LEAF_MISMATCH);
        assertThat(w3.report().problem().seq()).isEqualTo(5);
        assertThat(checks).filteredOn(c -> !c.workstation().id().equals("0102-W03"))
                .allSatisfy(c -> assertThat(c.ok()).as(c.report().summary()).isTrue());
        // Only the manager's own log is checked against a pinned key here; the others against their stored signers.
        assertThat(checks).extracting(BranchAuditLogs.LogCheck::keyPinned).containsExactly(true, false, false, false);
        assertThat(checks.get(1).report().checkpointsChecked()).isPositive();
    }

    @Test
    void aLogReSignedWholeWithAnInsidersKeyPassesUnpinnedAndIsCaughtOnceITPinnedTheCounter(PostgresDatabase pg)
            throws Exception {
        branch(pg, 2);
        // IT placed W02's exported certificate (and a junk file) in the manager counter's folder (ADR 0098).
        Path folder = java.nio.file.Files.createDirectories(keyDirs.resolve(PinnedWorkstations.FOLDER));
        java.nio.file.Files.writeString(folder.resolve("0102-W02.pem"), keys.get("0102-W02").certificatePem());
        java.nio.file.Files.writeString(folder.resolve("notes.pem"), "not a certificate");
        PinnedWorkstations pinned = PinnedWorkstations.read(folder);
        assertThat(pinned.workstations()).containsExactly("0102-W02");
        BranchAuditLogs atManager = new BranchAuditLogs(databases.get("0102-W01"), "0102-W01",
                ws -> ws.equals("0102-W01") ? List.of(keys.get(ws).certificate()) : pinned.of(ws), List.of());
        assertThat(atManager.verify(n -> { })).allSatisfy(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.keyPinned()).isTrue();
        });

        // The insider empties W02's log and writes a new one, signed with a key of their own, as its signer.
        logs.get("0102-W02").close();
        BranchInsider.asSuperuser(databases.get("0102-W02"), "DELETE FROM branch_audit_checkpoint WHERE workstation = '0102-W02'",
                "DELETE FROM branch_audit_signer WHERE workstation = '0102-W02'",
                "DELETE FROM branch_audit_node WHERE workstation = '0102-W02'",
                "DELETE FROM branch_audit_entry WHERE workstation = '0102-W02'");
        WorkstationKeys insider = WorkstationKeys.loadOrCreate(keyDirs.resolve("insider"), "0102-W02",
                KeystorePassword.training());
        try (AuditLog forged = AuditLog.open(databases.get("0102-W02"), "0102-W02",
                new SteppingClock(DAY.atTime(9, 1).atZone(ZONE).toInstant(), Duration.ofMinutes(7)))) {
            forged.enableCheckpoints(insider, 8);
            for (int i = 0; i < 12; i++) {
                forged.append(AuditEvent.builder(AuditEventType.CASE_COMPLETED, AuditOutcome.OK)
                        .actor("teller-2", "TELLER").caseId((long) i).build());
            }
        }
        // Unpinned, the forged log is self-consistent: only head office's acknowledgements could tell.
        assertThat(manager().verify(n -> { }).get(1).ok()).isTrue();
        // Pinned, its signed heads are by a key that is not W02's.
        BranchAuditLogs.LogCheck w2 = atManager.verify(n -> { }).get(1);
        assertThat(w2.keyPinned()).isTrue();
        assertThat(w2.ok()).isFalse();
        assertThat(w2.report().summary()).contains("not a trusted workstation key");
    }

    @Test
    void aLogCutShortAfterABranchSignOffNamedItsHeadIsCaughtThoughItsOwnChecksPass(PostgresDatabase pg) {
        branch(pg, 2);
        BranchAuditLogs branch = manager();
        List<BranchAuditLogs.LogCheck> clean = branch.verify(n -> { });
        assertThat(clean).allSatisfy(c -> assertThat(c.ok()).isTrue());
        List<Map<String, Object>> heads = new ArrayList<>();
        clean.forEach(c -> heads.add(BranchAuditLogs.namedHead(c.workstation().id(), c.report().head())));
        new DailyReview(logs.get("0102-W01"), ZONE).signOffBranch("manager01", DailyReview.MANAGER_ROLE, DAY, "",
                clean.get(0).report().head(), heads, Map.of());
        long w2 = logs.get("0102-W02").size();
        long lastSigned = logs.get("0102-W02").latestCheckpoint().orElseThrow().head().size();
        assertThat(lastSigned).isLessThan(w2 - 1);

        // The insider removes W02's entries after its last signed head, with their tree rows: nothing in W02's own
        // log shows it (no signed head covers them), but the branch sign-off named W02's head over all of them.
        long keep = lastSigned + 1; // the CHECKPOINT_SIGNED entry after the head stays
        BranchInsider.asSuperuser(databases.get("0102-W02"), "DELETE FROM audit_entry WHERE seq >= " + keep,
                "DELETE FROM audit_node WHERE last_seq >= " + keep);
        assertThat(AuditVerifier.verify(databases.get("0102-W02")).ok()).isTrue();

        List<BranchAuditLogs.LogCheck> after = branch.verify(n -> { });
        assertThat(after.get(0).ok()).isTrue();
        BranchAuditLogs.LogCheck cut = after.get(1);
        assertThat(cut.ok()).isFalse();
        assertThat(cut.signedOff()).isNotNull();
        assertThat(cut.signedOff().treeSize()).isEqualTo(w2);
        assertThat(cut.signedOff().foundRootHex()).isNull();
        assertThat(cut.signedOff().message()).contains("0102-W01").contains(DAY.toString()).contains("removed");
    }

    @Test
    void anotherWorkstationsLogIsReadOnlyThroughTheManagersReader(PostgresDatabase pg) {
        branch(pg, 2);
        long before = logs.get("0102-W02").size();
        assertThatThrownBy(() -> manager().read("0102-W02", db -> {
            try (AuditLog log = AuditLog.open(db, "0102-W02")) {
                return log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK)
                        .actor("manager01", "MANAGER").build());
            }
        })).hasStackTraceContaining("read-only");
        assertThat(logs.get("0102-W02").size()).isEqualTo(before);

        // A workstation row whose id no session may take (an insider's row) fails on its own; the logs still check.
        databases.get("0102-W01").jdbi().useHandle(h -> h.execute("INSERT INTO workstation (id, branch_id, name, "
                + "created_at) VALUES ('W9; SET x', '0102', 'Counter 9', '2026-11-01T00:00:00.000000000Z')"));
        List<BranchAuditLogs.LogCheck> checks = manager().verify(n -> { });
        assertThat(checks).extracting(c -> c.workstation().id()).containsExactly("0102-W01", "0102-W02", "W9; SET x");
        assertThat(checks.get(2).report().problem().kind()).isEqualTo(VerifyReport.Kind.UNREADABLE);
        assertThat(checks.subList(0, 2)).allSatisfy(c -> assertThat(c.ok()).isTrue());
    }

    @Test
    void onASqliteFileTheBranchIsItsOneWorkstation(DatabaseFile file) {
        Database db = Database.open(file.path());
        WorkstationKeys k = WorkstationKeys.loadOrCreate(keyDirs.resolve("sqlite"), "0102-W03", KeystorePassword.training());
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            log.enableCheckpoints(k, 4);
            for (int i = 0; i < 10; i++) {
                log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("t", "TELLER").build());
            }
        }
        BranchAuditLogs branch = new BranchAuditLogs(db, "0102-W03", ws -> List.of(k.certificate()), List.of());
        assertThat(branch.workstations()).containsExactly(new BranchAuditLogs.Workstation("0102-W03", "0102-W03", true));
        List<BranchAuditLogs.LogCheck> checks = branch.verify(n -> { });
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.keyPinned()).isTrue();
        });
        ReviewQueries queries = ReviewQueries.branch(db, ZONE);
        assertThat(queries.severalLogs()).isFalse();
        assertThat(queries.workstations()).containsExactly("0102-W03");
        assertThat(queries.page(new ReviewQueries.Filter(null, null, null, null, null, null, null, "0102-W03"),
                ReviewQueries.Order.SEQ, true, 0, 100)).hasSize(12).extracting(ReviewQueries.Row::workstation)
                .containsOnly("0102-W03");
    }
}
