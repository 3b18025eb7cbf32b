package bank.ushield.audit.branch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.SteppingClock;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Bench of the manager's branch review on PostgreSQL (ADR 0089): four workstations' logs of
 * {@code -Dushield.bench.entries} entries each (default 25,000; real appends, hashes and trees), then the median
 * time of the review's queries across the branch and the time of verifying every log. Prints figures, asserts
 * nothing; not in the default test set (run with {@code -Dtest=BranchReviewBench}; {@code
 * -Dushield.bench.noTimeIndex=true} drops migration V14's index first, for comparison).
 */
@ExtendWith(PostgresExtension.class)
class BranchReviewBench {

    private static final List<String> WORKSTATIONS = List.of("0102-W01", "0102-W02", "0102-W03", "0102-W04");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path keys;

    @Test
    void bench(PostgresDatabase pg) {
        int perLog = Integer.getInteger("ushield.bench.entries", 25_000);
        String url = pg.freshSchemaUrl();
        Map<String, Database> dbs = new LinkedHashMap<>();
        Map<String, WorkstationKeys> keyOf = new LinkedHashMap<>();
        LocalDate day = LocalDate.of(2026, 6, 1);
        long t0 = System.nanoTime();
        for (String ws : WORKSTATIONS) {
            Database db = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
            dbs.put(ws, db);
            WorkstationKeys k = WorkstationKeys.loadOrCreate(keys.resolve(ws), ws, KeystorePassword.training());
            keyOf.put(ws, k);
            try (AuditLog log = AuditLog.open(db, ws, new SteppingClock(day.atTime(8, WORKSTATIONS.indexOf(ws))
                    .atZone(ZONE).toInstant(), Duration.ofMillis(1200)))) {
                log.enableCheckpoints(k, 1000);
                for (int done = 0; done < perLog; done += 1000) {
                    List<AuditEvent> batch = new ArrayList<>();
                    for (int i = done; i < Math.min(perLog, done + 1000); i++) {
                        boolean failed = i % 17 == 0;
                        batch.add(AuditEvent.builder(failed ? AuditEventType.CHECK_FAILED : AuditEventType.CASE_COMPLETED,
                                        failed ? AuditOutcome.FAILED : AuditOutcome.OK)
                                .actor("teller" + (i % 7), "TELLER").caseId((long) i).detail("n", i).build());
                    }
                    db.jdbi().useTransaction(h -> log.appendAll(h, batch));
                }
            }
        }
        System.out.printf("branch bench: filled %d logs x %,d entries in %.1f s%n", WORKSTATIONS.size(), perLog,
                (System.nanoTime() - t0) / 1e9);
        Database manager = dbs.get("0102-W01");
        if (Boolean.getBoolean("ushield.bench.noTimeIndex")) {
            // For comparison: the branch review without migration V14's index.
            manager.jdbi().useHandle(h -> h.execute("DROP INDEX branch_audit_entry_time"));
            System.out.println("branch bench: without the V14 time index");
        }
        ReviewQueries q = ReviewQueries.branch(manager, ZONE);
        ReviewQueries.Filter all = new ReviewQueries.Filter(null, null, null, null, null, null, null);
        ReviewQueries.Filter w3 = new ReviewQueries.Filter(null, null, null, null, null, null, null, "0102-W03");
        ReviewQueries.Filter failed = new ReviewQueries.Filter(null, null, null, null, null, "FAILED", null);
        time("workstations", q::workstations);
        time("count, whole branch", () -> q.count(all));
        time("first page newest first, whole branch", () -> q.page(all, ReviewQueries.Order.SEQ, false, 0, 100));
        time("page 50 newest first, whole branch", () -> q.page(all, ReviewQueries.Order.SEQ, false, 5000, 100));
        time("first page, one workstation", () -> q.page(w3, ReviewQueries.Order.SEQ, false, 0, 100));
        time("first page, failed across the branch", () -> q.page(failed, ReviewQueries.Order.SEQ, false, 0, 100));
        time("day exceptions (500)", () -> q.attention(day, 500));
        time("14 days' counts and sign-offs", () -> q.days(day.minusDays(13), day));
        BranchAuditLogs branch = new BranchAuditLogs(manager, "0102-W01",
                ws -> ws.equals("0102-W01") ? List.of(keyOf.get(ws).certificate()) : List.of(), List.of());
        long v0 = System.nanoTime();
        List<BranchAuditLogs.LogCheck> checks = branch.verify(n -> { });
        System.out.printf("branch bench: verify %d logs, %,d entries: %.0f ms (all ok: %s)%n", checks.size(),
                checks.stream().mapToLong(c -> c.report().entries()).sum(), (System.nanoTime() - v0) / 1e6,
                checks.stream().allMatch(BranchAuditLogs.LogCheck::ok));
        dbs.values().forEach(Database::close);
    }

    private static void time(String what, Supplier<?> query) {
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("branch bench: %-40s median %4d ms%n", what, ms[ms.length / 2]);
    }
}
