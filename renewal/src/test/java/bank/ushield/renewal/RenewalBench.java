package bank.ushield.renewal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;

/**
 * Bench (prints figures; not a test): machine time of whole renewal cases on SoftHSM2 (open, three checks, key and
 * request on the token, export, in-process head office, import, install, self-test, complete; every transition
 * persisted and audited with synchronous=FULL) against the raw token operations one case needs, done through the
 * token session in the same JVM on the same kind of token: login, key generation, CSR signature, certificate
 * write, removal of the old pair, self-test signature. Run with SOFTHSM2_CONF set (docs/performance.md).
 * Arguments: {@code [cases] [EC_P256|RSA_2048]}.
 */
public final class RenewalBench {

    private RenewalBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        KeyAlgorithm algorithm = args.length > 1 ? KeyAlgorithm.valueOf(args[1]) : KeyAlgorithm.EC_P256;
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
            long[] caseNanos = new long[cases];
            long[] rawNanos = new long[cases];
            long wallStart = System.nanoTime();
            for (int i = 1; i <= cases; i++) {
                SoftHsmToken t = tokens.get(i);
                long t0 = System.nanoTime();
                RenewalCase c = s.open("B" + i);
                s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", i == 0 ? "11010519491231002X" : idNumber(i),
                        "张三", LocalDate.of(1949, 12, 31), null, null, true));
                s.verifyCard(c.id(), new PresentedCard(pan(i), true));
                s.verifyToken(c.id(), Seed.voucher(tokens.get(i).serial()));
                s.generateKey(c.id(), pin);
                s.queueRequest(c.id());
                s.syncNow();
                s.install(c.id(), pin);
                s.selfTest(c.id(), pin);
                Outcome done = s.complete(c.id());
                caseNanos[i - 1] = System.nanoTime() - t0;
                if (done.renewalCase().state() != CaseState.COMPLETED) {
                    throw new IllegalStateException("case " + i + " ended " + done.renewalCase().state());
                }
                rawNanos[i - 1] = raw(port, tokens.get(0).serial(), algorithm);
            }
            long wall = System.nanoTime() - wallStart;
            long caseTotal = Arrays.stream(caseNanos).sum();
            double caseMedian = median(caseNanos);
            double rawMedian = median(rawNanos);
            System.out.printf("renewal bench: %d cases, %s, SoftHSM2 %s%n", cases, algorithm, port);
            System.out.printf("whole case (machine time): median %.1f ms, mean %.1f ms%n", caseMedian / 1e6,
                    caseTotal / 1e6 / cases);
            System.out.printf("raw token operations of one case: median %.1f ms%n", rawMedian / 1e6);
            System.out.printf("ratio case/raw (medians): %.2fx%n", caseMedian / rawMedian);
            System.out.printf("cases per minute back to back (cases only): %.1f%n", cases * 60e9 / caseTotal);
            System.out.printf("cases per minute incl. raw reference rounds in between: %.1f%n", cases * 60e9 / wall);
        } finally {
            for (SoftHsmToken t : tokens) {
                SoftHsm.deleteToken(t);
            }
        }
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
