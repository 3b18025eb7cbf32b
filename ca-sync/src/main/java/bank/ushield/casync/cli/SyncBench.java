package bank.ushield.casync.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import bank.ushield.casync.CustomerExtractImporter;
import bank.ushield.casync.ExtractRecordRules;
import bank.ushield.casync.ImportResult;
import bank.ushield.casync.RequestBatchExporter;
import bank.ushield.casync.ResponseBatchImporter;
import bank.ushield.casync.ResponseListener;
import bank.ushield.casync.SyncAuditTrail;
import bank.ushield.casync.SyncFolders;
import bank.ushield.casync.AuditCheckpointSource;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.casync.store.ResponseStore;
import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CaseState;
import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.RenewalCaseRepository;
import bank.ushield.db.RenewalCaseRow;

/**
 * Measures export of N queued requests, import of an N-certificate response batch, and import of an N-customer
 * extract (and its no-op repeat) on a fresh database file: wall time and heap (peak sampled every 2 ms, and retained after GC).
 */
public final class SyncBench {

    private static final String WS = "BENCH-W01";

    /** Figures of one measured phase. */
    public record Phase(String name, int items, long millis, long cpuMillis, long peakHeapBytes, long baselineHeapBytes,
                        long fileBytes) {
    }

    private SyncBench() {
    }

    /** Runs setup (not measured), then export, head-office answer and import (measured). */
    public static List<Phase> run(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        Database db = Database.open(dir.resolve("bench.db"));
        Jdbi jdbi = db.jdbi();
        Clock clock = Clock.systemUTC();
        SyncFolders folders = SyncFolders.under(dir.resolve("sync")).create();
        KeyPair wsKey = ecKeyPair();
        KeyBatchSigner signer = new KeyBatchSigner(wsKey.getPrivate(), selfSigned(wsKey));
        seed(jdbi, count);
        SyncAuditTrail audit = (h, type, outcome, caseId, details) -> { };
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(dir.resolve("headoffice"), clock);
        headOffice.registerWorkstation(WS, signer.certificate());
        RequestBatchExporter exporter = new RequestBatchExporter(jdbi, WS, folders, signer, audit,
                AuditCheckpointSource.none(), clock);
        ResponseBatchImporter importer = new ResponseBatchImporter(jdbi, WS, folders, headOffice.syncCertificate(),
                new BenchAnswers(new RenewalCaseRepository(jdbi, clock)), audit, clock);

        List<Phase> phases = new ArrayList<>();
        RequestBatchExporter.ExportedBatch[] exported = new RequestBatchExporter.ExportedBatch[1];
        phases.add(measure("export requests", count, () -> {
            exported[0] = exporter.export().orElseThrow();
            return exported[0].file();
        }));
        HeadOfficeSimulator.Processed[] answer = new HeadOfficeSimulator.Processed[1];
        phases.add(measure("simulator issues certificates", count, () -> {
            try {
                answer[0] = headOffice.process(exported[0].file(), folders.inbox(), RejectionPolicy.none());
                return answer[0].responseFile();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        Path response = answer[0].responseFile();
        long responseBytes = Files.size(response);
        Phase imp = measure("import certificates", count, () -> {
            ImportResult r = importer.importFile(response);
            if (!(r instanceof ImportResult.Imported i) || i.issued() != count) {
                throw new IllegalStateException("Import did not apply all certificates: " + r);
            }
            return null;
        });
        phases.add(new Phase(imp.name(), imp.items(), imp.millis(), imp.cpuMillis(), imp.peakHeapBytes(),
                imp.baselineHeapBytes(), responseBytes));
        phases.addAll(customerExtract(jdbi, folders, headOffice, audit, clock, count));
        return phases;
    }

    /**
     * A customer extract of {@code count} customers (one ID card, bank card, token and certificate each: the
     * certificates just issued), written by the simulator, imported, and imported again (the no-op path).
     */
    private static List<Phase> customerExtract(Jdbi jdbi, SyncFolders folders, HeadOfficeSimulator headOffice,
                                               SyncAuditTrail audit, Clock clock, int count) throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        CardMatchingKey cardKey = new CardMatchingKey(key);
        List<byte[]> certificates = jdbi.withHandle(ResponseStore::issuedCertificates);
        List<CustomerExtract.ExtractCustomer> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String pan = String.format("622202%013d", i);
            customers.add(new CustomerExtract.ExtractCustomer(String.format("BC%07d", i), "客户" + i, "1980-01-01", "F",
                    null, List.of(new CustomerExtract.ExtractDocument("RESIDENT_ID", String.format("1101051980%08d", i),
                            "客户" + i, "2015-01-01", null, true)),
                    List.of(CustomerExtract.ExtractCard.of(pan, cardKey, CardKind.DEBIT, true, CardStatus.ACTIVE)),
                    List.of(new CustomerExtract.ExtractToken(String.format("BT%07d", i), null, "U1", "Bench", "ACTIVE",
                            null, List.of(new CustomerExtract.ExtractCertificate(certificates.get(i % certificates.size()),
                                    "ACTIVE"))))));
        }
        // Head office's side, for scale only (not a branch figure).
        Path[] file = new Path[1];
        List<Phase> phases = new ArrayList<>();
        phases.add(measure("simulator writes customer extract", count, () -> {
            try {
                file[0] = headOffice.writeCustomerExtract("9999", CustomerExtract.cardKeyCheck(cardKey), customers,
                        folders.inbox()).file();
                return file[0];
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        customers.clear();
        CustomerExtractImporter importer = new CustomerExtractImporter(jdbi, WS, folders, headOffice.syncCertificate(),
                cardKey, audit, clock, ExtractRecordRules.formOnly());
        long bytes = Files.size(file[0]);
        for (String name : List.of("import customer extract", "import the same extract again")) {
            Phase p = measure(name, count, () -> {
                try {
                    ImportResult r = importer.importFile(file[0]);
                    if (!(r instanceof ImportResult.ExtractImported) && !(r instanceof ImportResult.ExtractAlreadyImported)) {
                        throw new IllegalStateException("Extract not imported: " + r);
                    }
                } catch (BatchRejectedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
            phases.add(new Phase(p.name(), p.items(), p.millis(), p.cpuMillis(), p.peakHeapBytes(),
                    p.baselineHeapBytes(), bytes));
        }
        return phases;
    }

    private static Phase measure(String name, int items, Supplier<Path> work) throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = mem.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        // Process CPU (all threads, GC included): on a shared machine it says more than wall time.
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Path file = work.get();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long cpuMillis = (os.getProcessCpuTime() - c0) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        long size = 0;
        try {
            size = file == null ? 0 : Files.size(file);
        } catch (java.io.IOException e) {
            size = -1;
        }
        return new Phase(name, items, millis, cpuMillis, peak.get(), baseline, size);
    }

    /** count cases in CSR_QUEUED, each with its own EC P-256 key and CSR, one customer and token for all. */
    private static void seed(Jdbi jdbi, int count) throws Exception {
        List<byte[]> csrs = new ArrayList<>(count);
        List<String> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            KeyPair kp = ecKeyPair();
            ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=Bench Customer " + i + ",O=Bench Bank,C=CN"), kp.getPublic()).build(s);
            csrs.add(csr.getEncoded());
            hashes.add(Pki.keySha256(csr.getSubjectPublicKeyInfo()));
        }
        String t = "2026-11-01T00:00:00Z";
        RenewalCaseRepository cases = new RenewalCaseRepository(jdbi, Clock.systemUTC());
        jdbi.useTransaction(h -> {
            BenchSeedStore.insertBranchWithOneCustomer(h, WS, t);
            // Walk the legal path: the renewal module's triggers allow nothing else.
            for (int i = 0; i < count; i++) {
                long id = cases.open(String.format("B%07d", i + 1), WS, "bench", 1L, 1L, null).id();
                for (CaseState state : List.of(CaseState.ID_VERIFIED, CaseState.CARD_VERIFIED,
                        CaseState.TOKEN_VERIFIED, CaseState.KEY_GENERATED)) {
                    cases.moveState(h, id, state, "bench", null);
                }
                RenewalCaseRow k = cases.find(id).orElseThrow();
                cases.update(k.withState(CaseState.CSR_QUEUED, null).withRequest(null, csrs.get(i), hashes.get(i)),
                        "bench", null);
            }
        });
    }

    /** Head office's answers as the bench needs them: every request is issued, through the one case writer. */
    private static final class BenchAnswers implements ResponseListener {
        private final RenewalCaseRepository cases;

        BenchAnswers(RenewalCaseRepository cases) {
            this.cases = cases;
        }

        @Override
        public void certificateIssued(Handle h, long caseId, X509CertificateHolder certificate) {
            cases.moveState(h, caseId, CaseState.CERT_RECEIVED, "ca-sync", null);
        }

        @Override
        public void requestRejected(Handle h, long caseId, String code, String reason) {
            cases.moveState(h, caseId, CaseState.ABORTED, "ca-sync",
                    "Head office rejected the request (" + code + "): " + reason);
        }

        @Override
        public void tokenReportedLost(Handle h, String tokenSerial, String reportedAt) {
            throw new IllegalStateException("The bench's head office reports no lost tokens");
        }
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509CertificateHolder selfSigned(KeyPair kp) throws Exception {
        X500Name name = new X500Name("CN=Workstation " + WS + ",O=Bench Bank,C=CN");
        long now = System.currentTimeMillis();
        return new JcaX509v3CertificateBuilder(name, java.math.BigInteger.valueOf(now), new java.util.Date(now - 60_000),
                new java.util.Date(now + 86_400_000L), name, kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
    }
}
