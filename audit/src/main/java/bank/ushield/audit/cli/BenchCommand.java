package bank.ushield.audit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.CustomerRef;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.SteppingClock;
import bank.ushield.audit.TreeHead;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit bench}: the figures of docs/performance.md. Durable append rate against a bare sqlite-jdbc INSERT
 * loop on a database opened with the same settings, in the same run; then, on a log of --entries entries: verify
 * time and its ratio to plain SHA-256 over the same bytes, inclusion and consistency proof times, and search times
 * for typical manager filters. Prints figures; asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures append, verify, proof and search speed.")
final class BenchCommand implements Callable<Integer> {

    private static final String WS = "BENCH-W1";
    private static final byte[] REF_KEY = "bench-customer-matching-key".getBytes();
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final AuditEventType[] CASE_STEPS = {AuditEventType.CASE_OPENED, AuditEventType.CASE_ID_VERIFIED,
            AuditEventType.CASE_CARD_VERIFIED, AuditEventType.CASE_TOKEN_VERIFIED, AuditEventType.CASE_KEY_GENERATED,
            AuditEventType.CASE_CSR_QUEUED, AuditEventType.CASE_CERT_RECEIVED, AuditEventType.CASE_CERT_INSTALLED,
            AuditEventType.CASE_COMPLETED};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", defaultValue = "target/audit-bench", description = "Work folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--entries", defaultValue = "1000000", description = "Size of the large log (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--appends", defaultValue = "2000", description = "Durable appends per side (default: ${DEFAULT-VALUE}).")
    int appends;

    @Option(names = "--warmup", defaultValue = "20000", description = "Commits of each kind before timing, so that the "
            + "append's Java code runs compiled as in a long-running process (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--samples", defaultValue = "200", description = "Proofs and searches per kind (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--parts", split = ",", defaultValue = "append,verify,proofs,search",
            description = "Which figures to take (default: ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--reuse", description = "Reuse the large log from an earlier run when it is there.")
    boolean reuse;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        out.printf("audit bench: %s, %d cores, Java %s, SQLite WAL + synchronous=FULL (db module settings), load %s%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadAverage());
        if (parts.contains("append")) {
            appendRate();
        }
        if (parts.stream().anyMatch(p -> !p.equals("append"))) {
            Database db = largeLog(dir.resolve("audit-large.db"));
            if (parts.contains("verify")) {
                verify(db);
            }
            if (parts.contains("proofs")) {
                proofs(db);
            }
            if (parts.contains("search")) {
                search(db);
            }
        }
        out.printf("done, load %s%n", loadAverage());
        return 0;
    }

    /** The machine's 1/5/15-minute load averages (Linux), so noisy runs can be told apart. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------- append

    private void appendRate() throws java.io.IOException {
        for (String f : List.of("append-audit.db", "append-plain.db", "append-indexed.db")) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(dir.resolve(f + suffix));
            }
        }
        Database auditDb = Database.open(dir.resolve("append-audit.db"));
        Database plainDb = Database.open(dir.resolve("append-plain.db"));
        Database indexedDb = Database.open(dir.resolve("append-indexed.db"));
        long[] plain = new long[appends];
        long[] indexed = new long[appends];
        long[] audit = new long[appends];
        long[] cpu = new long[3];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Random rnd = new Random(1);
        try (Handle plainHandle = plainDb.jdbi().open(); Handle indexedHandle = indexedDb.jdbi().open();
             AuditLog log = AuditLog.open(auditDb, WS)) {
            try (PlainEntryStore ins = new PlainEntryStore(plainHandle, false);
                 PlainEntryStore insIdx = new PlainEntryStore(indexedHandle, true)) {
                // Warm all paths up before timing, then one commit of each in turn: the machine's load, which
                // moves from second to second here, falls on the three alike. With 200 warm-up commits most of the
                // append's Java code still ran interpreted or in the first compiler's code while timed (about 0.06 ms
                // per append more CPU than after 20,000 on tmpfs); the bare loop, mostly native, hardly changed.
                for (int i = -warmup; i < appends; i++) {
                    int seq = i + warmup;
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    plainInsert(ins, seq, rnd);
                    long t1 = System.nanoTime();
                    long c1 = threads.getCurrentThreadCpuTime();
                    plainInsert(insIdx, seq, rnd);
                    long t2 = System.nanoTime();
                    long c2 = threads.getCurrentThreadCpuTime();
                    log.append(event(seq, rnd));
                    long t3 = System.nanoTime();
                    long c3 = threads.getCurrentThreadCpuTime();
                    if (i >= 0) {
                        cpu[0] += c1 - c0;
                        cpu[1] += c2 - c1;
                        cpu[2] += c3 - c2;
                        plain[i] = t1 - t0;
                        indexed[i] = t2 - t1;
                        audit[i] = t3 - t2;
                    }
                }
            }
        }
        double plainRate = appends / (Arrays.stream(plain).sum() / 1e9);
        double indexedRate = appends / (Arrays.stream(indexed).sum() / 1e9);
        double auditRate = appends / (Arrays.stream(audit).sum() / 1e9);
        out.printf("append   %,d each after %,d warm-up commits of each, one commit of each in turn, one row or entry "
                + "per commit%n", appends, warmup);
        out.printf("append   bare sqlite-jdbc INSERT loop, no index:             %,8.0f rows/s     %s%n", plainRate,
                percentiles(plain));
        out.printf("append   bare sqlite-jdbc INSERT loop, the 6 search indexes: %,8.0f rows/s     %s%n", indexedRate,
                percentiles(indexed));
        out.printf("append   AuditLog.append (durable, Merkle tree, masking):    %,8.0f entries/s  %s%n", auditRate,
                percentiles(audit));
        out.printf("append   ratio to the bare loop: %.2f (rates), %.2f (medians); to the indexed loop: %.2f (rates)%n",
                auditRate / plainRate, (double) median(plain) / median(audit), auditRate / indexedRate);
        out.printf("append   CPU time of this thread per commit (JNI included, waiting for the disk not): bare %.3f ms, "
                + "indexed %.3f ms, audit %.3f ms%n", cpu[0] / 1e6 / appends, cpu[1] / 1e6 / appends, cpu[2] / 1e6 / appends);
    }

    private static long median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void plainInsert(PlainEntryStore ins, int seq, Random rnd) {
        // Same shape of data as the audit events: 12 tellers, cases, 50,000 customers, a few failures.
        byte[] hash = new byte[32];
        String actor = "teller" + rnd.nextInt(12);
        rnd.nextBytes(hash);
        ins.insert(seq, AuditEntry.formatTime(Instant.now()), WS, actor, "TELLER", seq / 9,
                CustomerRef.of(REF_KEY, "C" + (seq / 9 % 50_000)), CASE_STEPS[seq % CASE_STEPS.length].name(),
                seq % 17 == 5 ? "FAILED" : "OK",
                "{\"cardNumber\":\"6222 **** **** 1234\",\"customerName\":\"张*\",\"idNumber\":"
                        + "\"1101**********0021\",\"step\":" + (seq % 9) + "}", hash);
    }

    private static AuditEvent event(long i, Random rnd) {
        boolean failed = i % 17 == 5;
        AuditEventType type = failed ? AuditEventType.CHECK_FAILED : CASE_STEPS[(int) (i % CASE_STEPS.length)];
        return AuditEvent.builder(type, failed ? AuditOutcome.FAILED : AuditOutcome.OK)
                .actor("teller" + (i % 12), i % 50 == 0 ? "MANAGER" : "TELLER")
                .caseId(i / 9)
                .customerRef(CustomerRef.of(REF_KEY, "C" + (i / 9 % 50_000)))
                .detail("step", i % 9)
                .detail("idNumber", "110105194912310021")
                .detail("cardNumber", "6222021234561234")
                .detail("customerName", "张三")
                .detail("reader", "desk-reader-" + rnd.nextInt(3))
                .build();
    }

    // ---------------------------------------------------------------- the large log

    private Database largeLog(Path file) throws Exception {
        if (reuse && Files.exists(file)) {
            Database db = Database.open(file);
            try (AuditLog log = AuditLog.open(db, WS)) {
                if (log.size() >= entries) {
                    out.printf("large log: reusing %s with %,d entries%n", file, log.size());
                    return db;
                }
            }
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        Database db = Database.open(file);
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir.resolve("keys"), WS, KeystorePassword.training());
        Random rnd = new Random(2);
        long t0 = System.nanoTime();
        try (AuditLog log = AuditLog.open(db, WS, new SteppingClock(START, STEP))) {
            log.enableCheckpoints(keys, 10_000);
            int batch = 10_000;
            for (int done = 0; done < entries; done += batch) {
                List<AuditEvent> events = new ArrayList<>(batch);
                for (int i = done; i < Math.min(entries, done + batch); i++) {
                    events.add(event(i, rnd));
                }
                db.jdbi().useTransaction(h -> log.appendAll(h, events));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf("large log: %,d entries (incl. %,d signed checkpoints) built in %.1f s (%,.0f entries/s in "
                    + "10,000-entry transactions)%n", log.size(), log.checkpoints().size(), s, log.size() / s);
        }
        return db;
    }

    // ---------------------------------------------------------------- verify

    private void verify(Database db) throws Exception {
        long[] runs = new long[3];
        long[] pageRuns = new long[3];
        long[] cpu = new long[3];
        long[] pageCpu = new long[3];
        VerifyReport report = null;
        java.util.Map<String, long[]> phases = new java.util.TreeMap<>();
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // The default verify and the sign-off's (SQLite's full integrity check of the file beside it), in turn.
        for (int i = 0; i < runs.length; i++) {
            int run = i;
            long c0 = processCpu(os);
            long t0 = System.nanoTime();
            report = AuditVerifier.verify(db, AuditVerifier.Depth.CONTENT, (phase, took) -> phases.computeIfAbsent(
                    phase, p -> new long[runs.length])[run] = took.toNanos());
            runs[i] = System.nanoTime() - t0;
            cpu[i] = processCpu(os) - c0;
            c0 = processCpu(os);
            t0 = System.nanoTime();
            AuditVerifier.verify(db, AuditVerifier.Depth.THOROUGH, (phase, took) -> { });
            pageRuns[i] = System.nanoTime() - t0;
            pageCpu[i] = processCpu(os) - c0;
        }
        out.printf("verify   %s%n", report.summary());
        out.printf("verify   %,d entries: %s s, CPU of the process %s s (3 runs; the parts below run side by side)%n",
                report.entries(), seconds(runs), seconds(cpu));
        phases.forEach((phase, t) -> out.printf("verify     %-13s %s s%n", phase + ":", seconds(t)));
        out.printf("verify   --thorough, as the daily sign-off runs it (SQLite's integrity_check of the file beside): "
                + "%s s, CPU %s s%n",
                seconds(pageRuns), seconds(pageCpu));

        // Plain SHA-256 over the same bytes: the leaf encodings of all entries, read once into memory.
        List<byte[]> leaves = new ArrayList<>((int) report.entries());
        new AuditSearch(db).forEach(AuditQuery.builder().limit(1000).build(), e -> leaves.add(e.leafData()));
        long bytes = leaves.stream().mapToLong(b -> b.length).sum();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long best = Long.MAX_VALUE;
        long bestPerLeaf = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            md.reset();
            for (byte[] b : leaves) {
                md.update(b);
            }
            md.digest();
            best = Math.min(best, System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (byte[] b : leaves) {
                MerkleTree.leafHash(b);
            }
            bestPerLeaf = Math.min(bestPerLeaf, System.nanoTime() - t0);
        }
        long bestVerify = Arrays.stream(runs).min().getAsLong();
        long bestHash = Arrays.stream(phases.getOrDefault("hash checks", runs)).min().getAsLong();
        // Each part alone, for the reading of the figures above (CPU of one thread; SQLite's native code included).
        AuditVerifier.partsAlone(db).forEach((part, took) -> out.printf("verify   alone, CPU: %-45s %.3f s%n",
                part + ":", took.toNanos() / 1e9));
        out.printf("verify   plain SHA-256 over the same %,d bytes: %.3f s in one stream, %.3f s as one digest per "
                + "entry%n", bytes, best / 1e9, bestPerLeaf / 1e9);
        out.printf("verify   verify / plain SHA-256 (stream): %.1fx whole verify, %.1fx its hash checks (best runs)%n",
                (double) bestVerify / best, (double) bestHash / best);
    }

    /** CPU time of the whole process (every thread, SQLite's native code included), or -1 where unknown. */
    private static long processCpu(java.lang.management.OperatingSystemMXBean os) {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    // ---------------------------------------------------------------- proofs

    private void proofs(Database db) {
        Random rnd = new Random(3);
        try (AuditLog log = AuditLog.open(db, WS)) {
            long n = log.size();
            TreeHead head = log.treeHead(n);
            long[] inclusion = new long[samples];
            long[] consistency = new long[samples];
            boolean allOk = true;
            for (int i = -20; i < samples; i++) {
                long m = (long) (rnd.nextDouble() * n);
                byte[] leaf = log.entry(m).orElseThrow().leafHash();
                long t0 = System.nanoTime();
                List<byte[]> proof = log.inclusionProof(m, n);
                boolean ok = MerkleTree.verifyInclusion(m, n, leaf, proof, head.rootHash());
                long t1 = System.nanoTime();
                long size1 = 1 + (long) (rnd.nextDouble() * (n - 1));
                TreeHead old = log.treeHead(size1);
                long t2 = System.nanoTime();
                List<byte[]> cproof = log.consistencyProof(size1, n);
                ok &= MerkleTree.verifyConsistency(size1, n, cproof, old.rootHash(), head.rootHash());
                long t3 = System.nanoTime();
                if (i >= 0) {
                    inclusion[i] = t1 - t0;
                    consistency[i] = t3 - t2;
                    allOk &= ok;
                }
            }
            out.printf("proofs   on %,d entries, %d random each, generate from SQLite + check (all checked: %s)%n", n,
                    samples, allOk);
            out.printf("proofs   inclusion:   %s%n", percentiles(inclusion));
            out.printf("proofs   consistency: %s%n", percentiles(consistency));
        }
    }

    // ---------------------------------------------------------------- search

    private void search(Database db) {
        AuditSearch search = new AuditSearch(db);
        Random rnd = new Random(4);
        long n;
        try (AuditLog log = AuditLog.open(db, WS)) {
            n = log.size();
        }
        long days = Math.max(1, n * STEP.toSeconds() / 86_400);
        List<String> names = List.of("one day, first page", "one day, page 2", "teller + week, newest first",
                "case id", "customer ref, newest first", "failures in a month", "event type in a month");
        List<Supplier<AuditQuery>> kinds = List.of(
                () -> {
                    Instant from = day(rnd, days);
                    return AuditQuery.builder().from(from).to(from.plus(Duration.ofDays(1))).build();
                },
                () -> null, // page 2: measured below
                () -> {
                    Instant from = day(rnd, days);
                    return AuditQuery.builder().actor("teller" + rnd.nextInt(12)).from(from)
                            .to(from.plus(Duration.ofDays(7))).newestFirst(true).build();
                },
                () -> AuditQuery.builder().caseId((long) rnd.nextInt((int) (n / 9))).build(),
                () -> AuditQuery.builder().customerRef(CustomerRef.of(REF_KEY, "C" + rnd.nextInt(50_000)))
                        .newestFirst(true).build(),
                () -> {
                    Instant from = day(rnd, days);
                    return AuditQuery.builder().outcome(AuditOutcome.FAILED).from(from).to(from.plus(Duration.ofDays(30))).build();
                },
                () -> {
                    Instant from = day(rnd, days);
                    return AuditQuery.builder().type(CASE_STEPS[rnd.nextInt(CASE_STEPS.length)]).from(from)
                            .to(from.plus(Duration.ofDays(30))).build();
                });
        List<Long> all = new ArrayList<>();
        out.printf("search   on %,d entries, %d queries per filter, 50 entries per page, fresh connection per query%n",
                n, samples);
        for (int k = 0; k < kinds.size(); k++) {
            long[] t = new long[samples];
            for (int i = -10; i < samples; i++) {
                long took;
                if (k == 1) {
                    Instant from = day(rnd, days);
                    AuditQuery q = AuditQuery.builder().from(from).to(from.plus(Duration.ofDays(1))).build();
                    var first = search.page(q);
                    long t0 = System.nanoTime();
                    search.page(q.after(first.next().orElseThrow()));
                    took = System.nanoTime() - t0;
                } else {
                    AuditQuery q = kinds.get(k).get();
                    long t0 = System.nanoTime();
                    search.page(q);
                    took = System.nanoTime() - t0;
                }
                if (i >= 0) {
                    t[i] = took;
                    all.add(took);
                }
            }
            out.printf("search   %-30s %s%n", names.get(k) + ":", percentiles(t));
        }
        out.printf("search   %-30s %s%n", "all filters:", percentiles(all.stream().mapToLong(Long::longValue).toArray()));
    }

    private static Instant day(Random rnd, long days) {
        return START.plus(Duration.ofDays(rnd.nextInt((int) Math.max(1, days - 31))));
    }

    private static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("p50 %.2f ms, p95 %.2f ms, max %.2f ms", s[s.length / 2] / 1e6,
                s[(int) Math.ceil(s.length * 0.95) - 1] / 1e6, s[s.length - 1] / 1e6);
    }

    private static String seconds(long[] nanos) {
        StringBuilder b = new StringBuilder();
        for (long v : nanos) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format("%.2f", v / 1e9));
        }
        return b.toString();
    }
}
