package bank.ushield.token.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.KeyPlan;
import bank.ushield.token.ObjectKind;
import bank.ushield.token.pin.PinStatus;
import bank.ushield.token.Repersonalisation;
import bank.ushield.token.TestCa;
import bank.ushield.token.TokenEvent;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenObject;
import bank.ushield.token.TokenProblem;
import bank.ushield.token.TokenSession;

/** The simulated token's injected faults give the same outcomes a real token gives. */
class SimulatedFaultsTest {

    static final String SERIAL = "SIM0000000000007";
    static final String PIN = "582046";

    @TempDir
    Path dir;
    SimulatedTokenPort port;

    @BeforeEach
    void token() {
        port = SimulatedTokenPort.open(dir.resolve("tokens.json"));
        port.createToken(SERIAL, "Li Si U-shield", PIN.toCharArray(), 3);
        port.insert(0, SERIAL);
    }

    static TokenProblem problem(Runnable r) {
        try {
            r.run();
        } catch (TokenException e) {
            return e.problem();
        }
        throw new AssertionError("no TokenException");
    }

    @Test
    void wrongPinCountsDownThenLocksAndTheRightPinNoLongerHelps() {
        try (TokenSession s = port.open(SERIAL)) {
            TokenException first = catchLogin(s, "111111");
            assertThat(first.problem()).isEqualTo(TokenProblem.WRONG_PIN);
            assertThat(first.pinStatus().orElseThrow().triesLeft()).hasValue(2);
            TokenException second = catchLogin(s, "111111");
            assertThat(second.pinStatus().orElseThrow().state()).isEqualTo(PinStatus.State.FINAL_TRY);
            assertThat(second.getMessage()).contains("one try left");
            assertThat(s.info().pinStatus().state()).isEqualTo(PinStatus.State.FINAL_TRY);
            assertThat(catchLogin(s, "111111").problem()).isEqualTo(TokenProblem.PIN_LOCKED);
            assertThat(catchLogin(s, PIN).problem()).isEqualTo(TokenProblem.PIN_LOCKED);
            assertThatThrownBy(() -> s.login(r -> PIN.toCharArray())).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.problem()).isEqualTo(TokenProblem.PIN_LOCKED));
        }
        // The lock is persisted: a reopened simulator (next app start) still has it.
        SimulatedTokenPort reopened = SimulatedTokenPort.open(dir.resolve("tokens.json"));
        assertThat(reopened.find(SERIAL).orElseThrow().pinStatus().locked()).isTrue();
    }

    @Test
    void thePromptIsAskedAgainAfterAWrongPinWithTheTriesLeft() {
        List<bank.ushield.token.pin.PinRequest> requests = new java.util.ArrayList<>();
        String[] answers = {"111111", "222222", PIN};
        try (TokenSession s = port.open(SERIAL)) {
            s.login(r -> {
                requests.add(r);
                return answers[requests.size() - 1].toCharArray();
            });
            assertThat(s.loggedIn()).isTrue();
        }
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).previousAttemptFailed()).isFalse();
        assertThat(requests.get(1).previousAttemptFailed()).isTrue();
        assertThat(requests.get(1).pinStatus().triesLeft()).hasValue(2);
        assertThat(requests.get(2).pinStatus().state()).isEqualTo(PinStatus.State.FINAL_TRY);
    }

    @Test
    void thePromptStopsWhenThePinLocks() {
        int[] prompts = {0};
        try (TokenSession s = port.open(SERIAL)) {
            assertThat(problem(() -> s.login(r -> {
                prompts[0]++;
                return "111111".toCharArray();
            }))).isEqualTo(TokenProblem.PIN_LOCKED);
        }
        assertThat(prompts[0]).isEqualTo(3);
    }

    @Test
    void theRightPinResetsTheCounter() {
        try (TokenSession s = port.open(SERIAL)) {
            catchLogin(s, "111111");
            s.login(PIN.toCharArray());
            assertThat(s.info().pinStatus()).isEqualTo(PinStatus.withTriesLeft(3, 3));
        }
    }

    private static TokenException catchLogin(TokenSession s, String pin) {
        try {
            s.login(pin.toCharArray());
        } catch (TokenException e) {
            return e;
        }
        throw new AssertionError("login succeeded");
    }

    @Test
    void tokenPulledOutDuringKeyGenerationLeavesTheOldStateAndIsTokenRemoved() {
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            port.setFaults(SimulatedFaults.NONE.withRemoveAtStep(1));
            assertThat(problem(() -> s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now()))))
                    .isEqualTo(TokenProblem.TOKEN_REMOVED);
            assertThat(s.loggedIn()).isFalse();
        }
        assertThat(port.presentTokens()).isEmpty();
        port.setFaults(SimulatedFaults.NONE);
        port.insert(0, SERIAL);
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            assertThat(s.objects()).isEmpty();
        }
    }

    @Test
    void pulledOutAtTheCertificateWriteWhateverCameBeforeAndOnlyOnce() throws Exception {
        TestCa ca = TestCa.create("Sim CA");
        java.security.KeyPair kp = TestCa.ecKeyPair();
        java.security.cert.X509Certificate cert = ca.issue(new org.bouncycastle.asn1.x500.X500Name("CN=Li Si"),
                kp.getPublic(), java.time.Instant.now(), java.time.Instant.now().plus(Duration.ofDays(365)));
        port.setFaults(SimulatedFaults.NONE.withRemoveAt(SimulatedFaults.Operation.CERTIFICATE_WRITE));
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
        try (TokenSession s = port.open(SERIAL)) {
            // Any number of other operations first: the pull waits for the write.
            s.info();
            s.login(PIN.toCharArray());
            s.generateKeyPair(plan);
            s.objects();
            s.sign(plan.id(), new byte[] {1, 2, 3});
            assertThat(problem(() -> s.writeCertificate(plan.id(), plan.label(), cert)))
                    .isEqualTo(TokenProblem.TOKEN_REMOVED);
        }
        assertThat(port.presentTokens()).isEmpty();
        port.insert(0, SERIAL);
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            assertThat(s.objects()).extracting(TokenObject::kind).doesNotContain(ObjectKind.CERTIFICATE);
            // Put back, the write goes through: the fault fires once.
            s.writeCertificate(plan.id(), plan.label(), cert);
            assertThat(s.objects()).extracting(TokenObject::kind).contains(ObjectKind.CERTIFICATE);
        }
    }

    @Test
    void aSessionDoesNotSurviveRemovalAndReinsertion() {
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            port.remove(SERIAL);
            port.insert(0, SERIAL);
            assertThat(problem(s::objects)).isEqualTo(TokenProblem.TOKEN_REMOVED);
        }
    }

    @Test
    void aSwappedTokenStopsTheWrite() {
        port.createToken("SIM0000000000099", "Someone else", "000111".toCharArray(), 3);
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            port.insert(0, "SIM0000000000099");
            assertThat(problem(() -> s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now()))))
                    .isEqualTo(TokenProblem.TOKEN_SWAPPED);
        }
        port.insert(0, SERIAL);
        try (TokenSession s = port.open("SIM0000000000099")) {
            assertThat(s.objects()).isEmpty();
        } catch (TokenException e) {
            assertThat(e.problem()).isEqualTo(TokenProblem.TOKEN_NOT_FOUND);
        }
    }

    @Test
    void writeFaultsAndAFullTokenGiveWriteProtectedAndNoSpace() {
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            port.setFaults(SimulatedFaults.NONE.withWriteFault(SimulatedFaults.WriteFault.WRITE_PROTECTED));
            assertThat(problem(() -> s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now()))))
                    .isEqualTo(TokenProblem.WRITE_PROTECTED);
            port.setFaults(SimulatedFaults.NONE.withWriteFault(SimulatedFaults.WriteFault.NO_SPACE));
            assertThat(problem(() -> s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now()))))
                    .isEqualTo(TokenProblem.NO_SPACE);
            port.setFaults(SimulatedFaults.NONE);
            port.setCapacity(SERIAL, 3);
            s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now()));
            assertThat(problem(() -> s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now()))))
                    .isEqualTo(TokenProblem.NO_SPACE);
            port.setWriteProtected(SERIAL, true);
            assertThat(s.info().writeProtected()).isTrue();
        }
    }

    @Test
    void slowOperationsStillComplete() {
        port.setFaults(SimulatedFaults.NONE.withStepDelay(Duration.ofMillis(20)));
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            assertThat(s.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now())).alreadyPresent()).isFalse();
        }
    }

    @Test
    void stateIsPersistedWithoutThePinAndKeysStillSignAfterReopen() throws Exception {
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.EC_P256, LocalDate.now());
        try (TokenSession s = port.open(SERIAL)) {
            s.login(PIN.toCharArray());
            s.generateKeyPair(plan);
        }
        String file = Files.readString(dir.resolve("tokens.json"));
        assertThat(file).doesNotContain(PIN).contains(plan.id().hex());
        SimulatedTokenPort reopened = SimulatedTokenPort.open(dir.resolve("tokens.json"));
        try (TokenSession s = reopened.open(SERIAL)) {
            s.login(PIN.toCharArray());
            TestCa ca = TestCa.create("Sim CA");
            Repersonalisation steps = new Repersonalisation(ca.trust(), Clock.systemUTC());
            var csr = steps.createCsr(s, plan.id(), new org.bouncycastle.asn1.x500.X500Name("CN=Li Si"));
            steps.installCertificate(s, plan.id(), plan.label(), ca.issue(csr));
            assertThat(steps.selfTest(s, plan.id(), List.of()).passed()).isTrue();
            assertThat(s.objects()).extracting(TokenObject::kind)
                    .containsExactlyInAnyOrder(ObjectKind.PRIVATE_KEY, ObjectKind.PUBLIC_KEY, ObjectKind.CERTIFICATE);
        }
    }

    @Test
    void theWatcherSeesInsertionAndRemoval() throws Exception {
        List<TokenEvent> events = new CopyOnWriteArrayList<>();
        try (AutoCloseable w = port.watch(events::add, Duration.ofMillis(20))) {
            bank.ushield.token.Events.await(events, TokenEvent.Type.INSERTED, SERIAL);
            port.remove(SERIAL);
            bank.ushield.token.Events.await(events, TokenEvent.Type.REMOVED, SERIAL);
        }
    }
}
