package bank.ushield.audit;

import bank.ushield.testsupport.MachineLoad;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;

/**
 * Issue 20 on a branch server: verify of a 1,000,000-entry workstation log on PostgreSQL, row by row (as before ADR
 * 0100) and as binary COPY blocks, against plain SHA-256 over the same leaf bytes, in one run with the load printed.
 * The log is generated once into the database {@code ushield_verify_bench} of the tests' server (entries and tree
 * nodes written with COPY, one signed head at the end) and reused. Run:
 * {@code java -cp <audit test classpath> bank.ushield.audit.BranchVerifyBench [entries]}.
 */
public final class BranchVerifyBench {

    private static final String SERVER = env("USHIELD_TEST_PG_URL", "jdbc:postgresql://localhost:5432/");
    private static final String USER = env("USHIELD_TEST_PG_USER", "ushield_test");
    private static final String PASSWORD = env("USHIELD_TEST_PG_PASSWORD", "ushield_test");
    private static final String DB = "ushield_verify_bench";
    private static final String WS = "0102-W01";
    private static final AuditEventType[] STEPS = {AuditEventType.CASE_OPENED, AuditEventType.CASE_ID_VERIFIED,
            AuditEventType.CASE_COMPLETED};

    private BranchVerifyBench() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("branch verify bench: %d cores, Java %s, load %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), MachineLoad.now());
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DB + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            }
            try (ResultSet v = s.executeQuery("SELECT version()")) {
                v.next();
                System.out.println("server: " + v.getString(1).split(",")[0]);
            }
        }
        Path keyDir = Files.createTempDirectory("verify-bench-keys-");
        try (Database db = Database.open(BranchDatabaseSettings.of(SERVER + DB, USER, PASSWORD.toCharArray(), WS))) {
            generate(db, entries, keyDir);
            List<byte[]> leaves = new ArrayList<>();
            new AuditSearch(db).forEach(AuditQuery.builder().limit(1000).build(), e -> leaves.add(e.leafData()));
            long bytes = leaves.stream().mapToLong(b -> b.length).sum();
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long[] whole = new long[3];
            long[] wholeCpu = new long[3];
            long[] serverAlone = new long[3];
            long[] rows = new long[3];
            long[] rowsCpu = new long[3];
            long[] blocks = new long[3];
            long[] blocksCpu = new long[3];
            long[] sha = new long[3];
            VerifyReport report = null;
            for (int r = 0; r < 3; r++) {
                // Each round: row by row as before (each half fetched whole), row by row in fetches of 4,096 rows,
                // COPY blocks, the server handing out the same rows alone, plain SHA-256: the load falls alike.
                AuditVerifier.COPY_BLOCKS = false;
                AuditEntryStore.Scan.ROW_FETCH = 0;
                long c0 = cpu(os);
                long t0 = System.nanoTime();
                VerifyReport asBefore = AuditVerifier.verify(db);
                whole[r] = System.nanoTime() - t0;
                wholeCpu[r] = cpu(os) - c0;
                AuditEntryStore.Scan.ROW_FETCH = 4096;
                c0 = cpu(os);
                t0 = System.nanoTime();
                VerifyReport byRow = AuditVerifier.verify(db);
                rows[r] = System.nanoTime() - t0;
                rowsCpu[r] = cpu(os) - c0;
                AuditVerifier.COPY_BLOCKS = true;
                c0 = cpu(os);
                t0 = System.nanoTime();
                report = AuditVerifier.verify(db);
                blocks[r] = System.nanoTime() - t0;
                blocksCpu[r] = cpu(os) - c0;
                if (!asBefore.ok() || !byRow.ok() || !report.ok()) {
                    throw new IllegalStateException(byRow.summary() + " / " + report.summary());
                }
                t0 = System.nanoTime();
                serverAlone(report.entries());
                serverAlone[r] = System.nanoTime() - t0;
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                t0 = System.nanoTime();
                for (byte[] b : leaves) {
                    md.update(b);
                }
                md.digest();
                sha[r] = System.nanoTime() - t0;
                System.out.printf("round %d: row by row, whole halves %.3f s (CPU %.3f s), in fetches of 4,096 %.3f s "
                        + "(CPU %.3f s), COPY blocks %.3f s (CPU %.3f s), server alone %.3f s, SHA-256 %.3f s, "
                        + "load %s%n", r + 1, whole[r] / 1e9, wholeCpu[r] / 1e9, rows[r] / 1e9, rowsCpu[r] / 1e9,
                        blocks[r] / 1e9, blocksCpu[r] / 1e9, serverAlone[r] / 1e9, sha[r] / 1e9, MachineLoad.now());
            }
            long bestWhole = Arrays.stream(whole).min().getAsLong();
            long bestServer = Arrays.stream(serverAlone).min().getAsLong();
            long bestRows = Arrays.stream(rows).min().getAsLong();
            long bestBlocks = Arrays.stream(blocks).min().getAsLong();
            long bestSha = Arrays.stream(sha).min().getAsLong();
            System.out.printf("verify   %s%n", report.summary());
            System.out.printf("verify   %,d entries on PostgreSQL, best of 3 (wall; the server's CPU is not in the "
                    + "process CPU): row by row as before %.3f s, in fetches of 4,096 %.3f s, COPY blocks %.3f s "
                    + "(%.2fx faster than before)%n", report.entries(), bestWhole / 1e9, bestRows / 1e9,
                    bestBlocks / 1e9, (double) bestWhole / bestBlocks);
            System.out.printf("verify   the server alone handing out the same entries and nodes as one COPY each, "
                    + "read and dropped: %.3f s (%.1fx plain SHA-256)%n", bestServer / 1e9,
                    (double) bestServer / Arrays.stream(sha).min().getAsLong());
            System.out.printf("verify   plain SHA-256 over the same %,d bytes: %.3f s%n", bytes, bestSha / 1e9);
            System.out.printf("verify   verify / plain SHA-256: %.1fx row by row as before, %.1fx COPY blocks%n",
                    (double) bestWhole / bestSha, (double) bestBlocks / bestSha);
        }
        System.out.printf("done, load %s%n", MachineLoad.now());
    }

    /** The server streaming the log's entries and nodes as binary COPY on one connection, the client dropping them. */
    private static void serverAlone(long size) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + DB, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("SET ushield.workstation = '" + WS + "'");
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            copy.copyOut("COPY (SELECT seq, at, workstation, actor, role, case_id::text, customer_ref, event_type, "
                    + "outcome, details, leaf_hash FROM audit_entry WHERE seq >= 0 AND seq < " + size
                    + " ORDER BY seq) TO STDOUT (FORMAT binary)", java.io.OutputStream.nullOutputStream());
            copy.copyOut("COPY (SELECT last_seq, level, hash FROM audit_node WHERE last_seq >= 0 AND last_seq < "
                    + size + " ORDER BY last_seq, level) TO STDOUT (FORMAT binary)", java.io.OutputStream.nullOutputStream());
        }
    }

    /** Entries and nodes by COPY up to {@code entries} (kept when already there), then a signed head over all. */
    private static void generate(Database db, int entries, Path keyDir) throws Exception {
        try (AuditLog log = AuditLog.open(db, WS)) {
            if (log.size() >= entries) {
                System.out.printf("log: reusing %,d entries of %s%n", log.size(), WS);
                return;
            }
            if (log.size() > 0) {
                throw new IllegalStateException("A partial bench log is in " + DB + ": drop the database and run again");
            }
        }
        long t0 = System.nanoTime();
        HexFormat hex = HexFormat.of();
        Instant start = Instant.parse("2026-01-05T01:00:00Z");
        byte[][] stack = new byte[64][];
        int[] levels = new int[64];
        int top = 0;
        try (Connection c = DriverManager.getConnection(SERVER + DB, USER, PASSWORD)) {
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            int batch = 50_000;
            for (int from = 0; from < entries; from += batch) {
                StringBuilder e = new StringBuilder(batch * 300);
                StringBuilder n = new StringBuilder(batch * 100);
                for (int i = from; i < Math.min(entries, from + batch); i++) {
                    boolean failed = i % 17 == 5;
                    AuditEventType type = failed ? AuditEventType.CHECK_FAILED : STEPS[i % STEPS.length];
                    String details = "{\"cardNumber\":\"6222 **** **** 1234\",\"customerName\":\"张*\",\"idNumber\":"
                            + "\"1101**********0021\",\"reader\":\"desk-reader-" + (i % 3) + "\",\"step\":" + (i % 9) + "}";
                    Long caseId = i % 11 == 0 ? null : (long) i / 9;
                    String customer = caseId == null ? null : "cr1:" + hex.formatHex(MerkleTree.leafHash(
                            ("C" + (i / 9 % 50_000)).getBytes())).substring(0, 32);
                    AuditEntry entry = new AuditEntry(i, start.plusMillis(1500L * i), WS, "teller" + (i % 12),
                            i % 50 == 0 ? "MANAGER" : "TELLER", caseId, customer, type,
                            failed ? AuditOutcome.FAILED : AuditOutcome.OK, details, null);
                    byte[] leaf = MerkleTree.leafHash(entry.leafData());
                    e.append(WS).append('\t').append(i).append('\t').append(entry.atText()).append('\t')
                            .append(entry.actor()).append('\t').append(entry.role()).append('\t')
                            .append(caseId == null ? "\\N" : caseId.toString()).append('\t')
                            .append(customer == null ? "\\N" : customer).append('\t').append(type.name()).append('\t')
                            .append(entry.outcome().name()).append('\t').append(details).append("\t\\\\x")
                            .append(hex.formatHex(leaf)).append('\n');
                    byte[] h = leaf;
                    int level = 0;
                    while (top > 0 && levels[top - 1] == level) {
                        h = MerkleTree.nodeHash(stack[--top], h);
                        level++;
                        n.append(WS).append('\t').append(i).append('\t').append(level).append("\t\\\\x")
                                .append(hex.formatHex(h)).append('\n');
                    }
                    stack[top] = h;
                    levels[top++] = level;
                }
                copy.copyIn("COPY branch_audit_entry (workstation, seq, at, actor, role, case_id, customer_ref, "
                        + "event_type, outcome, details, leaf_hash) FROM STDIN", new StringReader(e.toString()));
                copy.copyIn("COPY branch_audit_node (workstation, last_seq, level, hash) FROM STDIN",
                        new StringReader(n.toString()));
            }
        }
        try (AuditLog log = AuditLog.open(db, WS)) {
            WorkstationKeys keys = WorkstationKeys.loadOrCreate(keyDir, WS, KeystorePassword.training());
            log.checkpoint(keys, log.treeHead());
            System.out.printf(Locale.ROOT, "log: %,d entries and their tree written with COPY, one signed head, in "
                    + "%.1f s%n", log.size(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long cpu(java.lang.management.OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

}
