package bank.ushield.renewal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;

import bank.ushield.token.pin.PinPrompter;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** An in-memory token for service tests: objects by CKA_ID, a PIN, and switches for faults. */
final class FakeTokenDesk implements TokenDesk {

    static final String PIN = "123456";

    String serial = TestWorld.TOKEN_SERIAL;
    boolean present = true;
    boolean failNextWrite;
    int generateCalls;
    final Map<String, KeyPair> keys = new LinkedHashMap<>();
    final Map<String, byte[]> certs = new LinkedHashMap<>();

    FakeTokenDesk() {
        keys.put("01", newKey());
        certs.put("01", new byte[] {1});
    }

    @Override
    public PresentedToken read(String registeredSerial) {
        requirePresent();
        List<PresentedToken.TokenCertificate> list = new ArrayList<>();
        certs.forEach((id, der) -> list.add(new PresentedToken.TokenCertificate(id,
                new BigInteger(TestWorld.OLD_CERT_SERIAL, 16), "CN=C000123", "CN=Test CA", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(1), der)));
        return new PresentedToken(serial, "U-shield", "U-shield 2", "Fake", false, false, list);
    }

    @Override
    public GeneratedRequest generateKeyAndRequest(String expectedSerial, String keyId, String subjectDn, PinPrompter pin) {
        checkSerialAndPin(expectedSerial, pin);
        generateCalls++;
        fault("generateKey");
        KeyPair kp = keys.computeIfAbsent(keyId, k -> newKey());
        try {
            byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subjectDn), kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
            return new GeneratedRequest(keyId, csr, spkiSha256(kp));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void install(String expectedSerial, String newKeyId, byte[] certificateDer, String oldKeyId, PinPrompter pin) {
        checkSerialAndPin(expectedSerial, pin);
        fault("install");
        certs.put(newKeyId, certificateDer);
        keys.remove(oldKeyId);
        certs.remove(oldKeyId);
    }

    @Override
    public SelfTestReport selfTest(String expectedSerial, String newKeyId, byte[] certificateDer, String oldKeyId,
                                   PinPrompter pin) {
        checkSerialAndPin(expectedSerial, pin);
        boolean ok = keys.containsKey(newKeyId) && Arrays.equals(certs.get(newKeyId), certificateDer);
        boolean oldGone = !keys.containsKey(oldKeyId);
        return new SelfTestReport(true, ok, oldGone, ok && oldGone ? null : (ok ? "oldKeyPresent" : "signature"));
    }

    private void fault(String step) {
        if (failNextWrite) {
            failNextWrite = false;
            throw new RenewalException(ProblemCode.TOKEN_REMOVED, step);
        }
    }

    private void requirePresent() {
        if (!present) {
            throw new RenewalException(ProblemCode.TOKEN_ABSENT);
        }
    }

    private void checkSerialAndPin(String expectedSerial, PinPrompter pin) {
        requirePresent();
        if (!serial.equals(expectedSerial)) {
            throw new RenewalException(ProblemCode.TOKEN_SWAPPED, expectedSerial);
        }
        char[] p = pin.promptPin(new bank.ushield.token.pin.PinRequest(serial, "U-shield", bank.ushield.token.pin.PinStatus.OK, false));
        if (p == null) {
            throw new RenewalException(ProblemCode.PIN_ENTRY_CANCELLED);
        }
        boolean right = Arrays.equals(p, PIN.toCharArray());
        Arrays.fill(p, '\0');
        if (!right) {
            throw new RenewalException(ProblemCode.WRONG_PIN, -1);
        }
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String spkiSha256(KeyPair kp) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(kp.getPublic().getEncoded()));
    }

    /** Issues a certificate for the key of {@code keyId} as a test CA would. */
    byte[] issue(String keyId, Instant now) throws Exception {
        KeyPair ca = newKey();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now), Date.from(now.plus(5 * 365, ChronoUnit.DAYS)),
                new X500Name("CN=C000123,O=U-shield,C=CN"), keys.get(keyId).getPublic());
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())).getEncoded();
    }

    static PinPrompter pin(String value) {
        return request -> value.toCharArray();
    }
}
