package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.testsupport.EveryLogLine;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.TokenPort;
import bank.ushield.token.TokenSession;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * One PIN per visit (ADR 0074) on a real PKCS#11 token (SoftHSM2) and on the simulated one: the key step's login
 * serves install and self-test; wrong PINs are still counted; a later visit and a token pulled out between steps
 * ask again; the PIN reaches neither the log (every logger at TRACE) nor any exception message.
 */
@ExtendWith(SoftHsmExtension.class)
class OnePinPerVisitTest {

    private static final String WRONG_PIN = "93017264";

    @RegisterExtension
    final EveryLogLine log = new EveryLogLine();

    @Test
    void oneVisitOnSoftHsmAsksOnceAndCountsWrongPins(SoftHsmToken hsm, @TempDir Path dir) {
        Clock clock = Clock.systemUTC();
        seed(dir, clock, hsm.serial());
        wipe(hsm);
        TokenPort port = Pkcs11TokenPort.open(hsm.modulePath());
        List<String> messages = new ArrayList<>();
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir, Seed.WS, KeyAlgorithm.EC_P256,
                clock, port, RenewalWorkstation.Hooks.NONE)) {
            ws.trainingWorld().orElseThrow().personaliseOld(hsm.serial(), hsm.userPinChars(), KeyAlgorithm.EC_P256);
            RenewalService s = renewals(ws);
            RenewalCase c = checked(s, hsm.serial());

            // Three wrong PINs: the step stops, each try is audited, and nothing says what was typed.
            AtomicInteger prompts = new AtomicInteger();
            PinPrompter wrong = r -> {
                prompts.incrementAndGet();
                return WRONG_PIN.toCharArray();
            };
            assertThatThrownBy(() -> s.generateKey(c.id(), wrong)).isInstanceOfSatisfying(RenewalException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.WRONG_PIN);
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            messages.add(String.valueOf(t.getMessage()));
                            messages.add(t.toString());
                        }
                    });
            assertThat(prompts).hasValue(3);
            assertThat(failedPinEntries(ws, c.id())).as("every wrong PIN audited").isEqualTo(3);

            // The right PIN once: key, install and self-test of this visit use that one login.
            AtomicInteger asked = new AtomicInteger();
            PinPrompter pin = r -> {
                asked.incrementAndGet();
                return hsm.userPinChars();
            };
            assertThat(s.generateKey(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
            s.queueRequest(c.id());
            assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
            assertThat(s.install(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
            assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.complete(c.id()).renewalCase().state()).isEqualTo(CaseState.COMPLETED);
            assertThat(asked).as("PIN prompts in one visit").hasValue(1);

            // The visit's session is closed: a fresh session on the token opens (one per token) and is logged out.
            try (TokenSession after = port.open(hsm.serial())) {
                assertThat(after.loggedIn()).isFalse();
                assertThat(after.loginStillValid()).isFalse();
            }
        }
        assertSecretsKept(hsm.userPin(), messages);
    }

    @Test
    void aLaterVisitAsksAgain(SoftHsmToken hsm, @TempDir Path dir) {
        Clock clock = Clock.systemUTC();
        seed(dir, clock, hsm.serial());
        wipe(hsm);
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir, Seed.WS, KeyAlgorithm.EC_P256,
                clock, Pkcs11TokenPort.open(hsm.modulePath()), RenewalWorkstation.Hooks.NONE)) {
            ws.trainingWorld().orElseThrow().personaliseOld(hsm.serial(), hsm.userPinChars(), KeyAlgorithm.EC_P256);
            RenewalService s = renewals(ws);
            RenewalCase c = checked(s, hsm.serial());
            AtomicInteger asked = new AtomicInteger();
            PinPrompter pin = r -> {
                asked.incrementAndGet();
                return hsm.userPinChars();
            };
            s.generateKey(c.id(), pin);
            s.queueRequest(c.id());
            s.endVisit(); // the customer does not wait: the receipt says the case finishes later
            s.syncNow();
            assertThat(s.install(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
            assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
            assertThat(asked).as("once at the first visit, once at the second").hasValue(2);
        }
        assertSecretsKept(hsm.userPin(), List.of());
    }

    @Test
    void aTokenPulledOutBetweenStepsAsksAgain(@TempDir Path dir) {
        Clock clock = Clock.systemUTC();
        String serial = "SIM0000000000001";
        seed(dir, clock, serial);
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, clock)) {
            TrainingWorld world = ws.trainingWorld().orElseThrow();
            world.insert(serial);
            RenewalService s = renewals(ws);
            RenewalCase c = checked(s, serial);
            AtomicInteger asked = new AtomicInteger();
            PinPrompter pin = r -> {
                asked.incrementAndGet();
                return TrainingWorld.TOKEN_PIN.toCharArray();
            };
            s.generateKey(c.id(), pin);
            s.queueRequest(c.id());
            s.syncNow();
            world.pullOut(serial);
            world.insert(serial);
            assertThat(s.install(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
            assertThat(asked).as("the token lost its login when pulled out").hasValue(2);
            assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
            assertThat(asked).hasValue(2);
        }
        assertSecretsKept(TrainingWorld.TOKEN_PIN, List.of());
    }

    private static void seed(Path dir, Clock clock, String serial) {
        Seed.site(dir, clock);
        Seed.customer(dir, clock, "C0045", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                serial, 45);
    }

    /** The class shares one SoftHSM2 token: each test starts from an empty one. */
    private static void wipe(SoftHsmToken hsm) {
        try (TokenPort port = Pkcs11TokenPort.open(hsm.modulePath()); TokenSession s = port.open(hsm.serial())) {
            s.login(hsm.userPinChars());
            s.objects().stream().map(bank.ushield.token.TokenObject::id).filter(java.util.Objects::nonNull).distinct()
                    .forEach(s::destroyObjects);
        }
    }

    private static RenewalService renewals(RenewalWorkstation ws) {
        return ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
    }

    /** A case through the three checks, ready for the key step. */
    private static RenewalCase checked(RenewalService s, String serial) {
        RenewalCase c = s.open("C0045");
        s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), null, true));
        s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
        assertThat(s.verifyToken(c.id(), Seed.voucher(serial))).isInstanceOf(Outcome.Advanced.class);
        return s.find(c.id());
    }

    private static int failedPinEntries(RenewalWorkstation ws, long caseId) {
        return ws.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry WHERE case_id = :c"
                + " AND event_type = 'PIN_ENTRY_FAILED' AND details LIKE '%WRONG_PIN%'").bind("c", caseId)
                .mapTo(Integer.class).one());
    }

    private void assertSecretsKept(String pin, List<String> messages) {
        List<ILoggingEvent> events = log.events();
        assertThat(events).isNotEmpty();
        for (ILoggingEvent e : events) {
            StringBuilder text = new StringBuilder(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(' ').append(t.getMessage());
            }
            assertThat(text.toString()).doesNotContain(pin).doesNotContain(WRONG_PIN);
        }
        assertThat(messages).noneMatch(m -> m.contains(pin) || m.contains(WRONG_PIN));
    }
}
