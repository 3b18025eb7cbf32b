package bank.ushield.token.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import bank.ushield.testsupport.MachineLoad;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyEncoding;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.OldCustomerToken;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.SelfTestReport;
import bank.ushield.token.TestCa;
import bank.ushield.token.TokenSession;
import bank.ushield.token.TokenSnapshot;

/**
 * Bench (prints figures; not a test): machine time of one full re-personalisation on SoftHSM2 (login, check, key
 * generation, CSR signed on the token, certificate install, cleanup of the old key, self-test, logout) through the
 * product ({@link Pkcs11TokenPort} + {@link Repersonalisation}), against (a) the bare wrapper calls for the same
 * operations in the same JVM and (b) the same operations as pkcs11-tool processes. The head-office CA's issuing
 * is left out of all three timings. Variants run interleaved on one token, rotating their order each round.
 * SM2 runs on the vendor-like test module ({@link Sm2Bench}): product against bare wrapper calls only (pkcs11-tool
 * knows no vendor SM2 codes). Run with SOFTHSM2_CONF set (see docs/performance.md):
 * {@code [--runs N] [--algorithms RSA_2048,EC_P256,SM2]}.
 */
public final class RepersonalisationBench {

    private static final X500Name SUBJECT = new X500Name("CN=Bench Customer,OU=Personal Banking,O=Test Bank,C=CN");
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Variant { PRODUCT, BARE_WRAPPER, PKCS11_TOOL }

    /** One run's phases in nanoseconds: open+login+list, key generation, CSR, install+cleanup+self-test+logout. */
    record Sample(long check, long keygen, long csr, long finish) {
        long total() {
            return check + keygen + csr + finish;
        }
    }

    private final SoftHsmToken token;
    private final Pkcs11TokenPort port;
    private final Pkcs11Runtime runtime;
    private final TestCa ca = TestCa.create("Bench Issuing CA");
    private final Repersonalisation steps;
    private final Path work;

    private RepersonalisationBench(SoftHsmToken token, Path work) {
        this.token = token;
        this.port = Pkcs11TokenPort.open(token.modulePath());
        this.runtime = Pkcs11Runtime.of(token.modulePath());
        this.steps = new Repersonalisation(ca.trust(), Clock.systemUTC());
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int runs = 30;
        int warmup = 5;
        List<KeyAlgorithm> algorithms = List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_P256, KeyAlgorithm.SM2);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--warmup")) {
                warmup = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--algorithms")) {
                algorithms = Arrays.stream(args[++i].split(",")).map(KeyAlgorithm::valueOf).toList();
            }
        }
        if (System.getenv("SOFTHSM2_CONF") == null) {
            throw new IllegalStateException("Set SOFTHSM2_CONF to a (new) softhsm2.conf path before starting the JVM");
        }
        PrintStream out = System.out;
        SoftHsmToken token = SoftHsm.initToken("bench-" + Long.toHexString(System.nanoTime() & 0xffffff));
        Path work = Files.createTempDirectory("token-bench-");
        try {
            RepersonalisationBench bench = new RepersonalisationBench(token, work);
            out.printf("load average at the start: %s%n", MachineLoad.now());
            out.printf("token bench: SoftHSM2 %s, %d runs (after %d warm-up runs) per variant and algorithm, %d cores, java %s%n",
                    SoftHsm.run(token.confFile(), "softhsm2-util", "--version").strip(), runs, warmup,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            for (KeyAlgorithm alg : algorithms) {
                if (alg != KeyAlgorithm.SM2) {
                    bench.run(alg, runs, warmup, out);
                }
            }
            if (algorithms.contains(KeyAlgorithm.SM2)) {
                // SoftHSM2 has no SM2: the vendor-like test module (OpenSSL's libcrypto behind vendor codes) stands in.
                new Sm2Bench(work).run(runs, warmup, out);
            }
            out.printf("%nload average at the end: %s%n", MachineLoad.now());
        } finally {
            SoftHsm.deleteToken(token);
        }
    }


    private void run(KeyAlgorithm alg, int runs, int warmup, PrintStream out) throws Exception {
        personaliseOld();
        // Warm-up: class loading, JIT (PKIX, certificate parsing, ECDSA verification), the native library; not counted.
        for (int i = 0; i < warmup; i++) {
            for (Variant v : Variant.values()) {
                runOnce(v, alg);
            }
        }
        Map<Variant, List<Sample>> samples = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            samples.put(v, new ArrayList<>());
        }
        Variant[] order = Variant.values();
        for (int i = 0; i < runs; i++) {
            for (int j = 0; j < order.length; j++) {
                Variant v = order[(i + j) % order.length];
                samples.get(v).add(runOnce(v, alg));
            }
        }
        out.printf("%n%s (median of %d runs, ms)       total   keygen  total-keygen | check    csr  finish%n", alg, runs);
        double productRest = 0;
        double productTotal = 0;
        for (Variant v : Variant.values()) {
            List<Sample> s = samples.get(v);
            if (v == Variant.PRODUCT) {
                productRest = median(s.stream().mapToLong(x -> x.total() - x.keygen()).toArray());
                productTotal = median(s.stream().mapToLong(Sample::total).toArray());
            }
            print(out, label(v), s);
        }
        double bareTotal = median(samples.get(Variant.BARE_WRAPPER).stream().mapToLong(Sample::total).toArray());
        double bareRest = median(samples.get(Variant.BARE_WRAPPER).stream().mapToLong(x -> x.total() - x.keygen()).toArray());
        double toolTotal = median(samples.get(Variant.PKCS11_TOOL).stream().mapToLong(Sample::total).toArray());
        out.printf("  product overhead over bare wrapper: total %+.1f%%, without keygen %+.2f ms (%+.1f%%)%n",
                100 * (productTotal - bareTotal) / bareTotal, productRest - bareRest, 100 * (productRest - bareRest) / bareRest);
        out.printf("  pkcs11-tool processes / product: %.2fx%n", toolTotal / productTotal);
    }

    private static String label(Variant v) {
        return switch (v) {
            case PRODUCT -> "product (port + steps)";
            case BARE_WRAPPER -> "(a) bare wrapper calls";
            case PKCS11_TOOL -> "(b) pkcs11-tool processes";
        };
    }

    static void print(PrintStream out, String variant, List<Sample> s) {
        out.printf("  %-28s %8.2f %8.2f %12.2f | %6.2f %6.2f %7.2f%n", variant,
                median(s.stream().mapToLong(Sample::total).toArray()), median(s.stream().mapToLong(Sample::keygen).toArray()),
                median(s.stream().mapToLong(x -> x.total() - x.keygen()).toArray()),
                median(s.stream().mapToLong(Sample::check).toArray()),
                median(s.stream().mapToLong(Sample::csr).toArray()),
                median(s.stream().mapToLong(Sample::finish).toArray()));
    }

    static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        double m = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
        return m / 1e6;
    }

    /** Every run starts from a customer token holding one key pair and its certificate, and ends with one too. */
    private void personaliseOld() {
        try (TokenSession s = port.open(token.serial())) {
            s.login(token.userPinChars());
            OldCustomerToken.personalise(s, ca, SUBJECT);
        }
    }

    private Sample runOnce(Variant v, KeyAlgorithm alg) throws Exception {
        return switch (v) {
            case PRODUCT -> product(alg);
            case BARE_WRAPPER -> bare(alg);
            case PKCS11_TOOL -> tool(alg);
        };
    }

    // ---- product ---------------------------------------------------------------------------------------------

    private Sample product(KeyAlgorithm alg) {
        KeyPlan plan = KeyPlan.fresh(alg, LocalDate.now());
        long t0 = System.nanoTime();
        TokenSession s = port.open(token.serial());
        s.login(token.userPinChars());
        TokenSnapshot before = steps.verifyToken(s, token.serial());
        long k0 = System.nanoTime();
        steps.generateKey(s, plan);
        long k1 = System.nanoTime();
        PKCS10CertificationRequest csr = steps.createCsr(s, plan.id(), SUBJECT);
        long t1 = System.nanoTime();
        X509Certificate cert = ca.issue(csr); // head office's work: not timed
        long t2 = System.nanoTime();
        steps.installCertificate(s, plan.id(), plan.label(), cert);
        steps.removeSuperseded(s, plan.id(), before.customerKeyIds());
        SelfTestReport report = steps.selfTest(s, plan.id(), before.customerKeyIds());
        s.close();
        long t3 = System.nanoTime();
        if (!report.passed()) {
            throw new IllegalStateException("self-test failed: " + report);
        }
        return new Sample(k0 - t0, k1 - k0, t1 - k1, t3 - t2);
    }

    // ---- (a) bare wrapper ------------------------------------------------------------------------------------

    private Sample bare(KeyAlgorithm alg) throws Exception {
        KeyPlan plan = KeyPlan.fresh(alg, LocalDate.now());
        Session[] session = new Session[1];
        long[] times = new long[6];
        List<byte[]> oldIds = new ArrayList<>();
        PKCS10CertificationRequest csr = runtime.call("bench", () -> {
            times[0] = System.nanoTime();
            Slot slot = null;
            for (Slot sl : runtime.module().getSlotList(true)) {
                if (sl.getToken().getTokenInfo().getSerialNumber().strip().equals(token.serial())) {
                    slot = sl;
                }
            }
            Session s = slot.getToken().openSession(true);
            session[0] = s;
            s.login(CKU_USER, token.userPinChars());
            for (long h : s.findAllObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY))) {
                oldIds.add(s.getAttrValues(h, CKA_ID).id());
            }
            times[1] = System.nanoTime();
            long mech = alg == KeyAlgorithm.RSA_2048 ? CKM_RSA_PKCS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN;
            var kp = s.generateKeyPair(new Mechanism(mech), Pkcs11TokenSession.template(plan, null));
            times[2] = System.nanoTime();
            PublicKey pub;
            if (alg == KeyAlgorithm.RSA_2048) {
                AttributeVector a = s.getAttrValues(kp.getPublicKey(), CKA_MODULUS, CKA_PUBLIC_EXPONENT);
                pub = KeyEncoding.rsaPublicKey(a.modulus(), a.publicExponent());
            } else {
                AttributeVector a = s.getAttrValues(kp.getPublicKey(), CKA_EC_PARAMS, CKA_EC_POINT);
                pub = KeyEncoding.ecPublicKey(a.ecParams(), a.ecPoint());
            }
            long priv = kp.getPrivateKey();
            PKCS10CertificationRequest r = new JcaPKCS10CertificationRequestBuilder(SUBJECT, pub)
                    .build(signer(alg, data -> bareSign(s, alg, priv, data)));
            times[3] = System.nanoTime();
            return r;
        });
        X509Certificate cert = ca.issue(csr); // not timed
        runtime.call("bench", () -> {
            times[4] = System.nanoTime();
            Session s = session[0];
            s.createObject(AttributeVector.newX509Certificate().token(true).private_(false).id(plan.id().bytes())
                    .label(plan.label()).subject(cert.getSubjectX500Principal().getEncoded())
                    .issuer(cert.getIssuerX500Principal().getEncoded())
                    .serialNumber(new ASN1Integer(cert.getSerialNumber()).getEncoded()).value(cert.getEncoded()));
            for (byte[] old : oldIds) {
                for (long cls : new long[] {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_CERTIFICATE}) {
                    for (long h : s.findAllObjectsSingle(new AttributeVector().class_(cls).id(old))) {
                        s.destroyObject(h);
                    }
                }
            }
            long priv = s.findAllObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).id(plan.id().bytes()))[0];
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            if (!verify(cert, challenge, bareSign(s, alg, priv, challenge))) {
                throw new IllegalStateException("bare self-test failed");
            }
            s.logout();
            s.closeSession();
            times[5] = System.nanoTime();
            return null;
        });
        return new Sample(times[1] - times[0], times[2] - times[1], times[3] - times[2], times[5] - times[4]);
    }

    private static byte[] bareSign(Session s, KeyAlgorithm alg, long priv, byte[] data) {
        try {
            if (alg == KeyAlgorithm.RSA_2048) {
                return s.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), priv, data);
            }
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
            return KeyEncoding.ecdsaPlainToDer(s.signSingle(new Mechanism(CKM_ECDSA), priv, hash));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- (b) pkcs11-tool processes ---------------------------------------------------------------------------

    private Sample tool(KeyAlgorithm alg) throws Exception {
        KeyPlan plan = KeyPlan.fresh(alg, LocalDate.now());
        String id = plan.id().hex();
        long t0 = System.nanoTime();
        String listing = p11("--login", "--pin", token.userPin(), "--list-objects", "--type", "privkey");
        List<String> oldIds = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*ID:\\s*([0-9a-fA-F]+)\\s*$").matcher(listing);
        while (m.find()) {
            oldIds.add(m.group(1));
        }
        long k0 = System.nanoTime();
        p11("--login", "--pin", token.userPin(), "--keypairgen", "--key-type",
                alg == KeyAlgorithm.RSA_2048 ? "rsa:2048" : "EC:prime256v1", "--id", id, "--label", plan.label(), "--usage-sign");
        long k1 = System.nanoTime();
        Path pubDer = work.resolve("pub.der");
        p11("--read-object", "--type", "pubkey", "--id", id, "-o", pubDer.toString());
        PublicKey pub = KeyFactory.getInstance(alg == KeyAlgorithm.RSA_2048 ? "RSA" : "EC")
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pubDer)));
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(SUBJECT, pub)
                .build(signer(alg, data -> toolSign(alg, id, data)));
        long t1 = System.nanoTime();
        X509Certificate cert = ca.issue(csr); // not timed
        long t2 = System.nanoTime();
        Path certDer = Files.write(work.resolve("cert.der"), cert.getEncoded());
        p11("--login", "--pin", token.userPin(), "--write-object", certDer.toString(), "--type", "cert", "--id", id,
                "--label", plan.label());
        for (String old : oldIds) {
            for (String type : List.of("privkey", "pubkey", "cert")) {
                p11("--login", "--pin", token.userPin(), "--delete-object", "--type", type, "--id", old);
            }
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        if (!verify(cert, challenge, toolSign(alg, id, challenge))) {
            throw new IllegalStateException("pkcs11-tool self-test failed");
        }
        long t3 = System.nanoTime();
        return new Sample(k0 - t0, k1 - k0, t1 - k1, t3 - t2);
    }

    private byte[] toolSign(KeyAlgorithm alg, String id, byte[] data) {
        try {
            Path in = Files.write(work.resolve("tbs.bin"), alg == KeyAlgorithm.RSA_2048 ? data
                    : MessageDigest.getInstance("SHA-256").digest(data));
            Path sig = work.resolve("tbs.sig");
            if (alg == KeyAlgorithm.RSA_2048) {
                p11("--login", "--pin", token.userPin(), "--sign", "--id", id, "-m", "SHA256-RSA-PKCS",
                        "-i", in.toString(), "-o", sig.toString());
            } else {
                p11("--login", "--pin", token.userPin(), "--sign", "--id", id, "-m", "ECDSA", "--signature-format",
                        "openssl", "-i", in.toString(), "-o", sig.toString());
            }
            return Files.readAllBytes(sig);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String p11(String... args) {
        List<String> cmd = new ArrayList<>(List.of("pkcs11-tool", "--module", token.modulePath().toString(),
                "--token-label", token.label()));
        cmd.addAll(List.of(args));
        return SoftHsm.run(token.confFile(), cmd.toArray(String[]::new));
    }

    // ---- shared --------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface RawSigner {
        byte[] sign(byte[] data);
    }

    static ContentSigner signer(KeyAlgorithm alg, RawSigner raw) {
        AlgorithmIdentifier algId = new DefaultSignatureAlgorithmIdentifierFinder().find(alg.jcaSignatureName());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algId;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                return raw.sign(buffer.toByteArray());
            }
        };
    }

    private static boolean verify(X509Certificate cert, byte[] data, byte[] sig) throws Exception {
        Signature v = Signature.getInstance(cert.getPublicKey().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
        v.initVerify(cert.getPublicKey());
        v.update(data);
        return v.verify(sig);
    }

}
