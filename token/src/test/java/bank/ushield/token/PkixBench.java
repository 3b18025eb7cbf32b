package bank.ushield.token;

import bank.ushield.testsupport.MachineLoad;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * The install's PKIX check of an EC P-256 certificate as a case meets it (issue 20, ADR 0102): 15 checks in a fresh
 * JVM, each after three BouncyCastle signature checks as in a case. {@code jdk}: {@link TrustedCa#check} as shipped; {@code jdk-plain}: the JDK's
 * CertPathValidator alone;
 * {@code bc}: BouncyCastle's CertPathValidator; {@code jdk-bc-sig}: the JDK's with BouncyCastle as signature provider.
 * Run each variant in its own JVM: {@code java -cp <token test classpath> bank.ushield.token.PkixBench jdk}.
 */
public final class PkixBench {

    private PkixBench() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "jdk";
        TestCa ca = TestCa.create("Bench CA");
        java.security.KeyPair leaf = TestCa.ecKeyPair();
        Instant now = Instant.now();
        X509Certificate issued = ca.issue(new X500Name("CN=C0001,O=U-shield,C=CN"), leaf.getPublic(),
                now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(365)));
        byte[] der = issued.getEncoded();
        TrustedCa trusted = ca.trust();
        if (variant.equals("jdk-bc-sig")) {
            java.security.Security.addProvider(KeyEncoding.BC);
        }
        CertificateFactory bcf = CertificateFactory.getInstance("X.509", KeyEncoding.BC);
        Set<TrustAnchor> bcAnchors = Set.of(new TrustAnchor((X509Certificate) bcf.generateCertificate(
                new java.io.ByteArrayInputStream(ca.certificate().getEncoded())), null));
        byte[] data = new byte[100];
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(leaf.getPrivate());
        s.update(data);
        byte[] signature = s.sign();
        long[] nanos = new long[15];
        for (int i = 0; i < nanos.length; i++) {
            for (int k = 0; k < 3; k++) {
                Signature v = Signature.getInstance("SHA256withECDSA", KeyEncoding.BC);
                v.initVerify(leaf.getPublic());
                v.update(data);
                if (!v.verify(signature)) {
                    throw new IllegalStateException("signature");
                }
            }
            X509Certificate c = KeyEncoding.certificate(der); // a new object: no cached verification
            long t0 = System.nanoTime();
            switch (variant) {
                case "jdk" -> trusted.check(c, now);
                case "bc" -> {
                    PKIXParameters p = new PKIXParameters(bcAnchors);
                    p.setRevocationEnabled(false);
                    CertPathValidator.getInstance("PKIX", KeyEncoding.BC).validate(bcf.generateCertPath(List.of(c)), p);
                }
                case "jdk-plain", "jdk-bc-sig" -> {
                    PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
                    p.setRevocationEnabled(false);
                    if (variant.equals("jdk-bc-sig")) {
                        p.setSigProvider(KeyEncoding.BC.getName());
                    }
                    CertPathValidator.getInstance("PKIX").validate(
                            CertificateFactory.getInstance("X.509").generateCertPath(List.of(c)), p);
                }
                default -> throw new IllegalArgumentException(variant);
            }
            nanos[i] = System.nanoTime() - t0;
            Thread.sleep(20);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("PKIX %s: first %.2f ms, median %.3f ms, last %.3f ms; load %s%n", variant, nanos[0] / 1e6,
                sorted[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6,
                MachineLoad.now());
    }
}
