package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.simulated.SimulatedFaults;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;

/**
 * The failure paths of a renewal in training mode (simulated token, in-process head office, real database and
 * audit log): wrong token, another customer's card, wrong then right PIN, locked PIN, head office rejects, an
 * expired ID card authorised by a manager, and the token pulled out at every step of key generation and install.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailurePathsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    static final PinPrompter PIN = r -> TrainingWorld.TOKEN_PIN.toCharArray();
    static final String TOKEN_A = "SIMA000000000001";
    static final String TOKEN_B = "SIMB000000000002";
    static final String ID_A = "11010519491231002X";
    static final String ID_B = RenewalBench.idNumber(2);

    @TempDir
    static Path dir;
    static RenewalWorkstation ws;
    static TrainingWorld world;
    static RenewalService teller;

    @BeforeAll
    static void setUp() {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, "CA", "张三", ID_A, LocalDate.of(1949, 12, 31), Seed.PAN, TOKEN_A, 45);
        Seed.customer(dir, CLOCK, "CB", "李四", ID_B, LocalDate.of(1949, 12, 31), Seed.OTHER_PAN, TOKEN_B, 45);
        ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK);
        world = ws.trainingWorld().orElseThrow();
        teller = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
    }

    @AfterAll
    static void tearDown() {
        assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
        ws.close();
    }

    private RenewalCase checkedCase(String customer, String idNumber, LocalDate birth, String name, String pan,
                                    String token) {
        RenewalCase c = teller.open(customer);
        assertThat(teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", idNumber, name, birth, null, null,
                true))).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.verifyCard(c.id(), new PresentedCard(pan, true))).isInstanceOf(Outcome.Advanced.class);
        world.insert(token);
        assertThat(teller.verifyToken(c.id(), Seed.voucher(token))).isInstanceOf(Outcome.Advanced.class);
        return teller.find(c.id());
    }

    @Test
    @Order(1)
    void wrongTokenAndAnotherCustomersCardAreRefusedWithTheReason() {
        RenewalCase c = teller.open("CA");
        teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID_A, "张三", LocalDate.of(1949, 12, 31), null,
                null, true));
        assertThat(teller.verifyCard(c.id(), new PresentedCard(Seed.OTHER_PAN, true)))
                .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.problem().args())
                        .containsExactly("CARD_NOT_CUSTOMERS"));
        teller.verifyCard(c.id(), new PresentedCard(Seed.PAN, false));
        world.insert(TOKEN_B);
        assertThat(teller.verifyToken(c.id(), Seed.voucher(TOKEN_B))).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().args()).containsExactly("TOKEN_NOT_CUSTOMERS"));
        assertThat(teller.abort(c.id(), AbortReason.TOKEN_CHECK_FAILED).state()).isEqualTo(CaseState.ABORTED);
    }

    @Test
    @Order(2)
    void anExpiredIdCardNeedsAManagerAndTheAuthorisationNamesBoth() {
        RenewalCase c = teller.open("CB");
        Outcome o = teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID_B, "李四", LocalDate.of(1949, 12, 31),
                LocalDate.of(2006, 1, 1), LocalDate.of(2026, 1, 1), true));
        assertThat(o).isInstanceOfSatisfying(Outcome.HeldForManager.class,
                h -> assertThat(h.exceptionCode()).isEqualTo("DOCUMENT_EXPIRED"));
        assertThatThrownBy(() -> teller.authorise(c.id(), "DOCUMENT_EXPIRED", "teller2",
                ("teller2" + Seed.PASSWORD_SUFFIX).toCharArray())).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_NOT_A_MANAGER));
        assertThat(teller.authorise(c.id(), "DOCUMENT_EXPIRED", "manager1",
                ("manager1" + Seed.PASSWORD_SUFFIX).toCharArray()).renewalCase().state())
                .isEqualTo(CaseState.ID_VERIFIED);
        String details = ws.database().jdbi().withHandle(h -> h.createQuery("SELECT actor || ' ' || details "
                + "FROM audit_entry WHERE event_type = 'MANAGER_AUTHORISATION_GRANTED' AND case_id = :c")
                .bind("c", c.id()).mapTo(String.class).one());
        assertThat(details).startsWith("manager1 ").contains("\"teller\":\"teller1\"").contains("\"manager\":\"manager1\"");
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
    }

    @Test
    @Order(3)
    void wrongPinThenRightPinThenLockedPin() {
        RenewalCase c = checkedCase("CA", ID_A, LocalDate.of(1949, 12, 31), "张三", Seed.PAN, TOKEN_A);
        java.util.List<bank.ushield.token.pin.PinRequest> asked = new java.util.ArrayList<>();
        PinPrompter wrongThenRight = r -> {
            asked.add(r);
            return asked.size() == 1 ? "00000000".toCharArray() : TrainingWorld.TOKEN_PIN.toCharArray();
        };
        // The token asks again after a wrong PIN, telling the prompt how many tries are left.
        assertThat(teller.generateKey(c.id(), wrongThenRight).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).previousAttemptFailed()).isTrue();
        assertThat(asked.get(1).pinStatus().triesLeft()).hasValue(TrainingWorld.PIN_TRIES - 1);
        // renewal never sees the wrong PIN itself, but the re-prompt is audited: exactly one entry, without the PIN
        java.util.List<String> pinFailures = ws.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT details FROM audit_entry WHERE event_type = 'PIN_ENTRY_FAILED' AND case_id = :c")
                .bind("c", c.id()).mapTo(String.class).list());
        assertThat(pinFailures).singleElement().asString().contains("\"triesLeft\":" + (TrainingWorld.PIN_TRIES - 1))
                .doesNotContain("00000000").doesNotContain(TrainingWorld.TOKEN_PIN);
        RenewalCase second = teller.find(c.id());
        assertThat(second.state()).isEqualTo(CaseState.KEY_GENERATED);
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);

        RenewalCase locked = checkedCase("CA", ID_A, LocalDate.of(1949, 12, 31), "张三", Seed.PAN, TOKEN_A);
        world.tokens().setTriesLeft(TOKEN_A, 0);
        try {
            assertThatThrownBy(() -> teller.generateKey(locked.id(), PIN)).isInstanceOfSatisfying(
                    RenewalException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.PIN_LOCKED));
            assertThat(teller.abort(locked.id(), AbortReason.PIN_LOCKED).abortReason()).isEqualTo(AbortReason.PIN_LOCKED);
        } finally {
            world.tokens().setTriesLeft(TOKEN_A, TrainingWorld.PIN_TRIES);
        }
    }

    @Test
    @Order(4)
    void headOfficeRejectsAndTheTokenKeepsItsOldCertificate() {
        RenewalCase c = checkedCase("CB", ID_B, LocalDate.of(1949, 12, 31), "李四", Seed.OTHER_PAN, TOKEN_B);
        teller.generateKey(c.id(), PIN);
        teller.queueRequest(c.id());
        world.rejectRequestOf(c.caseNo(), "Training: subject not allowed");
        assertThat(teller.syncNow().rejections()).isEqualTo(1);
        RenewalCase rejected = teller.find(c.id());
        assertThat(rejected.state()).isEqualTo(CaseState.ABORTED);
        assertThat(rejected.abortReason()).isEqualTo(AbortReason.HEAD_OFFICE_REJECTED);
        assertThat(teller.receipt(c.id()).nextStep()).isEqualTo(Receipt.NextStep.NOT_RENEWED);
        teller.endVisit(); // the customer leaves with the receipt; the test reads the token behind the app's back
        assertThat(certificatesOn(TOKEN_B)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void aTokenPulledOutAtAnyStepOfKeyGenerationOrInstallLeavesTheCaseResumable() {
        RenewalCase c = checkedCase("CA", ID_A, LocalDate.of(1949, 12, 31), "张三", Seed.PAN, TOKEN_A);
        int pulls = 0;
        for (int step = 1; ; step++) {
            world.tokens().setFaults(SimulatedFaults.NONE.withRemoveAtStep(step));
            try {
                teller.generateKey(c.id(), PIN);
                break;
            } catch (RenewalException e) {
                assertThat(e.code()).isIn(ProblemCode.TOKEN_REMOVED, ProblemCode.TOKEN_ABSENT);
                assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.TOKEN_VERIFIED);
                assertThat(teller.resumableCases()).anySatisfy(r -> assertThat(r.nextStep())
                        .isEqualTo(ResumableCase.NextStep.GENERATE_KEY));
                pulls++;
                world.insert(TOKEN_A);
            }
        }
        world.tokens().setFaults(SimulatedFaults.NONE);
        assertThat(pulls).as("the token was pulled at least once during key generation").isPositive();
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.KEY_GENERATED);
        teller.queueRequest(c.id());
        teller.syncNow();
        int installPulls = 0;
        for (int step = 1; ; step++) {
            world.tokens().setFaults(SimulatedFaults.NONE.withRemoveAtStep(step));
            try {
                teller.install(c.id(), PIN);
                break;
            } catch (RenewalException e) {
                assertThat(e.code()).isIn(ProblemCode.TOKEN_REMOVED, ProblemCode.TOKEN_ABSENT);
                assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.CERT_RECEIVED);
                installPulls++;
                world.insert(TOKEN_A);
                // never neither: the old pair, or the new key with its certificate, is on the token
                assertThat(certificatesOn(TOKEN_A)).isPositive();
            }
        }
        world.tokens().setFaults(SimulatedFaults.NONE);
        assertThat(installPulls).isPositive();
        assertThat(teller.selfTest(c.id(), PIN)).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.complete(c.id()).renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        assertThat(certificatesOn(TOKEN_A)).isEqualTo(1);
    }

    @Test
    @Order(6)
    void theIdDocumentRulesAreIdVerificationsFormatAndValidityForTheHoldersAge() {
        RenewalCase c = teller.open("CA");
        // a passport number of the wrong shape is refused for its format, not merely as "not registered"
        assertThat(teller.verifyId(c.id(), new PresentedDocument("PASSPORT", "X", "张三", null,
                LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1), false)))
                .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.problem().args())
                        .containsExactly("DOCUMENT_NUMBER_FORMAT"));
        // a holder of 60 on the issue date gets a long-term card: a 20-year card for them is inconsistent
        assertThat(teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID_A, "张三",
                LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1), LocalDate.of(2030, 1, 1), true)))
                .isInstanceOfSatisfying(Outcome.HeldForManager.class,
                        h -> assertThat(h.exceptionCode()).isEqualTo("DOCUMENT_VALIDITY_INCONSISTENT"));
    }

    @Test
    @Order(7)
    void aCertificateWhoseSubjectDoesNotNameTheCustomerIsRefused() {
        // the seeded certificate names the customer number "CB"; under another number it names someone else
        ws.database().jdbi().useHandle(h -> h.execute("UPDATE customer SET customer_no = 'CB-RENUMBERED' "
                + "WHERE customer_no = 'CB'"));
        RenewalCase c = teller.open("CB-RENUMBERED");
        assertThat(teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID_B, "李四", LocalDate.of(1949, 12, 31),
                null, null, true))).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.verifyCard(c.id(), new PresentedCard(Seed.OTHER_PAN, true))).isInstanceOf(Outcome.Advanced.class);
        world.insert(TOKEN_B);
        assertThat(teller.verifyToken(c.id(), Seed.voucher(TOKEN_B))).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().args()).containsExactly("CERTIFICATE_SUBJECT_MISMATCH"));
    }

    private static int certificatesOn(String serial) {
        try (bank.ushield.token.TokenSession session = world.tokens().open(serial)) {
            return session.certificates().size();
        }
    }
}
