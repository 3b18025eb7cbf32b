package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

/**
 * The self-test's signature check (BouncyCastle since issue 20) on SoftHSM2: the token's signature verifies only with
 * the certificate of the key that made it, for EC and RSA alike.
 */
@ExtendWith(SoftHsmExtension.class)
class SelfTestSignatureTest {

    private static final X500Name SUBJECT = new X500Name("CN=C0002,O=U-shield,C=CN");

    @Test
    void aCertificateForAnotherKeyFailsTheSelfTestAndTheRightOnePassesIt(SoftHsmToken token) throws Exception {
        TestCa ca = TestCa.create("Self-test CA");
        Repersonalisation steps = new Repersonalisation(ca.trust(), Clock.systemUTC());
        Instant now = Instant.now();
        try (TokenSession s = Pkcs11TokenPort.open(token.modulePath()).open(token.serial())) {
            s.login(token.userPinChars());
            for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048)) {
                KeyPlan plan = KeyPlan.fresh(algorithm, LocalDate.now());
                steps.generateKey(s, plan);
                KeyPair other = TestCa.ecKeyPair();
                // writeCertificate makes no checks: a certificate of another key under the new key's CKA_ID.
                s.writeCertificate(plan.id(), plan.label(),
                        ca.issue(SUBJECT, other.getPublic(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));
                SelfTestReport wrong = steps.selfTest(s, plan.id(), List.of());
                assertThat(wrong.certificatePresent()).isTrue();
                assertThat(wrong.signatureVerified()).as(algorithm + ": signature against another key").isFalse();
                assertThat(wrong.passed()).isFalse();

                s.destroyObjects(plan.id(), ObjectKind.CERTIFICATE);
                s.writeCertificate(plan.id(), plan.label(), ca.issue(SUBJECT, s.publicKey(plan.id()).orElseThrow(),
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))));
                assertThat(steps.selfTest(s, plan.id(), List.of()).passed()).as(algorithm + ": its own certificate").isTrue();
                s.destroyObjects(plan.id());
            }
        }
    }
}
