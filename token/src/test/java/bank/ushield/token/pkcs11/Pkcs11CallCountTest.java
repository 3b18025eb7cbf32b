package bank.ushield.token.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.Pkcs11CallCounter;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.InstallOutcome;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyId;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.OldCustomerToken;
import bank.ushield.token.ObjectKind;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.SelfTestReport;
import bank.ushield.token.TestCa;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenProblem;
import bank.ushield.token.TokenSession;

/**
 * The native PKCS#11 calls each step of a renewal makes on SoftHSM2, counted by {@link Pkcs11CallCounter} (issue 20):
 * what is kept while the token is present is not read again, an idempotency look-up is one search, and the serial
 * re-check before each write is still made, and made once.
 */
@ExtendWith(SoftHsmExtension.class)
class Pkcs11CallCountTest {

    private static final X500Name SUBJECT = new X500Name("CN=C0001,O=U-shield,C=CN");

    @Test
    void eachStepMakesOnlyItsOwnCallsAndEveryWriteStillRechecksTheSerial(SoftHsmToken token) {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(token.modulePath());
        Pkcs11CallCounter counter = Pkcs11CallCounter.install(token.modulePath());
        TestCa ca = TestCa.create("Count CA");
        Repersonalisation steps = new Repersonalisation(ca.trust(), Clock.systemUTC());
        KeyId old;
        try (TokenSession s = port.open(token.serial())) {
            s.login(token.userPinChars());
            old = OldCustomerToken.personalise(s, ca, SUBJECT);
        }

        // The token check: found where it was last seen, its mechanisms read once while it stays present.
        Map<String, Long> before = counter.snapshot();
        assertThat(port.present(token.serial())).isPresent();
        assertThat(counter.since(before)).isEqualTo(Map.of("C_GetTokenInfo", 1L));
        try (TokenSession s = port.open(token.serial())) {
            before = counter.snapshot();
            Set<KeyAlgorithm> first = s.algorithms();
            Map<String, Long> firstRead = counter.since(before);
            before = counter.snapshot();
            assertThat(s.algorithms()).isEqualTo(first).contains(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048);
            assertThat(counter.since(before)).as("mechanisms kept while the token is present").isEmpty();
            assertThat(firstRead.getOrDefault("C_GetMechanismInfo", 0L)).as("not one call per mechanism").isLessThanOrEqualTo(1);

            before = counter.snapshot();
            assertThat(s.objectsOf(ObjectKind.CERTIFICATE)).hasSize(1);
            assertThat(counter.since(before)).containsEntry("C_FindObjectsInit", 1L).containsEntry("C_GetAttributeValue", 1L);
        }

        // The token check's read of the registered token: found where it was, opened, read and closed in one go.
        before = counter.snapshot();
        List<bank.ushield.token.TokenObject> read = port.inSession(token.serial(), s -> s.objectsOf(ObjectKind.CERTIFICATE));
        assertThat(read).hasSize(1);
        assertThat(counter.since(before)).isEqualTo(Map.of("C_GetTokenInfo", 1L, "C_OpenSession", 1L,
                "C_FindObjectsInit", 1L, "C_FindObjects", 1L, "C_FindObjectsFinal", 1L, "C_GetAttributeValue", 1L,
                "C_CloseSession", 1L));
        assertThatThrownBy(() -> port.inSession("not-" + token.serial(), s -> s.objects()))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.TOKEN_NOT_FOUND));

        try (TokenSession s = port.open(token.serial())) {
            s.login(token.userPinChars());
            KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());

            // Key generation: the serial re-check and one search by CKA_ID (nothing found), then the pair.
            before = counter.snapshot();
            steps.generateKey(s, plan);
            Map<String, Long> generate = counter.since(before);
            assertThat(generate).isEqualTo(Map.of("C_GetTokenInfo", 1L, "C_FindObjectsInit", 1L, "C_FindObjects", 1L,
                    "C_FindObjectsFinal", 1L, "C_GenerateKeyPair", 1L, "C_GetAttributeValue", 1L));

            // A resumed step finds the pair by the same one search and makes none.
            before = counter.snapshot();
            assertThat(s.generateKeyPair(plan).alreadyPresent()).isTrue();
            Map<String, Long> resumed = counter.since(before);
            assertThat(resumed).containsEntry("C_FindObjectsInit", 1L).doesNotContainKey("C_GenerateKeyPair");

            before = counter.snapshot();
            PKCS10CertificationRequest csr = steps.createCsr(s, plan.id(), SUBJECT);
            assertThat(counter.since(before)).isEqualTo(Map.of("C_SignInit", 1L, "C_Sign", 1L));

            // Install: public key known, one search for certificates under the new id, re-check, write.
            before = counter.snapshot();
            assertThat(steps.installCertificate(s, plan.id(), plan.label(), ca.issue(csr)))
                    .isEqualTo(InstallOutcome.INSTALLED);
            assertThat(counter.since(before)).isEqualTo(Map.of("C_FindObjectsInit", 1L, "C_FindObjects", 1L,
                    "C_FindObjectsFinal", 1L, "C_GetTokenInfo", 1L, "C_CreateObject", 1L));

            // Removal of the old pair: the guard's search, the re-check, one search by the old id, its three objects.
            before = counter.snapshot();
            assertThat(steps.removeSuperseded(s, plan.id(), List.of(old))).isEqualTo(3);
            Map<String, Long> removal = counter.since(before);
            assertThat(removal).containsEntry("C_GetTokenInfo", 1L).containsEntry("C_FindObjectsInit", 2L)
                    .containsEntry("C_DestroyObject", 3L);

            before = counter.snapshot();
            SelfTestReport report = steps.selfTest(s, plan.id(), List.of(old));
            assertThat(report.passed()).isTrue();
            // The new certificate alone (one object read), the old id's search (nothing left), the signature.
            assertThat(counter.since(before)).isEqualTo(Map.of("C_FindObjectsInit", 2L, "C_FindObjects", 2L,
                    "C_FindObjectsFinal", 2L, "C_GetAttributeValue", 1L, "C_SignInit", 1L, "C_Sign", 1L));
        }
    }

    @Test
    void aTokenNoLongerListedIsForgottenWhileARescanKeepsWhatIsKeptForTheTokensStillThere(SoftHsmToken token) {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(token.modulePath());
        Pkcs11CallCounter counter = Pkcs11CallCounter.install(token.modulePath());
        SoftHsmToken other = SoftHsm.initToken("gone-" + System.nanoTime() % 100000);
        try (TokenSession s = port.open(other.serial())) {
            s.algorithms();
        }
        try (TokenSession s = port.open(token.serial())) {
            s.algorithms();
        }
        SoftHsm.deleteToken(other);
        // With no session open the listing re-initialises the module (SoftHSM2 sees the deletion only then).
        Map<String, Long> before = counter.snapshot();
        assertThat(port.presentTokens()).noneMatch(t -> t.serial().equals(other.serial()));
        assertThat(counter.since(before)).containsEntry("C_Finalize", 1L).containsEntry("C_Initialize", 1L);
        assertThatThrownBy(() -> port.open(other.serial()).close())
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.TOKEN_NOT_FOUND));
        try (TokenSession s = port.open(token.serial())) {
            before = counter.snapshot();
            assertThat(s.algorithms()).contains(KeyAlgorithm.EC_P256);
            assertThat(counter.since(before)).as("the token still there keeps its mechanisms over the rescan").isEmpty();
        }
    }

    @Test
    void aWatcherPollListsTheTokensWithoutReinitialisingTheModule(SoftHsmToken token) {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(token.modulePath());
        Pkcs11CallCounter counter = Pkcs11CallCounter.install(token.modulePath());
        Map<String, Long> before = counter.snapshot();
        List<bank.ushield.token.TokenInfo> reread = port.poll(true);
        Map<String, Long> rereadCalls = counter.since(before);
        port.poll(false); // reads the reader descriptions the re-read dropped
        before = counter.snapshot();
        List<bank.ushield.token.TokenInfo> polled = port.poll(false);
        Map<String, Long> pollCalls = counter.since(before);
        System.out.printf("native calls of an idle watcher poll, %d tokens: re-reading %s, polling %s%n",
                polled.size(), rereadCalls, pollCalls);
        assertThat(polled).extracting(bank.ushield.token.TokenInfo::serial).contains(token.serial())
                .containsExactlyInAnyOrderElementsOf(reread.stream().map(bank.ushield.token.TokenInfo::serial).toList());
        assertThat(rereadCalls).containsEntry("C_Finalize", 1L).containsEntry("C_Initialize", 1L);
        // One slot list, one token info per slot listed: SoftHSM2 also lists its free slot (an uninitialised token).
        assertThat(pollCalls).containsOnlyKeys("C_GetSlotList", "C_GetTokenInfo").containsEntry("C_GetSlotList", 1L);
        assertThat(pollCalls.get("C_GetTokenInfo")).isBetween((long) polled.size(), polled.size() + 1L);
    }

    @Test
    void anotherTokenPutInIsReportedAndNothingKeptForTheFirstIsUsedForIt(SoftHsmToken token) throws Exception {
        Pkcs11TokenPort port = Pkcs11TokenPort.open(token.modulePath());
        Pkcs11CallCounter counter = Pkcs11CallCounter.install(token.modulePath());
        SoftHsmToken first = SoftHsm.initToken("first-" + System.nanoTime() % 100000);
        KeyId firstKey;
        try (TokenSession s = port.open(first.serial())) {
            s.login(first.userPinChars());
            s.algorithms();
            KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
            s.generateKeyPair(plan);
            s.sign(plan.id(), new byte[] {1}); // its key handle is kept by that session
            firstKey = plan.id();
        }
        List<bank.ushield.token.TokenEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        // softhsm2-util changes the token folder between polls: a re-read at the same time can make its delete fail.
        Object folder = new Object();
        SoftHsmToken second;
        try (AutoCloseable watch = bank.ushield.token.TokenWatcher.start(() -> {
            synchronized (folder) {
                return port.poll(true);
            }
        }, events::add, java.time.Duration.ofMillis(100))) {
            bank.ushield.token.Events.await(events, bank.ushield.token.TokenEvent.Type.INSERTED, first.serial());
            // Pull the first out and put another in (SoftHSM2 sees both at the watcher's re-read).
            synchronized (folder) {
                SoftHsm.deleteToken(first);
                second = SoftHsm.initToken("second-" + System.nanoTime() % 100000);
            }
            try {
                bank.ushield.token.Events.await(events, bank.ushield.token.TokenEvent.Type.REMOVED, first.serial());
                bank.ushield.token.Events.await(events, bank.ushield.token.TokenEvent.Type.INSERTED, second.serial());
                watch.close();
                assertThatThrownBy(() -> port.open(first.serial()).close()).isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.problem()).isEqualTo(TokenProblem.TOKEN_NOT_FOUND));
                try (TokenSession s = port.open(second.serial())) {
                    Map<String, Long> before = counter.snapshot();
                    s.algorithms();
                    assertThat(counter.since(before)).as("the new token's own mechanisms")
                            .containsEntry("C_GetMechanismList", 1L);
                    s.login(second.userPinChars());
                    assertThat(s.objects()).isEmpty();
                    assertThatThrownBy(() -> s.sign(firstKey, new byte[] {1})).isInstanceOfSatisfying(
                            TokenException.class, e -> assertThat(e.problem()).isEqualTo(TokenProblem.KEY_NOT_FOUND));
                }
            } finally {
                SoftHsm.deleteToken(second);
            }
        }
    }
}
