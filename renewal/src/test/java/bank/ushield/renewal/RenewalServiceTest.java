package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.cases.HeadOfficeAnswers;

/** On both engines: a SQLite file, and a schema on the PostgreSQL test server. */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class RenewalServiceTest {

    @Parameter
    bank.ushield.db.Engine engine;


    static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

    TestWorld world;
    FakeTokenDesk token;
    RenewalService teller;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) {
        world = new TestWorld(TestDatabases.open(engine, file, pg, TestWorld.WORKSTATION), NOW);
        token = new FakeTokenDesk();
        teller = world.service(TestWorld.TELLER, token);
    }

    private RenewalCase throughChecks() {
        RenewalCase c = teller.open("C000123");
        assertThat(teller.verifyId(c.id(), TestWorld.idCard())).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.verifyCard(c.id(), new PresentedCard("6222020000000001234", true)))
                .isInstanceOf(Outcome.Advanced.class);
        Outcome t = teller.verifyToken(c.id(), "1234567890");
        assertThat(t).isInstanceOf(Outcome.Advanced.class);
        return t.renewalCase();
    }

    @Test
    void happyPathRecordsOneHistoryRowAndOneAuditEntryPerStep() throws Exception {
        RenewalCase c = throughChecks();
        assertThat(c.state()).isEqualTo(CaseState.TOKEN_VERIFIED);
        assertThat(c.tokenSerial()).isEqualTo(TestWorld.TOKEN_SERIAL);
        assertThat(c.oldKeyId()).isEqualTo("01");

        Outcome k = teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN));
        assertThat(k.renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
        assertThat(k.renewalCase().csrKeySha256()).hasSize(64);
        assertThat(teller.queueRequest(c.id()).renewalCase().state()).isEqualTo(CaseState.CSR_QUEUED);
        assertThat(teller.pendingCases()).extracting(RenewalCase::caseNo).containsExactly(c.caseNo());
        assertThat(teller.install(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)))
                .isInstanceOfSatisfying(Outcome.Refused.class,
                        r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.HEAD_OFFICE_NO_ANSWER_YET));

        byte[] cert = token.issue(k.renewalCase().newKeyId(), NOW);
        HeadOfficeAnswers answers = new HeadOfficeAnswers(world.journal, world.clock);
        world.db.jdbi().useTransaction(h -> answers.certificateIssued(h, k.renewalCase().csrKeySha256(), cert));
        // the same answer imported twice changes nothing
        world.db.jdbi().useTransaction(h -> answers.certificateIssued(h, k.renewalCase().csrKeySha256(), cert));
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.CERT_RECEIVED);

        assertThat(teller.install(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)).renewalCase().state())
                .isEqualTo(CaseState.CERT_INSTALLED);
        assertThat(token.keys).containsOnlyKeys(teller.find(c.id()).newKeyId());
        assertThat(teller.complete(c.id())).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.SELF_TEST_REQUIRED));
        assertThat(teller.selfTest(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN))).isInstanceOf(Outcome.Advanced.class);
        RenewalCase done = teller.complete(c.id()).renewalCase();
        assertThat(done.state()).isEqualTo(CaseState.COMPLETED);

        assertThat(teller.history(c.id())).containsExactly("->OPENED", "OPENED->ID_VERIFIED",
                "ID_VERIFIED->CARD_VERIFIED", "CARD_VERIFIED->TOKEN_VERIFIED", "TOKEN_VERIFIED->KEY_GENERATED",
                "KEY_GENERATED->CSR_QUEUED", "CSR_QUEUED->CERT_RECEIVED", "CERT_RECEIVED->CERT_INSTALLED",
                "CERT_INSTALLED->COMPLETED");
        assertThat(world.journal.types(c.id())).containsExactly("CASE_OPENED", "CASE_ID_VERIFIED",
                "CASE_CARD_VERIFIED", "CASE_TOKEN_VERIFIED", "CASE_KEY_GENERATION_STARTED", "CASE_KEY_GENERATED",
                "CASE_CSR_QUEUED", "CASE_CERT_RECEIVED", "CASE_CERT_INSTALL_STARTED", "CASE_CERT_INSTALLED", "CASE_SELF_TEST",
                "CASE_COMPLETED");
        assertThat(teller.resumableCases()).isEmpty();

        Receipt receipt = teller.receipt(c.id());
        assertThat(receipt.nextStep()).isEqualTo(Receipt.NextStep.DONE);
        assertThat(receipt.customerName()).isEqualTo("张*");
        assertThat(receipt.documentMasked()).isEqualTo("1101**********002X");
        assertThat(receipt.cardMasked()).isEqualTo("6222 **** **** 1234");
        assertThat(receipt.newCertificate()).isNotNull();
        assertThat(receipt.oldCertificate().serialHex()).isEqualTo(TestWorld.OLD_CERT_SERIAL);
        assertThat(receipt.auditReference()).isNotNull();
    }

    @Test
    void stepsOutOfOrderAreRefusedAndTheDatabaseRefusesSkippingToo() {
        RenewalCase c = teller.open("C000123");
        assertThatThrownBy(() -> teller.verifyCard(c.id(), new PresentedCard("6222020000000001234", true)))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.STEP_NOT_ALLOWED));
        assertThatThrownBy(() -> teller.queueRequest(c.id())).isInstanceOf(RenewalException.class);
        assertThatThrownBy(() -> world.db.jdbi().useHandle(h ->
                h.execute("UPDATE renewal_case SET state = 'COMPLETED' WHERE id = ?", c.id())))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("illegal renewal case transition");
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.OPENED);
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
        assertThatThrownBy(() -> world.db.jdbi().useHandle(h ->
                h.execute("UPDATE renewal_case SET state = 'OPENED', abort_reason = NULL WHERE id = ?", c.id())))
                .hasMessageContaining("illegal renewal case transition");
        assertThatThrownBy(() -> teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW))
                .isInstanceOf(RenewalException.class);
    }

    @Test
    void aTransitionWhoseAuditEntryFailsIsNotPersisted() {
        RenewalCase c = teller.open("C000123");
        world.journal.failOn = "CASE_ID_VERIFIED";
        assertThatThrownBy(() -> teller.verifyId(c.id(), TestWorld.idCard())).isInstanceOf(IllegalStateException.class);
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.OPENED);
        assertThat(teller.history(c.id())).containsExactly("->OPENED");
        world.journal.failOn = null;
        assertThat(teller.verifyId(c.id(), TestWorld.idCard()).renewalCase().state()).isEqualTo(CaseState.ID_VERIFIED);
    }

    @Test
    void failedChecksLeaveTheCaseWhereItWasWithAnExplainableProblem() {
        RenewalCase c = teller.open(TestWorld.ID_NUMBER);
        Outcome wrongDoc = teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "440524188001010014", "张三",
                null, null, null, false));
        assertThat(wrongDoc).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.problem().code()).isEqualTo(ProblemCode.ID_CHECK_FAILED);
            // the reason in words (ADR 0061); the code stays in the problem's arguments for Details and the log
            assertThat(r.problem().args()).contains("MISMATCH_DOCUMENT_NUMBER");
            assertThat(r.problem().explain(java.util.Locale.SIMPLIFIED_CHINESE).problem())
                    .contains("证件号码与客户记录不符").doesNotContain("MISMATCH_DOCUMENT_NUMBER");
        });
        teller.verifyId(c.id(), TestWorld.idCard());
        Outcome otherCard = teller.verifyCard(c.id(), new PresentedCard("6222020000000000000", true));
        assertThat(otherCard).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().args()).containsExactly("CARD_NOT_CUSTOMERS"));
        teller.verifyCard(c.id(), new PresentedCard("6222020000000001234", true));
        token.serial = "SN-OTHER";
        assertThat(teller.verifyToken(c.id(), "1234567890")).isInstanceOf(Outcome.Refused.class);
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.CARD_VERIFIED);
        token.present = false;
        assertThatThrownBy(() -> teller.verifyToken(c.id(), "1234567890")).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.TOKEN_ABSENT));
        assertThat(world.journal.types(c.id())).containsExactly("CASE_OPENED", "CASE_CHECK_FAILED",
                "CASE_ID_VERIFIED", "CASE_CHECK_FAILED", "CASE_CARD_VERIFIED", "CASE_CHECK_FAILED");
        assertThat(teller.resumableCases()).singleElement()
                .satisfies(r -> assertThat(r.nextStep()).isEqualTo(ResumableCase.NextStep.VERIFY_TOKEN));
        RenewalCase aborted = teller.abort(c.id(), AbortReason.TOKEN_CHECK_FAILED);
        assertThat(aborted.abortReason()).isEqualTo(AbortReason.TOKEN_CHECK_FAILED);
        assertThat(teller.receipt(c.id()).nextStep()).isEqualTo(Receipt.NextStep.NOT_RENEWED);
    }

    @Test
    void wrongPinThenRightPinAndATokenPulledDuringKeyGenerationLeaveTheCaseResumable() {
        RenewalCase c = throughChecks();
        assertThatThrownBy(() -> teller.generateKey(c.id(), FakeTokenDesk.pin("000000")))
                .isInstanceOfSatisfying(RenewalException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.WRONG_PIN));
        RenewalCase afterWrongPin = teller.find(c.id());
        assertThat(afterWrongPin.state()).isEqualTo(CaseState.TOKEN_VERIFIED);
        String keyId = afterWrongPin.newKeyId();
        assertThat(keyId).isNotNull();
        token.failNextWrite = true;
        assertThatThrownBy(() -> teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)))
                .isInstanceOfSatisfying(RenewalException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.TOKEN_REMOVED));
        assertThat(teller.resumableCases()).singleElement()
                .satisfies(r -> assertThat(r.nextStep()).isEqualTo(ResumableCase.NextStep.GENERATE_KEY));
        RenewalCase generated = teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)).renewalCase();
        assertThat(generated.state()).isEqualTo(CaseState.KEY_GENERATED);
        assertThat(generated.newKeyId()).as("the same CKA_ID is reused after a failure").isEqualTo(keyId);
        assertThat(token.keys).containsOnlyKeys("01", keyId);
        assertThat(world.journal.types(c.id())).contains("CASE_TOKEN_STEP_FAILED");
    }

    @Test
    void aTellerCannotOpenASecondCaseForTheSameCustomer() {
        RenewalCase c = teller.open("C000123");
        assertThatThrownBy(() -> world.service(TestWorld.TELLER2, token).open("C000123"))
                .isInstanceOfSatisfying(RenewalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.CUSTOMER_HAS_OPEN_CASE);
                    assertThat(e.problem().args()).contains(c.caseNo());
                });
        assertThatThrownBy(() -> teller.open("nobody")).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.CUSTOMER_NOT_FOUND));
    }

    @Test
    void headOfficeRejectionAbortsTheCaseAndTheReceiptSaysSo() throws Exception {
        RenewalCase c = throughChecks();
        RenewalCase k = teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)).renewalCase();
        teller.queueRequest(c.id());
        Receipt waiting = teller.receipt(c.id());
        assertThat(waiting.nextStep()).isEqualTo(Receipt.NextStep.COME_BACK_OR_DOWNLOAD);
        assertThat(waiting.auditReference()).isNull();
        HeadOfficeAnswers answers = new HeadOfficeAnswers(world.journal, world.clock);
        world.db.jdbi().useTransaction(h -> answers.requestRejected(h, k.csrKeySha256(), "subject not allowed"));
        RenewalCase rejected = teller.find(c.id());
        assertThat(rejected.state()).isEqualTo(CaseState.ABORTED);
        assertThat(rejected.abortReason()).isEqualTo(AbortReason.HEAD_OFFICE_REJECTED);
        assertThat(teller.install(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)))
                .isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.problem().args()).contains("subject not allowed"));
        assertThat(token.keys).containsKey("01");
    }

    @Test
    void caseNumbersCountPerWorkstationAndDay() {
        RenewalCase c = teller.open("C000123");
        assertThat(c.caseNo()).isEqualTo("0102-W03-" + LocalDate.of(2026, 11, 25).toString().replace("-", "") + "-0001");
    }

    @Test
    void aFailedSelfTestKeepsTheCaseOpenWithTheSelfTestAsNextStep() throws Exception {
        RenewalCase c = throughChecks();
        RenewalCase k = teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)).renewalCase();
        teller.queueRequest(c.id());
        byte[] cert = token.issue(k.newKeyId(), NOW);
        HeadOfficeAnswers answers = new HeadOfficeAnswers(world.journal, world.clock);
        world.db.jdbi().useTransaction(h -> answers.certificateIssued(h, k.csrKeySha256(), cert));
        teller.install(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN));
        token.keys.put("01", FakeTokenDesk.newKey()); // the old key is back: the self-test must notice

        Outcome failed = teller.selfTest(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN));
        assertThat(failed).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.problem().code()).isEqualTo(ProblemCode.SELF_TEST_FAILED);
            assertThat(r.problem().args()).containsExactly("oldKeyPresent");
            assertThat(r.problem().explain(java.util.Locale.SIMPLIFIED_CHINESE).nextStep()).contains("自检");
        });
        assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.CERT_INSTALLED);
        assertThat(teller.find(c.id()).selfTestFailure()).isEqualTo("oldKeyPresent");
        assertThat(teller.complete(c.id())).isInstanceOf(Outcome.Refused.class);
        assertThat(teller.resumableCases()).singleElement()
                .satisfies(r -> assertThat(r.nextStep()).isEqualTo(ResumableCase.NextStep.SELF_TEST));

        token.keys.remove("01");
        assertThat(teller.selfTest(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN))).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.complete(c.id()).renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        assertThat(world.journal.rows(c.id())).filteredOn(row -> row.startsWith("CASE_SELF_TEST"))
                .extracting(row -> row.split(" ")[2]).containsExactly("FAILURE", "SUCCESS");
    }
}
