package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

/**
 * A token replacement on real PKCS#11 tokens (SoftHSM2): the customer's token is personalised as an old U-shield; a
 * second, fresh token stands for a blank delivered by head office (initialised at the "factory" with the delivery
 * security officer PIN, no objects). The branch receives it into stock, moves it into the teller's box with a
 * manager, initialises it with the customer's PIN, and runs the renewal's steps on it; the old token is retired.
 * OpenSC, not our code, then judges both tokens (ADR 0077).
 */
@ExtendWith(SoftHsmExtension.class)
class SoftHsmReplacementTest {

    static final String NEW_PIN = "97531864";

    @Test
    void aFreshSoftHsmTokenBecomesTheCustomersNewUShieldAndTheOldOneIsWiped(SoftHsmToken old, @TempDir Path dir)
            throws Exception {
        SoftHsmToken blank = SoftHsm.initToken("blank-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Clock clock = Clock.systemUTC();
            Seed.site(dir, clock);
            Seed.customer(dir, clock, "C0088", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                    old.serial(), 45);
            try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir, Seed.WS, KeyAlgorithm.EC_P256,
                    clock, Pkcs11TokenPort.open(old.modulePath()), RenewalWorkstation.Hooks.NONE)) {
                String oldKeyId = ws.trainingWorld().orElseThrow().personaliseOld(old.serial(), old.userPinChars(),
                        KeyAlgorithm.EC_P256);
                assertThat(SoftHsmEndToEndTest.ids(pkcs11(old, old.label(), old.userPin(), "--list-objects")))
                        .contains(oldKeyId);
                StaffMember manager = ws.login("manager1", ("manager1" + Seed.PASSWORD_SUFFIX).toCharArray());
                TokenStock stock = ws.tokenStock(manager);
                stock.receive(blank.serial(), "8800000001", "SoftHSM2", "test delivery");
                stock.moveToTellerBox(blank.serial(), "teller1", "manager1",
                        ("manager1" + Seed.PASSWORD_SUFFIX).toCharArray());
                StockCount before = stock.count();

                StaffMember teller = ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray());
                RenewalService s = ws.renewals(teller);
                RenewalCase c = s.open("C0088");
                s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                        LocalDate.of(1949, 12, 31), null, null, true));
                s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
                s.chooseReplacement(c.id(), ReplacementReason.MODEL_CANNOT_MAKE_KEY);
                assertThat(s.verifyNewToken(c.id(), "8800000001").renewalCase().state())
                        .isEqualTo(CaseState.TOKEN_VERIFIED);
                assertThat(s.find(c.id()).tokenSerial()).isEqualTo(blank.serial());

                PinPrompter pin = r -> NEW_PIN.toCharArray();
                assertThat(s.initialiseNewToken(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
                // The delivery user PIN no longer opens it; the customer's does (OpenSC's word, not ours).
                assertThatThrownBy(() -> pkcs11(blank, "U-shield", blank.userPin(), "--list-objects"))
                        .isInstanceOf(RuntimeException.class);
                assertThat(pkcs11(blank, "U-shield", NEW_PIN, "--list-objects")).doesNotContain("Private Key Object");

                assertThat(s.generateKey(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
                s.queueRequest(c.id());
                assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
                s.install(c.id(), pin);
                assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
                assertThat(s.retireOldToken(c.id(), false)).isInstanceOf(Outcome.Advanced.class);
                RenewalCase done = s.complete(c.id()).renewalCase();
                assertThat(done.state()).isEqualTo(CaseState.COMPLETED);

                // New token: exactly the new key pair and certificate, under the customer's PIN.
                String objects = pkcs11(blank, "U-shield", NEW_PIN, "--list-objects");
                List<String> ids = SoftHsmEndToEndTest.ids(objects);
                assertThat(ids).isNotEmpty().allMatch(id -> id.equalsIgnoreCase(done.newKeyId()));
                assertThat(objects).contains("Private Key Object").contains("Certificate Object");
                // Old token: nothing left on it, and its PIN is gone.
                String oldObjects = SoftHsm.run(old.confFile(), "pkcs11-tool", "--module", old.modulePath().toString(),
                        "--token-label", "retired", "--list-objects");
                assertThat(oldObjects).doesNotContain("Certificate Object").doesNotContain("Public Key Object");
                assertThatThrownBy(() -> pkcs11(old, "retired", old.userPin(), "--list-objects"))
                        .isInstanceOf(RuntimeException.class);

                assertThat(s.replacement(c.id()).orElseThrow().oldTokenOutcome())
                        .isEqualTo(Replacement.OldTokenOutcome.KEYS_DESTROYED);
                assertThat(ws.parts().customers().find("C0088").orElseThrow().token().serial())
                        .isEqualTo(blank.serial());
                StockCount after = stock.count();
                assertThat(after.count(StockState.ISSUED)).isEqualTo(before.count(StockState.ISSUED) + 1);
                assertThat(after.count(StockState.TELLER_BOX)).isEqualTo(before.count(StockState.TELLER_BOX) - 1);
                assertThat(after.reconciles()).isTrue();
                Receipt receipt = s.receipt(c.id());
                assertThat(receipt.tokenSerial()).isEqualTo(blank.serial());
                assertThat(receipt.mediaVoucherNo()).isEqualTo("8800000001");
                VerifyReport report = AuditVerifier.verify(ws.database());
                assertThat(report.ok()).as(report.summary()).isTrue();
            }
        } finally {
            SoftHsm.deleteToken(blank);
        }
    }

    /**
     * Production's desk (ADR 0077 addendum): no SO PIN is configured; the blank's, from its delivery envelope, is typed
     * at issue, used once and wiped; a wrong one changes nothing; the old token is wiped with the customer's PIN. The
     * SO PIN is in no log line, audit entry or exception message.
     */
    @Test
    void productionTakesTheBlanksSoPinFromItsEnvelopeOnceAndKeepsItNowhere(@TempDir Path dir) throws Exception {
        // the class's token may already be retired by the other test: this one brings its own old token
        SoftHsmToken old = SoftHsm.initToken("old-" + UUID.randomUUID().toString().substring(0, 8));
        String deliverySoPin = "53719264";
        String wrongSoPin = "64829175";
        assertThat(deliverySoPin).isNotEqualTo(bank.ushield.renewal.wiring.TrainingWorld.BLANK_SO_PIN);
        SoftHsmToken blank = SoftHsm.initToken("blank-" + UUID.randomUUID().toString().substring(0, 8), deliverySoPin);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        logs.start();
        root.addAppender(logs);
        try {
            Clock clock = Clock.systemUTC();
            Seed.site(dir, clock);
            Seed.customer(dir, clock, "C0089", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                    old.serial(), 45);
            RenewalWorkstation.Hooks production = new RenewalWorkstation.Hooks(java.util.function.UnaryOperator.identity(),
                    d -> ((bank.ushield.renewal.adapter.PortTokenDesk) d).askingForDeliverySoPin());
            try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir, Seed.WS, KeyAlgorithm.EC_P256,
                    clock, Pkcs11TokenPort.open(old.modulePath()), production)) {
                ws.trainingWorld().orElseThrow().personaliseOld(old.serial(), old.userPinChars(), KeyAlgorithm.EC_P256);
                StaffMember manager = ws.login("manager1", ("manager1" + Seed.PASSWORD_SUFFIX).toCharArray());
                TokenStock stock = ws.tokenStock(manager);
                stock.receive(blank.serial(), "8800000002", "SoftHSM2", "test delivery");
                stock.moveToTellerBox(blank.serial(), "teller1", "manager1",
                        ("manager1" + Seed.PASSWORD_SUFFIX).toCharArray());
                StaffMember teller = ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray());
                RenewalService s = ws.renewals(teller);
                RenewalCase c = s.open("C0089");
                s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                        LocalDate.of(1949, 12, 31), null, null, true));
                s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
                s.chooseReplacement(c.id(), ReplacementReason.FAULTY);
                s.verifyNewToken(c.id(), "8800000002");

                List<char[]> typed = new java.util.ArrayList<>();
                String[] envelope = {wrongSoPin};
                PinPrompter desk = r -> {
                    if (r.purpose() == bank.ushield.token.pin.PinRequest.Purpose.SECURITY_OFFICER) {
                        char[] so = envelope[0].toCharArray();
                        typed.add(so);
                        return so;
                    }
                    return (r.tokenSerial().equals(old.serial()) ? old.userPin() : NEW_PIN).toCharArray();
                };
                // A mistyped envelope PIN: refused in words, the blank untouched (its delivery PIN still opens it).
                Throwable wrong = org.assertj.core.api.Assertions.catchThrowable(() -> {
                    Outcome o = s.initialiseNewToken(c.id(), desk);
                    throw new AssertionError(o.toString());
                });
                assertThat(wrong).isInstanceOf(RenewalException.class);
                assertThat(((RenewalException) wrong).code()).isEqualTo(ProblemCode.NEW_TOKEN_REFUSED);
                assertThat(s.find(c.id()).state()).isEqualTo(CaseState.TOKEN_VERIFIED);
                assertThat(pkcs11(blank, blank.label(), blank.userPin(), "--list-objects")).isNotNull();

                envelope[0] = deliverySoPin;
                assertThat(s.initialiseNewToken(c.id(), desk)).isInstanceOf(Outcome.Advanced.class);
                assertThat(typed).hasSize(2).allMatch(a -> new String(a).chars().allMatch(ch -> ch == 0));
                assertThat(pkcs11(blank, "U-shield", NEW_PIN, "--list-objects")).doesNotContain("Private Key Object");

                s.generateKey(c.id(), desk);
                s.queueRequest(c.id());
                assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
                s.install(c.id(), desk);
                assertThat(s.selfTest(c.id(), desk)).isInstanceOf(Outcome.Advanced.class);
                // The old token's SO PIN is not known: the customer's PIN opens it and everything on it is destroyed.
                assertThat(s.retireOldToken(c.id(), false, desk)).isInstanceOf(Outcome.Advanced.class);
                assertThat(s.complete(c.id()).renewalCase().state()).isEqualTo(CaseState.COMPLETED);
                String oldObjects = pkcs11(old, old.label(), old.userPin(), "--list-objects");
                assertThat(oldObjects).doesNotContain("Private Key Object").doesNotContain("Certificate Object")
                        .doesNotContain("Public Key Object");
                assertThat(s.replacement(c.id()).orElseThrow().oldTokenOutcome())
                        .isEqualTo(Replacement.OldTokenOutcome.KEYS_DESTROYED);

                // Nowhere: not in a log line, not in the audit log, not in the database file, not in the message.
                java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> seen;
                synchronized (logs) { // background threads (connection pools at TRACE) may still log: read a copy
                    seen = java.util.List.copyOf(logs.list);
                }
                assertThat(seen).allSatisfy(e -> assertThat(e.getFormattedMessage() + e.getThrowableProxy())
                        .doesNotContain(deliverySoPin).doesNotContain(wrongSoPin));
                for (Throwable t = wrong; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(wrongSoPin);
                }
                byte[] db = java.nio.file.Files.readAllBytes(ws.database().file());
                assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(deliverySoPin).doesNotContain(wrongSoPin);
                VerifyReport report = AuditVerifier.verify(ws.database());
                assertThat(report.ok()).as(report.summary()).isTrue();
            }
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
            SoftHsm.deleteToken(blank);
            SoftHsm.deleteToken(old);
        }
    }

    private static String pkcs11(SoftHsmToken any, String label, String pin, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("pkcs11-tool", "--module", any.modulePath().toString(),
                "--token-label", label, "--login", "--pin", pin));
        cmd.addAll(List.of(args));
        return SoftHsm.run(any.confFile(), cmd.toArray(String[]::new));
    }
}
