package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenPort} adapter must do, run against SoftHSM2 (PKCS#11) and against the simulated token:
 * same behaviour, same error outcomes.
 */
abstract class TokenPortContract {

    static final X500Name SUBJECT = new X500Name("CN=Zhang San,OU=Personal Banking,O=Test Bank,C=CN");
    static final TestCa CA = TestCa.create("Test Issuing CA");

    final Repersonalisation steps = new Repersonalisation(CA.trust(), Clock.systemUTC());
    TokenSession session;

    abstract TokenPort port();

    abstract String serial();

    abstract String pin();

    @BeforeEach
    void openClean() {
        session = port().open(serial());
        session.login(pin().toCharArray());
        for (TokenObject o : session.objects()) {
            if (o.id() != null) {
                session.destroyObjects(o.id());
            }
        }
        assertThat(session.objects()).isEmpty();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    /** Puts an "old" customer key pair with an expired certificate on the token, as an expiring U-shield holds. */
    KeyId personaliseOld(TokenSession s) {
        return OldCustomerToken.personalise(s, CA, SUBJECT);
    }

    @Test
    void findsTheTokenBySerialWithItsInfo() {
        TokenInfo info = port().find(serial()).orElseThrow();
        assertThat(info.serial()).isEqualTo(serial());
        assertThat(info.writeProtected()).isFalse();
        assertThat(port().readers()).anySatisfy(r -> assertThat(r.token()).hasValueSatisfying(t -> assertThat(t.serial()).isEqualTo(serial())));
        assertThat(session.info().label()).isEqualTo(info.label());
    }

    @Test
    void aSecondSessionOnTheSameTokenIsRefusedWhileOneIsOpen() {
        assertThatThrownBy(() -> port().open(serial())).isInstanceOf(IllegalStateException.class);
        session.close();
        port().open(serial()).close();
        session = port().open(serial());
    }

    @Test
    void unknownSerialIsTokenNotFound() {
        assertThatThrownBy(() -> port().open("no-such-serial"))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.TOKEN_NOT_FOUND));
    }

    @Test
    void wrongPinIsWrongPinWithItsStateAndNeverShowsThePin() {
        session.close();
        try (TokenSession s = port().open(serial())) {
            char[] wrong = "975310".toCharArray();
            assertThatThrownBy(() -> s.login(wrong)).isInstanceOfSatisfying(TokenException.class, e -> {
                assertThat(e.problem()).isEqualTo(TokenProblem.WRONG_PIN);
                assertThat(e.pinStatus()).hasValueSatisfying(p -> assertThat(p.locked()).isFalse());
                assertThat(e.getMessage()).doesNotContain("975310");
                assertThat(e.toString()).doesNotContain("975310");
            });
            assertThat(wrong).containsOnly('\0');
            assertThat(s.loggedIn()).isFalse();
            char[] right = pin().toCharArray();
            s.login(right);
            assertThat(right).containsOnly('\0');
            assertThat(s.loggedIn()).isTrue();
            assertThat(s.toString()).doesNotContain(pin());
        }
    }

    @Test
    void aPrompterThatKeepsGivingAWrongPinGetsWrongPinAfterThreePrompts() {
        session.close();
        int[] prompts = {0};
        try (TokenSession s = port().open(serial())) {
            assertThatThrownBy(() -> s.login(r -> {
                prompts[0]++;
                assertThat(r.previousAttemptFailed()).isEqualTo(prompts[0] > 1);
                return "975310".toCharArray();
            })).isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.WRONG_PIN));
            s.login(pin().toCharArray());
        }
        assertThat(prompts[0]).isEqualTo(TokenSession.MAX_PROMPTS_PER_LOGIN);
        session = port().open(serial());
    }

    @Test
    void loginThroughThePinPrompterWipesThePin() {
        session.close();
        char[][] handed = new char[1][];
        try (TokenSession s = port().open(serial())) {
            s.login(request -> {
                assertThat(request.tokenSerial()).isEqualTo(serial());
                handed[0] = pin().toCharArray();
                return handed[0];
            });
            assertThat(s.loggedIn()).isTrue();
        }
        assertThat(handed[0]).containsOnly('\0');
        try (TokenSession s = port().open(serial())) {
            assertThatThrownBy(() -> s.login(request -> null)).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.problem()).isEqualTo(TokenProblem.PIN_CANCELLED));
        }
    }

    @Test
    void privateKeysAreVisibleOnlyAfterLoginAndWritesNeedLogin() {
        KeyId old = personaliseOld(session);
        session.close();
        try (TokenSession anonymous = port().open(serial())) {
            assertThat(anonymous.objects()).extracting(TokenObject::kind)
                    .containsExactlyInAnyOrder(ObjectKind.PUBLIC_KEY, ObjectKind.CERTIFICATE);
            assertThat(anonymous.certificates()).hasSize(1);
            assertThatThrownBy(() -> anonymous.destroyObjects(old)).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.problem()).isEqualTo(TokenProblem.NOT_LOGGED_IN));
            assertThatThrownBy(() -> steps.generateKey(anonymous, KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now())))
                    .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.NOT_LOGGED_IN));
        }
        session = port().open(serial());
        session.login(pin().toCharArray());
        assertThat(session.objects()).extracting(TokenObject::kind)
                .containsExactlyInAnyOrder(ObjectKind.PRIVATE_KEY, ObjectKind.PUBLIC_KEY, ObjectKind.CERTIFICATE);
    }

    @Test
    void generateAgainWithTheSamePlanFindsThePendingKeyInsteadOfMakingASecond() {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
        GeneratedKey first = steps.generateKey(session, plan);
        assertThat(first.alreadyPresent()).isFalse();
        session.close();
        // "after a crash": a new session, the plan read back from the case
        session = port().open(serial());
        session.login(pin().toCharArray());
        GeneratedKey again = steps.generateKey(session, plan);
        assertThat(again.alreadyPresent()).isTrue();
        assertThat(again.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        assertThat(session.objects()).filteredOn(o -> o.kind() == ObjectKind.PRIVATE_KEY).hasSize(1);
    }

    @Test
    void fullRepersonalisationStepByStep() throws Exception {
        KeyId old = personaliseOld(session);

        TokenSnapshot snapshot = steps.verifyToken(session, serial());
        assertThat(snapshot.customerKeyIds()).containsExactly(old);

        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
        GeneratedKey key = steps.generateKey(session, plan);
        PKCS10CertificationRequest csr = steps.createCsr(session, plan.id(), SUBJECT);
        assertThat(csr.getSubject()).isEqualTo(SUBJECT);
        // Until the new certificate is there, the old key pair must stay.
        assertThatThrownBy(() -> steps.removeSuperseded(session, plan.id(), snapshot.customerKeyIds()))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.STEP_OUT_OF_ORDER));
        assertThat(session.objects()).anyMatch(o -> old.equals(o.id()) && o.kind() == ObjectKind.PRIVATE_KEY);

        X509Certificate issued = CA.issue(csr);
        assertThat(issued.getPublicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
        assertThat(steps.installCertificate(session, plan.id(), plan.label(), issued)).isEqualTo(InstallOutcome.INSTALLED);
        assertThat(steps.installCertificate(session, plan.id(), plan.label(), issued)).isEqualTo(InstallOutcome.ALREADY_INSTALLED);
        assertThat(steps.removeSuperseded(session, plan.id(), snapshot.customerKeyIds())).isEqualTo(3);
        assertThat(steps.removeSuperseded(session, plan.id(), snapshot.customerKeyIds())).isZero();

        SelfTestReport report = steps.selfTest(session, plan.id(), snapshot.customerKeyIds());
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.certificateSerialHex()).isEqualTo(issued.getSerialNumber().toString(16));

        List<TokenObject> left = session.objects();
        assertThat(left).hasSize(3).allMatch(o -> plan.id().equals(o.id()));
        assertThat(left).filteredOn(o -> o.kind() == ObjectKind.CERTIFICATE).singleElement()
                .satisfies(o -> assertThat(o.certificate()).isEqualTo(issued));
    }

    @Test
    void rsa2048IsTheDefaultAndSignsOnTheToken() throws Exception {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.RSA_2048, LocalDate.now());
        GeneratedKey key = steps.generateKey(session, plan);
        assertThat(key.publicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPublicKey) key.publicKey()).getModulus().bitLength()).isEqualTo(2048);
        PKCS10CertificationRequest csr = steps.createCsr(session, plan.id(), SUBJECT);
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.11");
        X509Certificate issued = CA.issue(csr);
        assertThat(steps.installCertificate(session, plan.id(), plan.label(), issued)).isEqualTo(InstallOutcome.INSTALLED);
        assertThat(steps.selfTest(session, plan.id(), Set.of()).passed()).isTrue();
    }

    /** Whether the adapter's token under test can make SM2 keys (SoftHSM2 cannot; see Sm2VendorTokenTest). */
    boolean doesSm2() {
        return false;
    }

    @Test
    void sm2WhereTheTokenCanDoItElseAClearRefusalAndNothingWritten() throws Exception {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now());
        if (!doesSm2()) {
            assertThatThrownBy(() -> steps.generateKey(session, plan)).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.problem()).isEqualTo(TokenProblem.UNSUPPORTED_MECHANISM));
            assertThat(session.objects()).isEmpty();
            return;
        }
        GeneratedKey key = steps.generateKey(session, plan);
        assertThat(KeyAlgorithm.of(key.publicKey())).isEqualTo(KeyAlgorithm.SM2);
        PKCS10CertificationRequest csr = steps.createCsr(session, plan.id(), SUBJECT);
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.156.10197.1.501");
        X509Certificate issued = CA.issue(csr);
        assertThat(steps.installCertificate(session, plan.id(), plan.label(), issued)).isEqualTo(InstallOutcome.INSTALLED);
        assertThat(session.objects(plan.id(), ObjectKind.PRIVATE_KEY)).singleElement()
                .satisfies(o -> assertThat(o.algorithm()).isEqualTo(KeyAlgorithm.SM2));
        assertThat(steps.selfTest(session, plan.id(), Set.of()).passed()).isTrue();
    }

    @Test
    void certificateForAnotherKeyOrFromAnotherCaIsRefusedAndNothingIsWritten() throws Exception {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
        steps.generateKey(session, plan);
        PublicKey otherKey = TestCa.ecKeyPair().getPublic();
        Instant now = Instant.now();
        X509Certificate forOtherKey = CA.issue(SUBJECT, otherKey, now, now.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> steps.installCertificate(session, plan.id(), plan.label(), forOtherKey))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.CERTIFICATE_MISMATCH));

        X509Certificate fromStranger = TestCa.create("Stranger CA").issue(steps.createCsr(session, plan.id(), SUBJECT));
        assertThatThrownBy(() -> steps.installCertificate(session, plan.id(), plan.label(), fromStranger))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.CERTIFICATE_NOT_TRUSTED));
        assertThat(session.certificates()).isEmpty();
    }

    @Test
    void verifyTokenRefusesAnotherTokenThanTheRegisteredOne() {
        assertThatThrownBy(() -> steps.verifyToken(session, "registered-other"))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.TOKEN_SWAPPED));
    }
}
