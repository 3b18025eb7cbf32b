package bank.ushield.renewal;

import bank.ushield.testsupport.MachineLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import bank.ushield.testsupport.Pkcs11CallCounter;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.ObjectKind;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TokenSession;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.db.CaseState;
import bank.ushield.db.WorkPhaseEvent;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;

/**
 * Bench (prints figures; not a test): machine time of whole renewal cases on SoftHSM2 (open, three checks, key and
 * request on the token, export, in-process head office, import, install, self-test, complete; every transition
 * persisted and audited with synchronous=FULL) against the raw token operations one case needs, done through the
 * token session in the same JVM on the same kind of token: login, key generation, CSR signature, certificate
 * write, removal of the old pair, self-test signature. Run with SOFTHSM2_CONF set (docs/performance.md).
 * Arguments: {@code [cases] [EC_P256|RSA_2048]}.
 *
 * <p>Each case and each raw round is split into its phases by the JFR phase events of the product (WorkPhaseEvent,
 * TokenPhaseEvent; ADR 0083), recorded in this JVM: every instant of a round goes to the innermost phase running
 * then (any thread), to the head-office simulator whenever it runs (its own CMS and checks are head office's), or
 * to "other" (Java work between phases). The workstation's own cost is the case less the simulator.
 */
public final class RenewalBench {

    private RenewalBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        KeyAlgorithm algorithm = args.length > 1 ? KeyAlgorithm.valueOf(args[1]) : KeyAlgorithm.EC_P256;
        System.out.printf("load average at the start: %s%n", MachineLoad.now());
        Path dir = Files.createTempDirectory("renewal-bench-");
        Clock clock = Clock.systemUTC();
        Seed.site(dir, clock);
        List<SoftHsmToken> tokens = new ArrayList<>();
        // All tokens exist before the module is initialised: SoftHSM2 lists the slots it found at C_Initialize.
        for (int i = 0; i < cases + 1; i++) {
            SoftHsmToken t = SoftHsm.initToken("bench-" + i + "-" + System.nanoTime() % 100000);
            tokens.add(t);
            Seed.customer(dir, clock, "B" + i, "张三", i == 0 ? "11010519491231002X" : idNumber(i),
                    LocalDate.of(1949, 12, 31), pan(i), t.serial(), 45);
        }
        TokenPort port = Pkcs11TokenPort.open(tokens.get(0).modulePath());
        Pkcs11CallCounter counter = Pkcs11CallCounter.install(tokens.get(0).modulePath());
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir, Seed.WS, algorithm, clock, port,
                RenewalWorkstation.Hooks.NONE)) {
            TrainingWorld world = ws.trainingWorld().orElseThrow();
            for (int i = 1; i <= cases; i++) {
                world.personaliseOld(tokens.get(i).serial(), tokens.get(i).userPinChars(), algorithm);
            }
            RenewalService s = ws.renewals(new StaffMember("teller1", "王小明", StaffMember.Role.TELLER));
            PinPrompter pin = r -> SoftHsm.USER_PIN.toCharArray();

            // Warm-up: one raw round and one case on token 0, not counted.
            world.personaliseOld(tokens.get(0).serial(), tokens.get(0).userPinChars(), algorithm);
            raw(port, tokens.get(0).serial(), algorithm);
            StatementCounter sql = new StatementCounter(ws.database().jdbi());
            Recording recording = phaseRecording();
            long[] caseNanos = new long[cases];
            // CPU time of the thread that runs the case (the database work runs on it; the PKCS#11 calls do not):
            // unlike wall time it does not grow with the machine's load.
            long[] caseCpu = new long[cases];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] rawNanos = new long[cases];
            Map<String, List<Long>> nativeCalls = new TreeMap<>();
            long[] rawNative = new long[cases];
            long wallStart = System.nanoTime();
            for (int i = 1; i <= cases; i++) {
                SoftHsmToken t = tokens.get(i);
                // What the teller types, made before the clock starts (the bench's own work is not the case's).
                PresentedDocument idCard = new PresentedDocument("RESIDENT_ID", i == 0 ? "11010519491231002X"
                        : idNumber(i), "张三", LocalDate.of(1949, 12, 31), null, null, true);
                PresentedCard bankCard = new PresentedCard(pan(i), true);
                String voucher = Seed.voucher(t.serial());
                sql.resume();
                Map<String, Long> before = counter.snapshot();
                Round round = Round.begin("case", i);
                long t0 = System.nanoTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                RenewalCase c = s.open("B" + i);
                s.verifyId(c.id(), idCard);
                s.verifyCard(c.id(), bankCard);
                s.verifyToken(c.id(), voucher);
                s.generateKey(c.id(), pin);
                s.queueRequest(c.id());
                s.syncNow();
                s.install(c.id(), pin);
                s.selfTest(c.id(), pin);
                Outcome done = s.complete(c.id());
                caseNanos[i - 1] = System.nanoTime() - t0;
                caseCpu[i - 1] = threads.getCurrentThreadCpuTime() - cpu0;
                round.commit();
                sql.stop();
                counter.since(before).forEach((f, n) -> nativeCalls.computeIfAbsent(f, k -> new ArrayList<>()).add(n));
                if (done.renewalCase().state() != CaseState.COMPLETED) {
                    throw new IllegalStateException("case " + i + " ended " + done.renewalCase().state());
                }
                Map<String, Long> beforeRaw = counter.snapshot();
                Round rawRound = Round.begin("raw", i);
                rawNanos[i - 1] = raw(port, tokens.get(0).serial(), algorithm);
                rawRound.commit();
                rawNative[i - 1] = Pkcs11CallCounter.total(counter.since(beforeRaw));
            }
            long wall = System.nanoTime() - wallStart;
            Path jfr = dir.resolve("phases.jfr");
            recording.stop();
            recording.dump(jfr);
            recording.close();
            long caseTotal = Arrays.stream(caseNanos).sum();
            double caseMedian = median(caseNanos);
            double rawMedian = median(rawNanos);
            System.out.printf("load average at the end: %s%n", MachineLoad.now());
            System.out.printf("renewal bench: %d cases, %s, SoftHSM2 %s, %d cores, java %s%n", cases, algorithm, port,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("whole case (machine time): median %.1f ms, mean %.1f ms%n", caseMedian / 1e6,
                    caseTotal / 1e6 / cases);
            System.out.printf("raw token operations of one case: median %.1f ms%n", rawMedian / 1e6);
            System.out.printf("CPU time of the case's own thread: median %.1f ms (head-office simulator included)%n",
                    median(caseCpu) / 1e6);
            System.out.printf("ratio case/raw (medians): %.2fx%n", caseMedian / rawMedian);
            System.out.printf("cases per minute back to back (cases only): %.1f%n", cases * 60e9 / caseTotal);
            System.out.printf("cases per minute incl. raw reference rounds in between: %.1f%n", cases * 60e9 / wall);
            printPhases(jfr);
            System.out.printf("%nnative PKCS#11 calls per case (Pkcs11CallCounter, mean of %d cases, %d tokens in the "
                    + "module): %.1f; per raw round: %.1f%n", cases, tokens.size(),
                    nativeCalls.values().stream().flatMap(List::stream).mapToLong(Long::longValue).sum() / (double) cases,
                    Arrays.stream(rawNative).sum() / (double) cases);
            nativeCalls.forEach((f, n) -> System.out.printf("  %6.1f  %s%n",
                    n.stream().mapToLong(Long::longValue).sum() / (double) cases, f));
            printBareCommits(dir);
            StatementCounter.Counts n = sql.counts();
            System.out.printf("%nper case: %.1f SQL statements through Jdbi (audit appends use their own prepared "
                    + "statements), %.1f reads of the case row, %.1f transactions of which %.1f changed rows%n",
                    n.statements() / (double) cases, n.caseReads() / (double) cases, n.transactions() / (double) cases,
                    n.writingTransactions() / (double) cases);
            System.out.println("statements per case:");
            sql.bySql.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("  %5.1f  %s%n", e.getValue() / (double) cases, e.getKey()));
        } finally {
            for (SoftHsmToken t : tokens) {
                SoftHsm.deleteToken(t);
            }
        }
    }

    /** One measured round of the bench (a whole case or a raw token round), the frame its phases fall in. */
    @Name("bank.ushield.bench.Round")
    @Label("Renewal bench round")
    @StackTrace(false)
    static final class Round extends jdk.jfr.Event {
        @Label("Kind")
        String kind;
        @Label("Index")
        int index;

        static Round begin(String kind, int index) {
            Round r = new Round();
            r.kind = kind;
            r.index = index;
            r.begin();
            return r;
        }
    }

    /** Records the phase events (every one, no threshold, no stacks) and the bench's rounds. */
    private static Recording phaseRecording() {
        Recording r = new Recording();
        for (String name : List.of("bank.ushield.WorkPhase", "bank.ushield.TokenPhase", "bank.ushield.bench.Round")) {
            r.enable(name).withThreshold(Duration.ZERO).withoutStackTrace();
        }
        r.setToDisk(true);
        r.start();
        return r;
    }

    private record Span(long start, long end, String phase, String detail) {
    }

    /** Per kind of round: the median milliseconds and count of each phase, and what the case is without head office. */
    static void printPhases(Path jfr) throws java.io.IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        List<Span> spans = new ArrayList<>();
        Map<String, List<long[]>> rounds = new TreeMap<>();
        for (RecordedEvent e : events) {
            long start = nanos(e.getStartTime());
            long end = nanos(e.getEndTime());
            if (e.getEventType().getName().equals("bank.ushield.bench.Round")) {
                rounds.computeIfAbsent(e.getString("kind"), k -> new ArrayList<>()).add(new long[] {start, end});
            } else if (e.getEventType().getName().startsWith("bank.ushield.")) {
                spans.add(new Span(start, end, e.getString("phase"),
                        e.hasField("detail") ? e.getString("detail") : null));
            }
        }
        for (Map.Entry<String, List<long[]>> kind : rounds.entrySet()) {
            Map<String, long[]> nanosPerRound = new TreeMap<>();
            Map<String, long[]> countPerRound = new TreeMap<>();
            List<long[]> list = kind.getValue();
            long[] total = new long[list.size()];
            long[] own = new long[list.size()];
            for (int r = 0; r < list.size(); r++) {
                long from = list.get(r)[0];
                long to = list.get(r)[1];
                total[r] = to - from;
                List<Span> in = spans.stream().filter(sp -> sp.end() > from && sp.start() < to).toList();
                for (Span sp : in) {
                    countPerRound.computeIfAbsent(sp.phase(), k -> new long[list.size()])[r]++;
                }
                Map<String, Long> split = split(in, from, to);
                for (Map.Entry<String, Long> p : split.entrySet()) {
                    nanosPerRound.computeIfAbsent(p.getKey(), k -> new long[list.size()])[r] = p.getValue();
                }
                own[r] = total[r] - split.getOrDefault(WorkPhaseEvent.HEAD_OFFICE, 0L);
            }
            System.out.printf("%n%s rounds (%d), median per round: ms (count of phase events)%n", kind.getKey(),
                    list.size());
            for (Map.Entry<String, long[]> p : nanosPerRound.entrySet()) {
                long[] n = countPerRound.getOrDefault(p.getKey(), new long[list.size()]);
                System.out.printf("  %-28s %8.2f ms  (%.0f)%n", p.getKey(), median(p.getValue()) / 1e6, median(n));
            }
            System.out.printf("  %-28s %8.2f ms%n", "whole round", median(total) / 1e6);
            printTokenCalls(spans, list);
            if (kind.getKey().equals("case")) {
                System.out.printf("  %-28s %8.2f ms%n", "workstation's own (no head office)", median(own) / 1e6);
                lastOwnMedian = median(own);
            }
        }
        List<long[]> raw = rounds.get("raw");
        if (raw != null && lastOwnMedian > 0) {
            double rawMedian = median(raw.stream().mapToLong(x -> x[1] - x[0]).toArray());
            System.out.printf("%nworkstation's own cost / raw token operations (medians): %.2fx%n", lastOwnMedian / rawMedian);
        }
    }

    private static double lastOwnMedian;

    /** The token phase events of a kind of round by operation (nested calls inside a step's batch counted too). */
    private static void printTokenCalls(List<Span> spans, List<long[]> rounds) {
        Map<String, long[]> counts = new TreeMap<>();
        long[] handOvers = new long[rounds.size()];
        for (int r = 0; r < rounds.size(); r++) {
            long from = rounds.get(r)[0];
            long to = rounds.get(r)[1];
            List<Span> token = spans.stream()
                    .filter(sp -> sp.end() > from && sp.start() < to && sp.phase().equals("token")).toList();
            for (Span sp : token) {
                counts.computeIfAbsent(String.valueOf(sp.detail()), k -> new long[rounds.size()])[r]++;
                // A call inside another (a step's batch) runs on the token's thread already: no hand-over.
                if (token.stream().noneMatch(o -> o != sp && o.start() <= sp.start() && o.end() >= sp.end())) {
                    handOvers[r]++;
                }
            }
        }
        System.out.printf("  token calls handed over to the token's thread (outermost events): %.0f%n",
                median(handOvers));
        System.out.println("  token calls by operation, nested ones included (median count per round):");
        counts.forEach((op, n) -> System.out.printf("    %4.0f  %s%n", median(n), op));
    }


    /**
     * Durable steps per case: WAL fsyncs counted with {@code strace -f -y -e trace=fsync,fdatasync} between the case's
     * start and end (docs/performance.md; 23 before ADR 0094's cuts by the same count).
     */
    private static final int WAL_FSYNCS_PER_CASE = 15;

    /** Pages a case's write commit puts in the WAL on average: about 840 KiB per case over 15 write commits (strace). */
    private static final int PAGES_PER_WRITE_COMMIT = 14;

    /**
     * The floor under a case's durable steps, measured on the same disk in the same run: one-row commits in WAL mode
     * with synchronous=FULL, as the workstation's database is opened, with nothing else in them.
     */
    static void printBareCommits(Path dir) throws java.sql.SQLException {
        long[] small = new long[60];
        long[] large = new long[60];
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bare.db"));
             java.sql.Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("CREATE TABLE t (x INTEGER, b BLOB)");
            for (int i = 0; i < small.length; i++) {
                long t0 = System.nanoTime();
                st.execute("INSERT INTO t (x) VALUES (" + i + ")");
                small[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                st.execute("INSERT INTO t VALUES (" + i + ", randomblob(" + PAGES_PER_WRITE_COMMIT * 4000 + "))");
                large[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("%nbare commits on the same disk (WAL, synchronous=FULL), 60 each, interleaved: one row "
                + "median %.2f ms, a %d-page row median %.2f ms%n", median(small) / 1e6, PAGES_PER_WRITE_COMMIT,
                median(large) / 1e6);
        System.out.printf("  x %d WAL fsyncs per case: %.1f ms (one row) to %.1f ms (%d pages each) of durable steps%n",
                WAL_FSYNCS_PER_CASE, WAL_FSYNCS_PER_CASE * median(small) / 1e6,
                WAL_FSYNCS_PER_CASE * median(large) / 1e6, PAGES_PER_WRITE_COMMIT);
    }

    /**
     * Splits [from, to) among the phases: each instant goes to the head-office simulator if it runs then, else to the
     * innermost (latest started) phase running then, else to "other".
     */
    static Map<String, Long> split(List<Span> spans, long from, long to) {
        java.util.TreeSet<Long> cuts = new java.util.TreeSet<>(List.of(from, to));
        for (Span sp : spans) {
            cuts.add(Math.max(from, sp.start()));
            cuts.add(Math.min(to, sp.end()));
        }
        Map<String, Long> out = new LinkedHashMap<>();
        Long prev = null;
        for (long cut : cuts) {
            if (prev != null && cut > prev) {
                long a = prev;
                long b = cut;
                String phase = "other (between phases)";
                long latest = Long.MIN_VALUE;
                for (Span sp : spans) {
                    if (sp.start() <= a && sp.end() >= b) {
                        if (sp.phase().equals(WorkPhaseEvent.HEAD_OFFICE)) {
                            phase = sp.phase();
                            break;
                        }
                        if (sp.start() > latest) {
                            latest = sp.start();
                            phase = sp.phase();
                        }
                    }
                }
                out.merge(phase, b - a, Long::sum);
            }
            prev = cut;
        }
        return out;
    }

    private static long nanos(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }


    /**
     * The token operations a case needs, with nothing around them: login, generate, sign (CSR), write a
     * certificate, destroy the superseded pair, sign (self-test), logout. Returns the nanoseconds.
     */
    static long raw(TokenPort port, String serial, KeyAlgorithm algorithm) throws Exception {
        byte[] data = new byte[200];
        new SecureRandom().nextBytes(data);
        long t0 = System.nanoTime();
        try (TokenSession session = port.open(serial)) {
            session.login(SoftHsm.USER_PIN.toCharArray());
            List<KeyId> before = session.objects().stream().filter(o -> o.kind() == ObjectKind.CERTIFICATE)
                    .map(o -> o.id()).toList();
            X509Certificate existing = session.certificates().get(0);
            KeyPlan plan = KeyPlan.fresh(algorithm, LocalDate.now());
            session.generateKeyPair(plan);
            session.sign(plan.id(), data);
            session.writeCertificate(plan.id(), plan.label(), existing);
            for (KeyId old : before) {
                session.destroyObjects(old);
            }
            session.sign(plan.id(), data);
            session.objects();
        }
        return System.nanoTime() - t0;
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /** Valid 18-digit ID numbers for bench customers (region 110105, birth 1949-12-31, sequence i). */
    static String idNumber(int i) {
        String body = "11010519491231" + String.format("%03d", 100 + i);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body.charAt(k) - '0') * w[k];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String pan(int i) {
        return Seed.luhn("6222020000" + String.format("%08d", 10000 + i));
    }
}
