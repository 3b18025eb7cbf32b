package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

/**
 * The install's PKIX check (issue 20): every case's certificate is checked against the configured CA certificate at
 * the case's time; a CA certificate of the same name with another key, a changed byte, a stranger's CA or a
 * certificate outside its validity at that time are refused.
 */
class TrustedCaTest {

    private static final X500Name SUBJECT = new X500Name("CN=C0001,O=U-shield,C=CN");

    @Test
    void onlyACertificateSignedByTheConfiguredCaAndValidAtTheCasesTimePasses() throws Exception {
        TestCa bank = TestCa.create("Bank CA");
        TestCa sameName = TestCa.create("Bank CA"); // the same subject name, another key: an impostor's CA
        Instant now = Instant.now();
        X509Certificate issued = bank.issue(SUBJECT, TestCa.ecKeyPair().getPublic(), now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(365)));
        TrustedCa trust = bank.trust();

        assertThatCode(() -> trust.check(issued, now)).doesNotThrowAnyException();
        assertThatCode(() -> trust.check(issued, now)).as("checked again, same answer").doesNotThrowAnyException();
        refused(() -> sameName.trust().check(issued, now));
        refused(() -> trust.check(sameName.issue(SUBJECT, TestCa.ecKeyPair().getPublic(), now.minus(Duration.ofMinutes(5)),
                now.plus(Duration.ofDays(365))), now));
        refused(() -> trust.check(TestCa.create("Stranger CA").issue(SUBJECT, TestCa.ecKeyPair().getPublic(),
                now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(365))), now));
        refused(() -> trust.check(tampered(issued, "U-shield"), now)); // the signature no longer verifies
        refused(() -> trust.check(issued, now.plus(Duration.ofDays(400))));
        refused(() -> trust.check(issued, now.minus(Duration.ofDays(1))));
        // A configured CA certificate with a changed byte in its name no longer anchors the bank's certificates.
        refused(() -> new TrustedCa(java.util.List.of(tampered(bank.certificate(), "Test Bank"))).check(issued, now));
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable check) {
        assertThatThrownBy(check).isInstanceOfSatisfying(TokenException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.problem()).isEqualTo(TokenProblem.CERTIFICATE_NOT_TRUSTED));
    }

    /** The certificate with one letter of {@code text} changed where it last occurs (inside the signed part). */
    private static X509Certificate tampered(X509Certificate c, String text) throws Exception {
        byte[] der = c.getEncoded();
        int at = new String(der, StandardCharsets.ISO_8859_1).lastIndexOf(text);
        der[at] ^= 0x01;
        return KeyEncoding.certificate(der);
    }
}
