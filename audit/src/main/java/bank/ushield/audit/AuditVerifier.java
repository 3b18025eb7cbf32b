package bank.ushield.audit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Database;
import bank.ushield.db.Engine;

/**
 * Checks the file first (a SQLite database holding the audit tables, with the triggers and indexes exactly as the
 * migrations made them, passing SQLite's integrity check to the {@link Depth} asked, its search indexes agreeing with
 * a full scan), then
 * recomputes every leaf hash and the tree from the stored entries, compares the stored tree nodes, and checks each
 * signed tree head (root and signature); reports OK or the first wrong entry. Read-only: it may run on a copy of a
 * workstation's database, and concurrently with appends (it checks the prefix that existed when it started).
 * Large logs are checked in two halves on two connections and threads: [0, 2^k) and [2^k, n) with 2^k the largest
 * power of two not above n, whose trees combine exactly into the tree of n entries.
 */
public final class AuditVerifier {

    /** Below this many entries one thread is faster than two. */
    private static final long PARALLEL_FROM = 50_000;
    /**
     * Up to this many entries SQLite's full integrity check (every index against its table) runs at {@link
     * Depth#CONTENT} too (ADR 0093); callers may pass another bound ({@link #verify(Jdbi, Collection, Depth, long)}).
     */
    public static final long FULL_CHECK_UP_TO = 250_000;

    /**
     * How much of SQLite's own page structure verify checks beside the content (ADR 0093). Every depth makes every
     * content check: schema and triggers, every leaf, stored node and signed head, every search index read back.
     */
    public enum Depth {
        /**
         * The default: up to {@value #FULL_CHECK_UP_TO} entries SQLite's full integrity check of the file; above, its
         * full check of the small audit tables (signers, signed heads, anchors) only.
         */
        CONTENT,
        /**
         * As {@link #CONTENT}, with SQLite's full integrity check of the whole file (every page, every index against
         * its table) at any size: the daily sign-off and IT's {@code audit verify --thorough}.
         */
        THOROUGH
    }

    /** Whether a branch server's log is read as COPY blocks (false: row by row, as before ADR 0100; benchmarks). */
    static volatile boolean COPY_BLOCKS = true;
    /**
     * Entries per COPY of the PostgreSQL fast pass (two round trips per block: entries, nodes); smaller only in tests,
     * so a short log spans several blocks.
     */
    static volatile int COPY_BLOCK = 8192;

    /** Ranges the fast pass gave up on and read row by row, since the process started (tests: an intact log never is). */
    static final java.util.concurrent.atomic.AtomicLong FALLBACKS = new java.util.concurrent.atomic.AtomicLong();

    private AuditVerifier() {
    }

    /** Verifies the log, checking signatures against the signer certificates stored in the database. */
    public static VerifyReport verify(Database database) {
        return verify(database.jdbi(), List.of());
    }

    /**
     * Verifies the log. With {@code trusted} certificates, a signed tree head by any other key is a problem; without,
     * signatures are checked against the certificates stored in the file (detects edits, not a replaced key).
     */
    public static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted) {
        return verify(jdbi, trusted, Depth.CONTENT);
    }

    /** As {@link #verify(Jdbi, Collection)}, checking SQLite's own structures to {@code depth}. */
    public static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted, Depth depth) {
        return verify(jdbi, trusted, depth, FULL_CHECK_UP_TO);
    }

    /**
     * As {@link #verify(Jdbi, Collection, Depth)}, with {@link Depth#CONTENT} running SQLite's full integrity check
     * up to {@code fullCheckUpTo} entries instead of {@link #FULL_CHECK_UP_TO} ({@link Depth#THOROUGH} runs it at any
     * size). No effect on a branch server, whose pages and indexes the server keeps.
     */
    public static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted, Depth depth, long fullCheckUpTo) {
        return verify(jdbi, trusted, PARALLEL_FROM, depth, fullCheckUpTo);
    }

    /**
     * Verifies a database file opened read-only: nothing is created, migrated or written (the file's bytes stay as
     * they were). A missing, empty or non-SQLite file is {@link VerifyReport.Kind#UNREADABLE}; a SQLite file
     * without the audit tables {@link VerifyReport.Kind#NOT_AN_AUDIT_LOG}.
     */
    public static VerifyReport verifyFile(Path file, Collection<X509Certificate> trusted) {
        return verifyFile(file, trusted, Depth.CONTENT);
    }

    /** As {@link #verifyFile(Path, Collection)}, checking SQLite's own structures to {@code depth}. */
    public static VerifyReport verifyFile(Path file, Collection<X509Certificate> trusted, Depth depth) {
        return verifyFile(file, trusted, depth, FULL_CHECK_UP_TO);
    }

    /** As {@link #verifyFile(Path, Collection, Depth)}, with SQLite's full check by default up to {@code fullUpTo} (tests). */
    static VerifyReport verifyFile(Path file, Collection<X509Certificate> trusted, Depth depth, long fullUpTo) {
        String unreadable = unreadable(file);
        if (unreadable != null) {
            return VerifyReport.unreadable(VerifyReport.Kind.UNREADABLE, unreadable);
        }
        return verify(AuditSchemaStore.readOnly(file), trusted, PARALLEL_FROM, depth, fullUpTo);
    }

    /**
     * Why {@code file} is not an audit log a command may open (missing, empty, not SQLite, or a database without
     * the audit tables), or null when it is one. Opens nothing for writing, so a wrong path is never turned into a
     * fresh database.
     */
    public static String notAnAuditLog(Path file) {
        String unreadable = unreadable(file);
        if (unreadable != null) {
            return unreadable;
        }
        try (Handle h = AuditSchemaStore.readOnly(file).open()) {
            return AuditSchemaStore.objects(h).containsKey("audit_entry") ? null
                    : "The database " + file + " holds no audit log (no audit_entry table).";
        } catch (RuntimeException e) {
            return "The file " + file + " cannot be read as a database: " + e.getMessage();
        }
    }

    private static String unreadable(Path file) {
        if (!Files.isRegularFile(file)) {
            return "There is no database file at " + file + ".";
        }
        byte[] header = new byte[16];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(header, 0, header.length);
            if (n == 0) {
                return "The file " + file + " is empty (0 bytes): it is not an audit log.";
            }
            if (n < header.length || !"SQLite format 3\0".equals(new String(header, StandardCharsets.US_ASCII))) {
                return "The file " + file + " is not a SQLite database: it is not an audit log.";
            }
            return null;
        } catch (IOException e) {
            return "The file " + file + " cannot be read: " + e.getMessage();
        }
    }

    /** As {@link #verify(Jdbi, Collection)}, splitting in two halves from {@code parallelFrom} entries (tests). */
    static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted, long parallelFrom) {
        return verify(jdbi, trusted, parallelFrom, Depth.CONTENT, FULL_CHECK_UP_TO);
    }

    private static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted, long parallelFrom,
                                       Depth depth, long fullUpTo) {
        return verify(jdbi, trusted, parallelFrom, depth, fullUpTo, (phase, took) -> { });
    }

    /**
     * As {@link #verify(Database)}, telling {@code phases} how long each part took: "file checks" (SQLite's
     * integrity check, foreign keys, signers), "hash checks" (leaves, tree, signed heads) and "index checks" (each
     * search index read back). The parts run side by side, so the times overlap (benchmarks, operators' logs).
     */
    public static VerifyReport verify(Database database, Depth depth,
                                      java.util.function.BiConsumer<String, java.time.Duration> phases) {
        return verify(database.jdbi(), List.of(), PARALLEL_FROM, depth, FULL_CHECK_UP_TO, phases);
    }

    private static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted, long parallelFrom, Depth depth,
                                       long fullUpTo, java.util.function.BiConsumer<String, java.time.Duration> phases) {
        List<VerifyReport.Problem> schemaProblems = List.of();
        boolean postgres;
        try (Handle h = jdbi.open()) {
            postgres = Engine.of(h) == Engine.POSTGRESQL;
            if (postgres) {
                // A branch database: this session's workstation log; the server keeps pages and indexes sound.
                schemaProblems = postgresProblems(h);
            }
        } catch (RuntimeException e) {
            return VerifyReport.unreadable(VerifyReport.Kind.UNREADABLE,
                    "The database cannot be read: " + rootMessage(e));
        }
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "audit-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<VerifyReport.Problem>> fileChecks = null;
            Future<Map<String, Map<String, Long>>> indexed = null;
            long sizeAtStart = -1;
            if (!postgres) {
                FileCheck check = sqliteSchema(jdbi, depth, fullUpTo);
                if (check.early() != null) {
                    return check.early();
                }
                schemaProblems = check.problems();
                // SQLite's own checks of the file and the index read-back run beside the hash checks (each on its
                // own connection); their findings are used exactly as when they ran one after the other.
                AuditSchemaStore.Integrity integrity = check.integrity();
                boolean schemaChanged = !schemaProblems.isEmpty();
                fileChecks = pool.submit(() -> timed(phases, "file checks",
                        () -> jdbi.withHandle(h -> fileProblems(h, integrity, schemaChanged))));
                long size = check.size();
                sizeAtStart = size;
                indexed = pool.submit(() -> timed(phases, "index checks",
                        () -> jdbi.withHandle(h -> AuditSchemaStore.indexCounts(h, size))));
            }
            return verifyEntries(jdbi, trusted, parallelFrom, schemaProblems, fileChecks, indexed, sizeAtStart, pool,
                    phases);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * CPU time of each part of a verify, each run alone on this thread (benchmarks; the parts of a real verify run side
     * by side): SQLite walking the table, SQLite handing out the entries and the stored nodes as verify's blocks, the
     * whole hash pass on one thread (those reads, leaf and node hashing, comparisons, index counts), the index
     * read-back, and SQLite's integrity check of the whole file (the thorough check).
     */
    public static Map<String, java.time.Duration> partsAlone(Database database) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, java.time.Duration> out = new java.util.LinkedHashMap<>();
        database.jdbi().useHandle(h -> {
            long size = AuditEntryStore.size(h);
            java.util.function.BiConsumer<String, Runnable> part = (name, work) -> {
                long t0 = cpu.getCurrentThreadCpuTime();
                work.run();
                out.put(name, java.time.Duration.ofNanos(cpu.getCurrentThreadCpuTime() - t0));
            };
            part.accept("SQLite walks the table (count)", () -> AuditEntryStore.scanCount(h, size));
            try (AuditEntryStore.Blocks blocks = new AuditEntryStore.Blocks(h)) {
                part.accept("SQLite hands out the entries as blocks", () -> {
                    for (long from = 0; from < size; from += Range.BLOCK) {
                        blocks.entries(from, Math.min(size, from + Range.BLOCK));
                    }
                });
                part.accept("SQLite hands out the stored nodes as blocks", () -> {
                    for (long from = 0; from < size; from += Range.BLOCK) {
                        blocks.nodes(from, Math.min(size, from + Range.BLOCK));
                    }
                });
            }
            TreeMap<Long, SignedTreeHead> checkpoints = loadCheckpoints(h);
            part.accept("hash pass on one thread (reads included)", () -> new Range(0, size, checkpoints).run(h));
            part.accept("index read-back", () -> AuditSchemaStore.indexCounts(h, size));
            part.accept("SQLite integrity_check of the file", () -> AuditSchemaStore.integrityProblems(h, 20,
                    AuditSchemaStore.Integrity.FULL));
        });
        return out;
    }

    private static <T> T timed(java.util.function.BiConsumer<String, java.time.Duration> phases, String phase,
                               java.util.function.Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            phases.accept(phase, java.time.Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /**
     * What the schema check found: a report to return at once (unreadable, not a log, no tables), or the schema
     * problems, the number of entries then, and which of SQLite's own checks is to run.
     */
    private record FileCheck(VerifyReport early, List<VerifyReport.Problem> problems, long size,
                             AuditSchemaStore.Integrity integrity) {
        FileCheck(VerifyReport early) {
            this(early, null, -1, null);
        }
    }

    /** Schema against the migrations (the cheap part of the file checks, made before anything else). */
    private static FileCheck sqliteSchema(Jdbi jdbi, Depth depth, long fullUpTo) {
        try (Handle h = jdbi.open()) {
            Map<String, AuditSchemaStore.SchemaObject> actual = AuditSchemaStore.objects(h);
            if (AuditSchemaStore.TABLES.stream().noneMatch(actual::containsKey)) {
                return new FileCheck(VerifyReport.unreadable(VerifyReport.Kind.NOT_AN_AUDIT_LOG,
                        AuditSchemaStore.tableCount(h) == 0 ? "The database is empty: it holds no audit log."
                                : "The database holds other tables but no audit log (no audit_entry table)."));
            }
            List<VerifyReport.Problem> schema = schemaProblems(actual);
            boolean tablesThere = AuditSchemaStore.TABLES.stream().allMatch(actual::containsKey);
            if (!tablesThere) {
                // Without its tables the hash scan can only fail; the schema finding names what is missing.
                List<VerifyReport.Problem> all = new ArrayList<>(schema);
                all.addAll(fileProblems(h, AuditSchemaStore.Integrity.FULL, true));
                return new FileCheck(new VerifyReport(0, new TreeHead(0, MerkleTree.emptyRoot()), 0, null)
                        .withFileProblems(all));
            }
            long size = AuditEntryStore.size(h);
            AuditSchemaStore.Integrity integrity = depth == Depth.THOROUGH || size <= fullUpTo
                    ? AuditSchemaStore.Integrity.FULL : AuditSchemaStore.Integrity.SMALL_TABLES;
            return new FileCheck(null, schema, size, integrity);
        } catch (RuntimeException e) {
            return new FileCheck(VerifyReport.unreadable(VerifyReport.Kind.UNREADABLE,
                    "The file cannot be read as a SQLite database: " + rootMessage(e)));
        }
    }

    /** On PostgreSQL: the append-only triggers present and enabled (a superuser could drop or disable them). */
    private static List<VerifyReport.Problem> postgresProblems(Handle h) {
        List<String> missing = AuditSchemaStore.missingPostgresTriggers(h);
        return missing.isEmpty() ? List.of() : List.of(new VerifyReport.Problem(VerifyReport.Kind.SCHEMA_CHANGED, -1,
                "The audit tables were changed outside the application: " + String.join("; ", missing) + "."));
    }

    /** The hash checks, then (SQLite, intact file) the search indexes against what the scan counted. */
    private static VerifyReport verifyEntries(Jdbi jdbi, Collection<X509Certificate> trusted, long parallelFrom,
                                              List<VerifyReport.Problem> schemaProblems,
                                              Future<List<VerifyReport.Problem>> fileChecks,
                                              Future<Map<String, Map<String, Long>>> indexed, long sizeAtStart,
                                              ExecutorService pool,
                                              java.util.function.BiConsumer<String, java.time.Duration> phases) {
        VerifyReport entries;
        Scanned scanned = null;
        RuntimeException unreadableEntries = null;
        try {
            scanned = timed(phases, "hash checks", () -> verifyEntries(jdbi, trusted, parallelFrom, pool));
        } catch (RuntimeException e) {
            unreadableEntries = e;
        }
        List<VerifyReport.Problem> fileProblems = new ArrayList<>(schemaProblems);
        if (fileChecks != null) {
            try {
                fileProblems.addAll(fileChecks.get());
            } catch (ExecutionException e) {
                return VerifyReport.unreadable(VerifyReport.Kind.UNREADABLE,
                        "The file cannot be read as a SQLite database: " + rootMessage(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditException(AuditException.Code.STORAGE, "Verification was interrupted", e);
            }
        }
        if (unreadableEntries != null) {
            return new VerifyReport(0, new TreeHead(0, MerkleTree.emptyRoot()), 0, new VerifyReport.Problem(
                    VerifyReport.Kind.DAMAGED, -1, "The entries cannot be read: " + rootMessage(unreadableEntries)))
                    .withFileProblems(fileProblems);
        }
        entries = scanned.report();
        if (indexed != null && entries.ok() && fileProblems.isEmpty()) {
            // Only on an intact, undamaged file: else the scan stopped early or the indexes cannot be read.
            try {
                long size = entries.entries();
                Map<String, Map<String, Long>> found = size == sizeAtStart ? indexedOrNull(indexed) : null;
                if (found == null) {
                    found = jdbi.withHandle(h -> AuditSchemaStore.indexCounts(h, size));
                }
                List<String> hidden = IndexCounts.differences(scanned.counts().expected(), found);
                if (!hidden.isEmpty()) {
                    fileProblems = List.of(new VerifyReport.Problem(VerifyReport.Kind.DAMAGED, -1,
                            "The search indexes do not match the entries, so searches hide or invent entries: "
                                    + String.join("; ", hidden)));
                }
            } catch (RuntimeException e) {
                entries = new VerifyReport(0, new TreeHead(0, MerkleTree.emptyRoot()), 0, new VerifyReport.Problem(
                        VerifyReport.Kind.DAMAGED, -1, "The entries cannot be read: " + rootMessage(e)));
            }
        }
        return entries.withFileProblems(fileProblems);
    }

    /** The index counts read beside the scan, or null when that read failed (it is then made again, in line). */
    private static Map<String, Map<String, Long>> indexedOrNull(Future<Map<String, Map<String, Long>>> indexed) {
        try {
            return indexed.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException(AuditException.Code.STORAGE, "Verification was interrupted", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The schema against the migrations: missing, altered and added objects. */
    private static List<VerifyReport.Problem> schemaProblems(Map<String, AuditSchemaStore.SchemaObject> actual) {
        List<String> schema = ExpectedSchema.differences(actual);
        return schema.isEmpty() ? List.of() : List.of(new VerifyReport.Problem(VerifyReport.Kind.SCHEMA_CHANGED, -1,
                "The audit tables were changed outside the application: " + String.join("; ", schema) + "."));
    }

    /** SQLite's integrity check, foreign keys and the signers' first use. */
    private static List<VerifyReport.Problem> fileProblems(Handle h, AuditSchemaStore.Integrity integrity,
                                                           boolean schemaChanged) {
        List<VerifyReport.Problem> out = new ArrayList<>();
        List<String> damage = AuditSchemaStore.integrityProblems(h, 20, integrity);
        if (!damage.isEmpty()) {
            out.add(new VerifyReport.Problem(VerifyReport.Kind.DAMAGED, -1,
                    "SQLite's integrity check found the file damaged: " + String.join("; ", damage)));
            // Further reads of a damaged file fail or mislead; the damage is the finding.
            return out;
        }
        try {
            List<String> fk = AuditSchemaStore.foreignKeyProblems(h);
            if (!fk.isEmpty()) {
                out.add(new VerifyReport.Problem(VerifyReport.Kind.DAMAGED, -1,
                        "Signed tree heads refer to missing signers: " + String.join("; ", fk)));
            }
            List<String> signers = AuditSchemaStore.signerFirstUseProblems(h);
            if (!signers.isEmpty()) {
                out.add(new VerifyReport.Problem(VerifyReport.Kind.SIGNER_CHANGED, -1,
                        "A signer's record was changed outside the application: " + String.join("; ", signers) + "."));
            }
        } catch (RuntimeException e) {
            // A missing table is already a schema finding; anything else is damage.
            if (!schemaChanged) {
                out.add(new VerifyReport.Problem(VerifyReport.Kind.DAMAGED, -1,
                        "The signers cannot be checked: " + rootMessage(e)));
            }
        }
        return out;
    }

    /** The audit schema as the migrations make it: read once per process from a freshly migrated temporary file. */
    private static final class ExpectedSchema {
        private static final Map<String, AuditSchemaStore.SchemaObject> OBJECTS = load();

        private static Map<String, AuditSchemaStore.SchemaObject> load() {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("audit-schema-");
                try (Database db = Database.open(dir.resolve("expected.db"))) {
                    return db.jdbi().withHandle(AuditSchemaStore::objects);
                }
            } catch (IOException e) {
                throw new AuditException(AuditException.Code.STORAGE, "Cannot create a temporary folder", e);
            } finally {
                deleteQuietly(dir);
            }
        }

        private static void deleteQuietly(Path dir) {
            if (dir == null) {
                return;
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary copy of an empty schema holds nothing
            }
        }

        /** Missing, altered and added objects by name (a trigger that refuses edits, dropped, is named here). */
        static List<String> differences(Map<String, AuditSchemaStore.SchemaObject> actual) {
            List<String> out = new ArrayList<>();
            for (AuditSchemaStore.SchemaObject want : OBJECTS.values()) {
                AuditSchemaStore.SchemaObject got = actual.get(want.name());
                if (got == null) {
                    out.add(want.type() + " " + want.name() + " is missing");
                } else if (!got.type().equals(want.type()) || !got.sql().equals(want.sql())) {
                    out.add(want.type() + " " + want.name() + " was altered");
                }
            }
            for (AuditSchemaStore.SchemaObject got : actual.values()) {
                if (!OBJECTS.containsKey(got.name())) {
                    out.add(got.type() + " " + got.name() + " was added");
                }
            }
            return out;
        }
    }

    /** The hash checks alone: leaves, stored nodes, signed heads, truncation. */
    /** The hash checks' report, and what the scan counted for the index comparison. */
    private record Scanned(VerifyReport report, IndexCounts counts) {
    }

    private static Scanned verifyEntries(Jdbi jdbi, Collection<X509Certificate> trusted, long parallelFrom,
                                         ExecutorService pool) {
        try (Handle h = jdbi.open()) {
            Map<String, X509Certificate> signers = new HashMap<>();
            for (X509Certificate cert : trusted) {
                signers.put(WorkstationKeys.keyId(cert.getPublicKey()), cert);
            }
            if (trusted.isEmpty()) {
                loadStoredSigners(h, signers);
            }
            // Checkpoints first, then the size: every checkpoint read is then within the prefix we check.
            TreeMap<Long, SignedTreeHead> checkpoints = loadCheckpoints(h);
            long size = AuditEntryStore.size(h);
            long split = size >= parallelFrom ? Long.highestOneBit(size) : size;
            // The signatures need nothing from the scan: checked beside it (a hundred ECDSA checks on a large log).
            Future<Map<Long, Boolean>> signatures = pool.submit(() -> signatures(checkpoints, signers));

            Range left;
            Range right = null;
            if (split < size) {
                Future<Range> rightHalf = pool.submit(() -> {
                    try (Handle h2 = jdbi.open()) {
                        return new Range(split, size, checkpoints).run(h2);
                    }
                });
                left = new Range(0, split, checkpoints).run(h);
                right = rightHalf.get();
            } else {
                left = new Range(0, size, checkpoints).run(h);
            }
            return new Scanned(combine(h, left, right, checkpoints, signers, signatures.get()),
                    right == null ? left.counts : left.counts.plus(right.counts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException(AuditException.Code.STORAGE, "Verification was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AuditException(AuditException.Code.STORAGE, "Verification failed: " + e.getCause(), e.getCause());
        }
    }

    /** Per signed head (by size), whether its signature is valid under its known signer's key; absent: unknown signer. */
    private static Map<Long, Boolean> signatures(TreeMap<Long, SignedTreeHead> checkpoints,
                                                 Map<String, X509Certificate> signers) {
        Map<Long, Boolean> out = new HashMap<>();
        for (SignedTreeHead sth : checkpoints.values()) {
            X509Certificate signer = signers.get(sth.keyId());
            if (signer != null) {
                out.put(sth.head().size(), sth.verify(signer.getPublicKey()));
            }
        }
        return out;
    }

    /** Walks the two halves' results in sequence order: the first problem in log order wins. */
    private static VerifyReport combine(Handle h, Range left, Range right, TreeMap<Long, SignedTreeHead> checkpoints,
                                        Map<String, X509Certificate> signers, Map<Long, Boolean> signatures) {
        Checker checker = new Checker(signers, signatures);
        VerifyReport.Problem problem = checker.check(checkpoints.get(0L), MerkleTree.emptyRoot());
        long count = 0;
        byte[] root = MerkleTree.emptyRoot();
        for (Range r : right == null ? List.of(left) : List.of(left, right)) {
            if (problem != null) {
                break;
            }
            byte[] prefix = r == right ? left.root() : null;
            for (Map.Entry<Long, byte[]> at : r.rootsAtCheckpoints.entrySet()) {
                byte[] full = prefix == null ? at.getValue() : MerkleTree.nodeHash(prefix, at.getValue());
                problem = checker.check(checkpoints.get(at.getKey()), full);
                if (problem != null) {
                    break;
                }
            }
            if (problem == null) {
                problem = r.problem;
            }
            count = r.lo + r.count;
            root = prefix == null ? r.root() : MerkleTree.nodeHash(prefix, r.root());
        }
        if (problem == null) {
            problem = truncation(h, count, checkpoints);
        }
        return new VerifyReport(count, new TreeHead(count, root), checker.checked, problem, checker.lastGood);
    }

    /** Checks signed tree heads in order, remembering the last good one. */
    private static final class Checker {
        private final Map<String, X509Certificate> signers;
        private final Map<Long, Boolean> signatures;
        private int checked;
        private long lastGood;

        Checker(Map<String, X509Certificate> signers, Map<Long, Boolean> signatures) {
            this.signers = signers;
            this.signatures = signatures;
        }

        VerifyReport.Problem check(SignedTreeHead sth, byte[] root) {
            if (sth == null) {
                return null;
            }
            long size = sth.head().size();
            if (!Arrays.equals(sth.head().rootHash(), root)) {
                return new VerifyReport.Problem(VerifyReport.Kind.ROOT_MISMATCH, lastGood,
                        "The signed tree head over " + size + " entries does not match the log: an entry from "
                                + lastGood + " to " + (size - 1) + " was rewritten together with its hash.");
            }
            X509Certificate signer = signers.get(sth.keyId());
            if (signer == null) {
                return new VerifyReport.Problem(VerifyReport.Kind.UNKNOWN_SIGNER, lastGood,
                        "The signed tree head over " + size + " entries was signed by key " + sth.keyId()
                                + ", which is not a trusted workstation key.");
            }
            if (!signatures.getOrDefault(size, Boolean.FALSE)) {
                return new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, lastGood,
                        "The signature of the tree head over " + size + " entries is not valid.");
            }
            checked++;
            lastGood = size;
            return null;
        }
    }

    /**
     * Leaves [lo, hi) checked on one connection: leaf hashes, sequence, stored interior nodes; the tree over the
     * range (lo is 0 or a power of two not below hi - lo, so its subtrees are those of the whole tree).
     */
    private static final class Range {
        /** Entries per block of the fast pass (about 1 MB of SQLite's concatenation at typical entry sizes). */
        private static final int BLOCK = 4096;
        private final long lo;
        private final long hi;
        private final NavigableMap<Long, SignedTreeHead> checkpoints;
        /** Root of the range's own tree at each checkpoint size inside (lo, hi], keyed by absolute size. */
        private final TreeMap<Long, byte[]> rootsAtCheckpoints = new TreeMap<>();
        private final MessageDigest md = MerkleTree.newSha256();
        private final byte[][] stack = new byte[64][];
        private final int[] levels = new int[64];
        private int top;
        private long count;
        private VerifyReport.Problem problem;
        private IndexCounts counts = new IndexCounts();

        Range(long lo, long hi, NavigableMap<Long, SignedTreeHead> checkpoints) {
            this.lo = lo;
            this.hi = hi;
            this.checkpoints = checkpoints.subMap(lo, false, hi, true);
        }

        Range run(Handle h) {
            // The block pass: SQLite concatenates a block (its concat, group_concat and byte lengths); a branch
            // server streams it as binary COPY (ADR 0100).
            if (Engine.of(h) == Engine.SQLITE ? runBlocks(h) : COPY_BLOCKS && runCopyBlocks(h)) {
                return this;
            }
            // Something was not as an intact log has it: start over row by row, which names the first problem
            // exactly as it always has (and reads a damaged or odd file without assumptions).
            reset();
            return runRows(h);
        }

        private void reset() {
            FALLBACKS.incrementAndGet();
            top = 0;
            count = 0;
            problem = null;
            rootsAtCheckpoints.clear();
            counts = new IndexCounts();
        }

        /**
         * The fast pass: blocks of entries and nodes as SQLite concatenates them (AuditEntryStore.Blocks), the leaf
         * bytes assembled in one reused buffer, one reused digest, nodes checked by comparison. Every check of
         * {@link #runRows} is made; on the first thing that is not as expected it gives up (false) and leaves
         * naming the problem to the row-by-row pass.
         */
        private boolean runBlocks(Handle h) {
            byte[] leafData = new byte[4096];
            byte[] digest = new byte[MerkleTree.HASH_SIZE];
            java.util.Iterator<Long> marks = checkpoints.keySet().iterator();
            long nextMark = marks.hasNext() ? marks.next() : -1;
            try (AuditEntryStore.Blocks blocks = new AuditEntryStore.Blocks(h)) {
                for (long from = lo; from < hi; from += BLOCK) {
                    long to = Math.min(hi, from + BLOCK);
                    byte[] e = blocks.entries(from, to);
                    byte[] n = blocks.nodes(from, to);
                    if (e == null) {
                        return false;
                    }
                    Cursor ec = new Cursor(e);
                    Cursor nc = new Cursor(n == null ? new byte[0] : n);
                    for (long seq = from; seq < to; seq++) {
                        // Header: nulls, ten lengths (at ... details, leaf_hash). The block holds to - from entries
                        // exactly when none is missing (the range and the key allow no more), which the end checks.
                        int nulls = ec.codePoint();
                        int[] len = ec.lengths;
                        int total = 0;
                        for (int i = 0; i < 10; i++) {
                            len[i] = ec.codePoint();
                            if (len[i] < 0) {
                                return false;
                            }
                            total += len[i];
                        }
                        if (nulls < 0 || nulls > 3 || len[9] != MerkleTree.HASH_SIZE || ec.pos + total > e.length) {
                            return false;
                        }
                        int need = 1 + 9 + 4 * 9 + total;
                        if (leafData.length < need) {
                            leafData = new byte[Math.max(need, 2 * leafData.length)];
                        }
                        // RFC 9162's 0x00 leaf prefix in the buffer: one digest call per leaf.
                        leafData[0] = 0;
                        int p = AuditEntry.leafHeader(leafData, 1, seq);
                        int[] off = ec.offsets;
                        int at = ec.pos;
                        for (int i = 0; i < 9; i++) {
                            off[i] = at;
                            p = AuditEntry.putField(leafData, p, e, at, len[i]);
                            at += len[i];
                        }
                        md.update(leafData, 0, p);
                        md.digest(digest, 0, digest.length);
                        if (!Arrays.equals(digest, 0, 32, e, at, at + 32)) {
                            return false;
                        }
                        ec.pos = at + 32;
                        count++;
                        // Columns as numbered in AuditEntryStore.COLUMNS: actor 4, case 6, customer 7, event 8, outcome 9.
                        counts.add(seq, e, off[6], len[6], e, off[7], len[7], e, off[2], len[2], (nulls & 1) != 0,
                                (nulls & 2) != 0);
                        if (!pushChecked(seq, seq - from, digest.clone(), nc)) {
                            return false;
                        }
                        if (seq + 1 == nextMark) {
                            rootsAtCheckpoints.put(seq + 1, root());
                            nextMark = marks.hasNext() ? marks.next() : -1;
                        }
                    }
                    if (ec.pos != e.length || nc.pos != nc.buf.length) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException | java.security.DigestException odd) {
                // A value SQLite cannot concatenate, a block too large, a header that does not parse: row by row.
                return false;
            }
        }

        /**
         * As {@link #push}, comparing each completed node with the next stored one in the block ({@code inBlock}: seq
         * less the block's start, as the block gives it); false on any mismatch.
         */
        private boolean pushChecked(long seq, long inBlock, byte[] leaf, StoredNodes nodes) {
            byte[] h = leaf;
            int level = 0;
            while (top > 0 && levels[top - 1] == level) {
                md.update((byte) 1);
                md.update(stack[--top]);
                h = md.digest(h);
                level++;
                if (!nodes.nextIs(seq, inBlock, level, h)) {
                    return false;
                }
            }
            stack[top] = h;
            levels[top++] = level;
            return true;
        }

        /**
         * The fast pass on PostgreSQL: blocks of entries and nodes as the server's binary COPY streams them
         * (AuditEntryStore.CopyBlocks), each tuple's sequence number checked, the leaf bytes assembled in one reused
         * buffer, one reused digest, nodes compared. Every check of {@link #runRows} is made (PostgreSQL's search
         * indexes are the server's: not counted); on the first thing that is not as expected it gives up (false)
         * and leaves naming the problem to the row-by-row pass.
         */
        private boolean runCopyBlocks(Handle h) {
            byte[] leafData = new byte[4096];
            byte[] digest = new byte[MerkleTree.HASH_SIZE];
            int[] off = new int[9];
            int[] len = new int[9];
            java.util.Iterator<Long> marks = checkpoints.keySet().iterator();
            long nextMark = marks.hasNext() ? marks.next() : -1;
            try {
                AuditEntryStore.CopyBlocks blocks = new AuditEntryStore.CopyBlocks(h);
                int block = COPY_BLOCK;
                for (long from = lo; from < hi; from += block) {
                    long to = Math.min(hi, from + block);
                    CopyCursor e = new CopyCursor(blocks.entries(from, to));
                    CopyCursor n = new CopyCursor(blocks.nodes(from, to));
                    for (long seq = from; seq < to; seq++) {
                        // seq, the nine leaf fields (at ... details), leaf_hash; a missing, extra or moved row shows
                        // as a tuple whose seq is not the next one.
                        if (e.int16() != 11 || e.int32() != 8 || e.int64() != seq) {
                            return false;
                        }
                        int total = 0;
                        for (int i = 0; i < 9; i++) {
                            int l = e.int32();
                            if (l < -1) {
                                return false;
                            }
                            // NULL (case, customer) is an empty field, as the row reader has it.
                            l = Math.max(l, 0);
                            e.need(l);
                            off[i] = e.pos;
                            len[i] = l;
                            e.pos += l;
                            total += l;
                        }
                        if (e.int32() != MerkleTree.HASH_SIZE) {
                            return false;
                        }
                        e.need(MerkleTree.HASH_SIZE);
                        int need = 1 + 9 + 4 * 9 + total;
                        if (leafData.length < need) {
                            leafData = new byte[Math.max(need, 2 * leafData.length)];
                        }
                        leafData[0] = 0;
                        int p = AuditEntry.leafHeader(leafData, 1, seq);
                        for (int i = 0; i < 9; i++) {
                            p = AuditEntry.putField(leafData, p, e.buf, off[i], len[i]);
                        }
                        md.update(leafData, 0, p);
                        md.digest(digest, 0, digest.length);
                        if (!Arrays.equals(digest, 0, 32, e.buf, e.pos, e.pos + 32)) {
                            return false;
                        }
                        e.pos += 32;
                        count++;
                        if (!pushChecked(seq, seq - from, digest.clone(), n)) {
                            return false;
                        }
                        if (seq + 1 == nextMark) {
                            rootsAtCheckpoints.put(seq + 1, root());
                            nextMark = marks.hasNext() ? marks.next() : -1;
                        }
                    }
                    // The trailer, and nothing after it: no extra entry or node in the block.
                    if (e.int16() != -1 || !e.atEnd() || n.int16() != -1 || !n.atEnd()) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException | java.security.DigestException odd) {
                // A COPY the server refuses, a stream that does not parse: row by row.
                return false;
            }
        }

        /** The stored nodes of a block, in key order, as the fast pass compares them with the computed ones. */
        private interface StoredNodes {
            /**
             * True when the next stored node closes at {@code seq} ({@code inBlock}: seq less the block's start) at
             * {@code level} with exactly the hash {@code h}.
             */
            boolean nextIs(long seq, long inBlock, int level, byte[] h);
        }

        /** Reads a PostgreSQL binary COPY stream in place (big-endian numbers); throws on a read past its end. */
        private static final class CopyCursor implements StoredNodes {
            private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
            final byte[] buf;
            final int end;
            int pos;

            CopyCursor(AuditEntryStore.CopyBlocks.Buffer stream) {
                buf = stream.bytes();
                end = stream.length();
                need(SIGNATURE.length + 8);
                if (!Arrays.equals(buf, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                    throw new IllegalStateException("not a binary COPY stream");
                }
                pos = SIGNATURE.length;
                if (int32() != 0) {
                    throw new IllegalStateException("COPY flags set");
                }
                int extension = int32();
                need(extension);
                pos += extension;
            }

            void need(int n) {
                if (n < 0 || pos + n > end) {
                    throw new IllegalStateException("COPY stream ends early");
                }
            }

            int int16() {
                need(2);
                int v = (short) (((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF));
                pos += 2;
                return v;
            }

            int int32() {
                need(4);
                int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                        | (buf[pos + 3] & 0xFF);
                pos += 4;
                return v;
            }

            long int64() {
                long hi32 = int32() & 0xFFFFFFFFL;
                return (hi32 << 32) | (int32() & 0xFFFFFFFFL);
            }

            boolean atEnd() {
                return pos == end;
            }

            @Override
            public boolean nextIs(long seq, long inBlock, int level, byte[] h) {
                if (int16() != 3 || int32() != 8 || int64() != seq || int32() != 4 || int32() != level
                        || int32() != MerkleTree.HASH_SIZE) {
                    return false;
                }
                need(32);
                pos += 32;
                return Arrays.equals(h, 0, 32, buf, pos - 32, pos);
            }
        }

        /** Reads the code-point headers of a block. */
        private static final class Cursor implements StoredNodes {
            final byte[] buf;
            int pos;
            final int[] lengths = new int[10];
            final int[] offsets = new int[9];

            Cursor(byte[] buf) {
                this.buf = buf;
            }

            /**
             * The next code point of SQLite's char() (UTF-8, one to four bytes), -1 when the bytes are not one; also
             * -1 for U+FFFD, which char() puts for a number it cannot encode (a value over 1,114,111 bytes).
             */
            int codePoint() {
                if (pos >= buf.length) {
                    return -1;
                }
                int b = buf[pos++] & 0xFF;
                int more;
                int cp;
                if (b < 0x80) {
                    return b;
                } else if ((b & 0xE0) == 0xC0) {
                    more = 1;
                    cp = b & 0x1F;
                } else if ((b & 0xF0) == 0xE0) {
                    more = 2;
                    cp = b & 0x0F;
                } else if ((b & 0xF8) == 0xF0) {
                    more = 3;
                    cp = b & 0x07;
                } else {
                    return -1;
                }
                if (pos + more > buf.length) {
                    return -1;
                }
                for (int i = 0; i < more; i++) {
                    int c = buf[pos++] & 0xFF;
                    if ((c & 0xC0) != 0x80) {
                        return -1;
                    }
                    cp = (cp << 6) | (c & 0x3F);
                }
                return cp == 0xFFFD ? -1 : cp;
            }

            @Override
            public boolean nextIs(long seq, long inBlock, int level, byte[] h) {
                if (codePoint() != inBlock || codePoint() != level || codePoint() != MerkleTree.HASH_SIZE
                        || pos + 32 > buf.length || !Arrays.equals(h, 0, 32, buf, pos, pos + 32)) {
                    return false;
                }
                pos += 32;
                return true;
            }
        }

        private Range runRows(Handle h) {
            try (AuditEntryStore.Scan scan = new AuditEntryStore.Scan(h, lo, hi)) {
                while (scan.nextEntry()) {
                    long seq = scan.seq();
                    long expected = lo + count;
                    if (seq != expected) {
                        problem = new VerifyReport.Problem(VerifyReport.Kind.SEQUENCE_GAP, expected, "Entry "
                                + expected + " is missing: the next stored entry is " + seq + ". Rows were deleted.");
                        return this;
                    }
                    md.update((byte) 0);
                    byte[] leaf = md.digest(scan.leafData());
                    if (!Arrays.equals(leaf, scan.storedLeafHash())) {
                        problem = insertedBefore(h, seq, scan.storedLeafHash());
                        if (problem == null) {
                            problem = new VerifyReport.Problem(VerifyReport.Kind.LEAF_MISMATCH, seq, "Entry " + seq
                                    + " was changed after it was recorded: its contents no longer match its hash.");
                        }
                        return this;
                    }
                    count++;
                    counts.add(scan);
                    if (!push(h, seq, leaf, scan)) {
                        return this;
                    }
                    if (checkpoints.containsKey(seq + 1)) {
                        rootsAtCheckpoints.put(seq + 1, root());
                    }
                }
            }
            return this;
        }

        /**
         * Entry {@code seq} fails its hash; was a row inserted just before it? Entry seq - 1 is then checked by its
         * own (forged) hash only, and this row is the original seq - 1 moved up by one: its stored hash is that of
         * its data at seq - 1, and the stored node over [seq - 1, seq] does not fit the row at seq - 1.
         */
        private VerifyReport.Problem insertedBefore(Handle h, long seq, byte[] storedLeaf) {
            if (top == 0 || levels[top - 1] != 0 || storedLeaf == null) {
                return null;
            }
            byte[] node = AuditEntryStore.storedNode(h, seq, 1);
            byte[] asBefore = AuditEntryStore.leafDataAs(h, seq, seq - 1);
            if (node == null || asBefore == null || Arrays.equals(node, MerkleTree.nodeHash(stack[top - 1], storedLeaf))
                    || !Arrays.equals(MerkleTree.leafHash(asBefore), storedLeaf)) {
                return null;
            }
            return inserted(seq - 1);
        }

        private static VerifyReport.Problem inserted(long seq) {
            return new VerifyReport.Problem(VerifyReport.Kind.NODE_MISMATCH, seq, "Entry " + seq
                    + " was inserted into the log: the entries after it were moved up by one, and the stored tree "
                    + "does not contain it.");
        }

        /**
         * The stored node over [seq - 1, seq] does not match; if the row after seq is the original seq moved up (its
         * data at seq fits the stored node), seq was inserted; else either entry may be the changed one.
         */
        private static long insertedAt(Handle h, long seq, byte[] left) {
            byte[] moved = AuditEntryStore.leafDataAs(h, seq + 1, seq);
            byte[] node = AuditEntryStore.storedNode(h, seq, 1);
            if (moved != null && node != null
                    && Arrays.equals(node, MerkleTree.nodeHash(left, MerkleTree.leafHash(moved)))) {
                return seq;
            }
            return -1;
        }

        /** Adds a leaf to the range's tree, comparing every interior node it completes with the stored one. */
        private boolean push(Handle handle, long seq, byte[] leaf, AuditEntryStore.Scan nodes) {
            byte[] h = leaf;
            int level = 0;
            while (top > 0 && levels[top - 1] == level) {
                md.update((byte) 1);
                md.update(stack[--top]);
                h = md.digest(h);
                level++;
                if (!nodes.nextNodeIs(seq, level, h)) {
                    if (level == 1 && insertedAt(handle, seq, stack[top]) == seq) {
                        problem = inserted(seq);
                        return false;
                    }
                    long first = seq - (1L << level) + 1;
                    problem = new VerifyReport.Problem(VerifyReport.Kind.NODE_MISMATCH, first,
                            "The stored tree hash over entries " + first + " to " + seq
                                    + " does not match them: those entries or the tree table were altered.");
                    return false;
                }
            }
            stack[top] = h;
            levels[top++] = level;
            return true;
        }

        /** The root of the range's tree so far (RFC 9162 MTH over the range's leaves). */
        byte[] root() {
            if (top == 0) {
                return MerkleTree.emptyRoot();
            }
            byte[] r = stack[top - 1];
            for (int i = top - 2; i >= 0; i--) {
                r = MerkleTree.nodeHash(stack[i], r);
            }
            return r;
        }
    }

    private static VerifyReport.Problem truncation(Handle h, long count, TreeMap<Long, SignedTreeHead> checkpoints) {
        Long signed = checkpoints.isEmpty() ? null : checkpoints.lastKey();
        if (signed != null && signed > count) {
            return new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, count, "The log has " + count
                    + " entries but a signed tree head covers " + signed + ": entries " + count + " to "
                    + (signed - 1) + " were removed.");
        }
        // Tree nodes for entries beyond the end, while no entry beyond the end exists: rows removed from the tail.
        long nowSize = AuditEntryStore.size(h);
        long nodesEnd = AuditEntryStore.nodesEnd(h);
        if (nowSize == count && nodesEnd > count) {
            return new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, count, "The log has " + count
                    + " entries but its tree covers at least " + nodesEnd + ": entries from " + count + " on were removed.");
        }
        return null;
    }

    private static void loadStoredSigners(Handle h, Map<String, X509Certificate> signers) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : CheckpointStore.signerCertificates(h)) {
                X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
                // The workstation certificate is self-signed: a changed byte anywhere in it breaks that signature.
                cert.verify(cert.getPublicKey());
                // Index by the key actually in the certificate, not by the stored id.
                signers.put(WorkstationKeys.keyId(cert.getPublicKey()), cert);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new AuditException(AuditException.Code.KEYSTORE, "A stored signer certificate is damaged", e);
        }
    }

    private static TreeMap<Long, SignedTreeHead> loadCheckpoints(Handle h) {
        TreeMap<Long, SignedTreeHead> out = new TreeMap<>();
        for (SignedTreeHead sth : CheckpointStore.all(h)) {
            out.put(sth.head().size(), sth);
        }
        return out;
    }
}
