package bank.ushield.audit.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.function.Supplier;

import bank.ushield.audit.AuditEntry;
import bank.ushield.db.Database;

/**
 * Bench of the manager's review queries on a large log: {@code ReviewQueriesBench [rows]} (default 1,000,000).
 * Fills a fresh database with rows written straight through SQL (the bench measures reading; appends and hashes
 * have their own bench in the audit module), then prints the median time of each query. Not a test.
 */
public final class ReviewQueriesBench {

    private static final String[] TYPES = {"CASE_OPENED", "CASE_ID_VERIFIED", "CASE_CARD_VERIFIED",
        "CASE_TOKEN_VERIFIED", "CASE_KEY_GENERATED", "CASE_CSR_QUEUED", "CASE_CERT_INSTALLED", "CASE_COMPLETED",
        "CHECK_FAILED", "CASE_ABORTED", "PIN_ENTRY_FAILED", "LOGIN_OK"};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("review-bench");
        Database db = Database.open(dir.resolve("bench.db"));
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        long t0 = System.nanoTime();
        fill(db, rows);
        System.out.printf("filled %,d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        ReviewQueries q = new ReviewQueries(db, zone);
        AuditStatistics stats = new AuditStatistics(db, zone);
        ReviewQueries.Filter all = new ReviewQueries.Filter(null, null, null, null, null, null, null);
        ReviewQueries.Filter teller = new ReviewQueries.Filter(null, null, "teller07", null, null, null, null);
        LocalDate day = LocalDate.of(2026, 6, 1);
        ReviewQueries.Filter failedDay = new ReviewQueries.Filter(day, day, null, null, null, "FAILED", null);
        long caseId = rows / 20;
        ReviewQueries.Filter oneCase = new ReviewQueries.Filter(null, null, null, caseId, null, null, null);

        time("count, no filter", () -> q.count(all));
        time("count, one teller", () -> q.count(teller));
        time("count, failed on one day", () -> q.count(failedDay));
        time("first page newest first (100)", () -> q.page(all, ReviewQueries.Order.SEQ, false, 0, 100).size());
        time("last page newest first", () -> q.page(all, ReviewQueries.Order.SEQ, false, rows - 100, 100).size());
        time("middle page by seq (offset n/2)", () -> q.page(all, ReviewQueries.Order.SEQ, true, rows / 2, 100).size());
        time("first page by actor", () -> q.page(all, ReviewQueries.Order.ACTOR, true, 0, 100).size());
        time("middle page by actor (offset n/2)", () -> q.page(all, ReviewQueries.Order.ACTOR, true, rows / 2, 100).size());
        time("first page by event", () -> q.page(all, ReviewQueries.Order.EVENT, false, 0, 100).size());
        // By the labels a screen shows: an order of the codes that is not theirs (here: reversed), paged by seeks
        // per code, against the same order through ORDER BY CASE (sorts every matching entry for each page).
        java.util.List<String> labelOrder = new java.util.ArrayList<>(java.util.List.of(TYPES));
        java.util.Collections.reverse(labelOrder);
        time("new selection, first page by event label",
                () -> new ReviewQueries(db, zone).pageInValueOrder(all, ReviewQueries.Order.EVENT, labelOrder, true,
                        0, 100).size());
        time("new selection of one teller, by event label",
                () -> new ReviewQueries(db, zone).pageInValueOrder(teller, ReviewQueries.Order.EVENT, labelOrder, true,
                        0, 100).size());
        time("first page by event label (seek per code)",
                () -> q.pageInValueOrder(all, ReviewQueries.Order.EVENT, labelOrder, true, 0, 100).size());
        time("middle page by event label (seek per code)",
                () -> q.pageInValueOrder(all, ReviewQueries.Order.EVENT, labelOrder, true, rows / 2, 100).size());
        time("last page by event label (seek per code)",
                () -> q.pageInValueOrder(all, ReviewQueries.Order.EVENT, labelOrder, true, rows - 100, 100).size());
        time("one teller, page 10 by event label (seek)",
                () -> q.pageInValueOrder(teller, ReviewQueries.Order.EVENT, labelOrder, true, 1000, 100).size());
        StringBuilder rank = new StringBuilder("CASE event_type");
        for (int i = 0; i < labelOrder.size(); i++) {
            rank.append(" WHEN '").append(labelOrder.get(i)).append("' THEN ").append(i);
        }
        rank.append(" ELSE ").append(labelOrder.size()).append(" END");
        for (long offset : new long[] {0, rows / 2}) {
            time("page at " + offset + " by ORDER BY CASE", () -> db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT seq FROM audit_entry ORDER BY " + rank + ", at, seq LIMIT 100 OFFSET :o")
                    .bind("o", offset).mapTo(Long.class).list().size()));
        }
        time("one teller, page 10 by time", () -> q.page(teller, ReviewQueries.Order.TIME, true, 1000, 100).size());
        time("one case, all entries", () -> q.page(oneCase, ReviewQueries.Order.SEQ, true, 0, 100).size());
        time("attention of one day", () -> q.attention(day, 500).size());
        time("days of a month", () -> q.days(day, day.plusDays(29)).size());
        time("chart: renewals per day (30 d)", () -> stats.renewalsPerDay(day, day.plusDays(29)).size());
        time("chart: renewals per teller (30 d)", () -> stats.renewalsPerTeller(day, day.plusDays(29)).size());
        time("chart: failure reasons (30 d)", () -> stats.failureReasons(day, day.plusDays(29)).size());
        time("chart: machine time per day (30 d)", () -> stats.machineTimePerDay(day, day.plusDays(29)).size());
    }

    private static void time(String what, Supplier<Object> query) {
        long[] runs = new long[7];
        Object result = null;
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            result = query.get();
            runs[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(runs);
        System.out.printf("%-40s median %8.2f ms  (min %.2f, max %.2f)  -> %s%n", what, runs[3] / 1e6, runs[0] / 1e6,
                runs[runs.length - 1] / 1e6, result);
    }

    /** Rows spread over a year: cases of 8-11 entries by 20 tellers, about 1 in 10 failing. */
    private static void fill(Database db, int rows) {
        Random r = new Random(42);
        Instant start = Instant.parse("2026-01-01T00:30:00Z");
        long step = 365L * 86400 * 1000 / rows;
        byte[] hash = new byte[32];
        db.jdbi().useHandle(h -> fillRows(h.getConnection(), rows, r, start, step, hash));
    }

    private static void fillRows(Connection c, int rows, Random r, Instant start, long step, byte[] hash) {
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (seq, at, workstation, actor, "
                    + "role, case_id, customer_ref, event_type, outcome, details, leaf_hash) "
                    + "VALUES (?, ?, '0102-W03', ?, 'TELLER', ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    long caseId = i / 10;
                    String type = TYPES[i % 10 == 9 && r.nextInt(10) == 0 ? 9 : i % 8];
                    boolean failed = type.equals("CHECK_FAILED") || r.nextInt(40) == 0;
                    ps.setLong(1, i);
                    ps.setString(2, AuditEntry.formatTime(start.plusMillis(step * i)));
                    ps.setString(3, "teller" + String.format("%02d", (int) (caseId % 20)));
                    ps.setLong(4, caseId);
                    ps.setString(5, "c-" + Long.toHexString(caseId * 2654435761L));
                    ps.setString(6, failed && !type.equals("CHECK_FAILED") ? "PIN_ENTRY_FAILED" : type);
                    ps.setString(7, failed ? "FAILED" : "OK");
                    ps.setString(8, failed ? "{\"code\":\"WRONG_PIN\"}" : "{}");
                    ps.setBytes(9, hash);
                    ps.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
