package bank.ushield.audit;

import bank.ushield.testsupport.MachineLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.PostgresDatabase;

/**
 * Issue 18's benchmark and issue 20's PostgreSQL figures, in one run (docs/performance.md, "Branch on PostgreSQL"):
 * durable audit appends per second and commit latency for 1, 2, 4 and 8 workstations appending at once on one
 * PostgreSQL server (each its own log, connection pool and thread, as the branch tests run them), beside one
 * workstation on SQLite; and one workstation's append against a bare INSERT on the same server, one commit of each
 * in turn. Every log is verified afterwards. Prints figures; asserts nothing. Arguments: appends per workstation,
 * then optionally "append" for the append-vs-insert comparison alone; -Dbench.warmup=N commits of each kind before
 * that comparison is timed (default 20,000).
 * The server is the tests' (USHIELD_TEST_PG_URL, _USER, _PASSWORD; see PostgresDatabase); a database of its own is
 * made and dropped.
 */
public final class BranchBench {

    private static final byte[] REF_KEY = "bench-customer-matching-key".getBytes();
    private static final AuditEventType[] STEPS = {AuditEventType.CASE_OPENED, AuditEventType.CASE_ID_VERIFIED,
            AuditEventType.CASE_CARD_VERIFIED, AuditEventType.CASE_TOKEN_VERIFIED, AuditEventType.CASE_KEY_GENERATED,
            AuditEventType.CASE_CSR_QUEUED, AuditEventType.CASE_CERT_RECEIVED, AuditEventType.CASE_CERT_INSTALLED,
            AuditEventType.CASE_COMPLETED};
    /** A signed checkpoint every this many entries, as a workstation signs them (one ECDSA signature each). */
    private static final int CHECKPOINT_EVERY = 1_000;

    private BranchBench() {
    }

    /** One run's figures: entries appended, wall time, each append's latency (commit included). */
    private record Run(String what, int workstations, long appends, long wallNanos, long[] latencies, boolean verified) {
        double perSecond() {
            return appends / (wallNanos / 1e9);
        }

        String row() {
            long[] s = latencies.clone();
            Arrays.sort(s);
            return String.format("%-28s %3d %9d %12.0f %9.2f %9.2f %9.2f   %s", what, workstations, appends,
                    perSecond(), s[s.length / 2] / 1e6, s[(int) Math.ceil(s.length * 0.95) - 1] / 1e6,
                    s[s.length - 1] / 1e6, verified ? "all logs verify" : "A LOG DOES NOT VERIFY");
        }
    }

    public static void main(String[] args) throws Exception {
        int per = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        System.out.printf("branch bench: %d cores, Java %s, %d appends per workstation, checkpoint every %,d, load %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), per, CHECKPOINT_EVERY,
                MachineLoad.now());
        Path dir = Files.createTempDirectory("branch-bench-");
        PostgresDatabase pg = PostgresDatabase.standalone("BranchBench");
        try {
            System.out.println("server: " + serverInfo(pg));
            bareVsAppend(pg, dir, per);
            if (args.length > 1 && args[1].equals("append")) {
                // Only issue 20's append-vs-insert comparison (second argument "append").
                return;
            }
            List<Run> runs = new ArrayList<>();
            runs.add(sqlite(dir, per));
            for (int k : new int[] {1, 2, 4, 8}) {
                runs.add(branch(pg, dir, k, per));
            }
            System.out.printf("%n%-28s %3s %9s %12s %9s %9s %9s%n", "", "ws", "appends", "appends/s", "p50 ms",
                    "p95 ms", "max ms");
            runs.forEach(r -> System.out.println(r.row()));
            Run one = runs.get(0);
            Run eight = runs.get(runs.size() - 1);
            System.out.printf("8 workstations on PostgreSQL / 1 on SQLite: %.2fx the appends per second "
                    + "(aim >= 4x); p95 commit at 8: %.2f ms (aim < 20 ms)%n", eight.perSecond() / one.perSecond(),
                    p95(eight.latencies) / 1e6);
            System.out.println("cases per minute: not measured here (the renewal bench's, once cases run on a branch)");
        } finally {
            pg.drop();
            System.out.printf("done, load %s%n", MachineLoad.now());
        }
    }

    /** One workstation on an SQLite file: the embedded default. */
    private static Run sqlite(Path dir, int per) throws Exception {
        Path file = dir.resolve("one-workstation.db");
        try (Database db = Database.open(file)) {
            return workstations("SQLite, one workstation", List.of(db), dir, per);
        }
    }

    /** {@code k} workstations, each with its own database pool and log, appending at once. */
    private static Run branch(PostgresDatabase pg, Path dir, int k, int per) throws Exception {
        String url = pg.freshSchemaUrl();
        List<Database> dbs = new ArrayList<>();
        try {
            for (int i = 1; i <= k; i++) {
                dbs.add(Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(),
                        String.format("0102-W%02d", i))));
            }
            return workstations("PostgreSQL, branch", dbs, dir, per);
        } finally {
            dbs.forEach(Database::close);
        }
    }

    private static Run workstations(String what, List<Database> dbs, Path dir, int per) throws Exception {
        int k = dbs.size();
        CyclicBarrier start = new CyclicBarrier(k + 1);
        CyclicBarrier end = new CyclicBarrier(k + 1);
        ExecutorService pool = Executors.newFixedThreadPool(k);
        List<Future<long[]>> results = new ArrayList<>();
        for (int w = 0; w < k; w++) {
            Database db = dbs.get(w);
            results.add(pool.submit(() -> {
                String ws = db.workstation() == null ? "0102-W01" : db.workstation();
                WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir.resolve("keys-" + ws), ws,
                        KeystorePassword.training());
                long[] lat = new long[per];
                try (AuditLog log = AuditLog.open(db, ws)) {
                    log.enableCheckpoints(keys, CHECKPOINT_EVERY);
                    for (int i = 0; i < 20; i++) {
                        log.append(event(i));
                    }
                    start.await();
                    for (int i = 0; i < per; i++) {
                        long t0 = System.nanoTime();
                        log.append(event(i));
                        lat[i] = System.nanoTime() - t0;
                    }
                    end.await();
                }
                return lat;
            }));
        }
        start.await();
        long t0 = System.nanoTime();
        end.await();
        long wall = System.nanoTime() - t0;
        long[] all = new long[k * per];
        for (int w = 0; w < k; w++) {
            System.arraycopy(results.get(w).get(), 0, all, w * per, per);
        }
        pool.shutdown();
        boolean verified = dbs.stream().allMatch(db -> AuditVerifier.verify(db).ok());
        return new Run(what, k, (long) k * per, wall, all, verified);
    }

    /**
     * Issue 20 on PostgreSQL: one workstation's durable append against a bare JDBC INSERT loop on the same server
     * (auto-commit, one row per commit, synchronous_commit as the server has it), with and without the audit
     * table's indexes (V10, V11, V14), one commit of each in turn.
     */
    private static void bareVsAppend(PostgresDatabase pg, Path dir, int per) throws Exception {
        String url = pg.freshSchemaUrl();
        int n = Math.max(per, 1_000);
        int warmup = Integer.getInteger("bench.warmup", 20_000);
        long[] bare = new long[n];
        long[] indexed = new long[n];
        long[] audit = new long[n];
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
             Database db = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(),
                     "0102-W01"));
             AuditLog log = AuditLog.open(db, "0102-W01")) {
            try (Statement s = c.createStatement()) {
                for (String t : List.of("plain_bare", "plain_indexed")) {
                    s.execute("CREATE TABLE " + t + " (workstation TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, "
                            + "actor TEXT NOT NULL, role TEXT NOT NULL, case_id BIGINT, customer_ref TEXT, "
                            + "event_type TEXT NOT NULL, outcome TEXT NOT NULL, details TEXT NOT NULL, "
                            + "leaf_hash BYTEA NOT NULL, PRIMARY KEY (workstation, seq))");
                }
                s.execute("CREATE INDEX p_at ON plain_indexed(workstation, at)");
                s.execute("CREATE INDEX p_actor ON plain_indexed(workstation, actor, at)");
                s.execute("CREATE INDEX p_case ON plain_indexed(workstation, case_id, at) WHERE case_id IS NOT NULL");
                s.execute("CREATE INDEX p_customer ON plain_indexed(workstation, customer_ref, at) "
                        + "WHERE customer_ref IS NOT NULL");
                s.execute("CREATE INDEX p_event ON plain_indexed(workstation, event_type, at)");
                s.execute("CREATE INDEX p_outcome ON plain_indexed(workstation, outcome, at) WHERE outcome <> 'OK'");
                s.execute("CREATE INDEX p_time ON plain_indexed(at, workstation, seq)");
            }
            try (PreparedStatement b = c.prepareStatement("INSERT INTO plain_bare VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement x = c.prepareStatement("INSERT INTO plain_indexed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                // Warm-up as in `audit bench` (ADR 0099): timed before the append's Java code is compiled, the figure
                // is mostly the interpreter's.
                for (int i = -warmup; i < n; i++) {
                    int seq = i + warmup;
                    long t0 = System.nanoTime();
                    insert(b, seq);
                    long t1 = System.nanoTime();
                    insert(x, seq);
                    long t2 = System.nanoTime();
                    log.append(event(seq));
                    long t3 = System.nanoTime();
                    if (i >= 0) {
                        bare[i] = t1 - t0;
                        indexed[i] = t2 - t1;
                        audit[i] = t3 - t2;
                    }
                }
            }
            double bareRate = n / (Arrays.stream(bare).sum() / 1e9);
            double indexedRate = n / (Arrays.stream(indexed).sum() / 1e9);
            double auditRate = n / (Arrays.stream(audit).sum() / 1e9);
            System.out.printf("append on PostgreSQL, %,d each after %,d warm-up commits of each, one commit of each in turn:%n",
                    n, warmup);
            System.out.printf("  bare JDBC INSERT loop, no index:          %,8.0f rows/s     p50 %.2f ms, p95 %.2f ms%n",
                    bareRate, median(bare) / 1e6, p95(bare) / 1e6);
            System.out.printf("  bare JDBC INSERT loop, the 7 indexes:     %,8.0f rows/s     p50 %.2f ms, p95 %.2f ms%n",
                    indexedRate, median(indexed) / 1e6, p95(indexed) / 1e6);
            System.out.printf("  AuditLog.append (lock, Merkle tree):      %,8.0f entries/s  p50 %.2f ms, p95 %.2f ms%n",
                    auditRate, median(audit) / 1e6, p95(audit) / 1e6);
            System.out.printf("  ratio to the bare loop: %.2f (rates), %.2f (medians); to the indexed loop: %.2f%n",
                    auditRate / bareRate, (double) median(bare) / median(audit), auditRate / indexedRate);
            // WAL the server writes per commit of each kind: the LSN moved by 300 commits of one kind alone, two rounds
            // (server-wide, so only meaningful on a server nobody else writes to meanwhile).
            long[] wal = new long[3];
            int seq = n + warmup;
            int each = 300;
            try (PreparedStatement b = c.prepareStatement("INSERT INTO plain_bare VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement x = c.prepareStatement("INSERT INTO plain_indexed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int round = 0; round < 2; round++) {
                    long lsn = walLsn(c);
                    for (int i = 0; i < each; i++) {
                        insert(b, seq + i);
                    }
                    wal[0] += walLsn(c) - lsn;
                    lsn = walLsn(c);
                    for (int i = 0; i < each; i++) {
                        insert(x, seq + i);
                    }
                    wal[1] += walLsn(c) - lsn;
                    lsn = walLsn(c);
                    for (int i = 0; i < each; i++) {
                        log.append(event(seq + i));
                    }
                    wal[2] += walLsn(c) - lsn;
                    seq += each;
                }
            }
            System.out.printf("  WAL bytes per commit (%,d alone each, two rounds): bare %,d, indexed %,d, append %,d%n",
                    each, wal[0] / (2L * each), wal[1] / (2L * each), wal[2] / (2L * each));
            System.out.printf("  verify of that log (%,d entries): %s%n", log.size(), AuditVerifier.verify(db).summary());
        }
    }

    /** The server's current WAL insert position, in bytes. */
    private static long walLsn(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(PreparedStatement p, int seq) throws SQLException {
        byte[] hash = new byte[32];
        hash[0] = (byte) seq;
        p.setString(1, "0102-W01");
        p.setLong(2, seq);
        p.setString(3, AuditEntry.formatTime(java.time.Instant.now()));
        p.setString(4, "teller" + (seq % 12));
        p.setString(5, "TELLER");
        p.setLong(6, seq / 9);
        p.setString(7, CustomerRef.of(REF_KEY, "C" + (seq / 9 % 50_000)));
        p.setString(8, STEPS[seq % STEPS.length].name());
        p.setString(9, "OK");
        p.setString(10, "{\"cardNumber\":\"6222 **** **** 1234\",\"customerName\":\"张*\",\"idNumber\":"
                + "\"1101**********0021\",\"step\":" + (seq % 9) + "}");
        p.setBytes(11, hash);
        p.executeUpdate();
    }

    /** An event shaped like a renewal step, with details that are masked (as BenchCommand's). */
    private static AuditEvent event(long i) {
        return AuditEvent.builder(STEPS[(int) (i % STEPS.length)], AuditOutcome.OK)
                .actor("teller" + (i % 12), "TELLER")
                .caseId(i / 9)
                .customerRef(CustomerRef.of(REF_KEY, "C" + (i / 9 % 50_000)))
                .detail("step", i % 9)
                .detail("idNumber", "110105194912310021")
                .detail("cardNumber", "6222021234561234")
                .detail("customerName", "张三")
                .build();
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long p95(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(s.length * 0.95) - 1];
    }

    private static String serverInfo(PostgresDatabase pg) {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            StringBuilder b = new StringBuilder();
            for (String q : List.of("SELECT version()", "SHOW synchronous_commit", "SHOW commit_delay",
                    "SHOW wal_sync_method", "SHOW fsync")) {
                try (var rs = s.executeQuery(q)) {
                    rs.next();
                    b.append(b.length() == 0 ? "" : ", ").append(q.replace("SHOW ", "")).append(" = ")
                            .append(q.startsWith("SELECT") ? rs.getString(1).split(",")[0] : rs.getString(1));
                }
            }
            return b.toString();
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

}
