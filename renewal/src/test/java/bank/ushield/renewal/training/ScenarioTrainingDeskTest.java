package bank.ushield.renewal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.OnlineCheck;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pin.PinPrompter;

/**
 * Scenarios staged into a real training workstation (training database, simulated token, in-process head office),
 * handled through the renewal services as the wizard would, then read back from the audit log and scored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioTrainingDeskTest {

    static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneId.of("Asia/Shanghai"));
    static final PinPrompter PIN = r -> TrainingWorld.TOKEN_PIN.toCharArray();

    @TempDir
    static Path root;
    static Path dir;
    RenewalWorkstation ws;
    ScenarioTrainingDesk desk;
    RenewalService teller;

    @BeforeAll
    void trainingWorkstation() {
        // The app's layout: <data dir>/training beside <data dir>/production.
        dir = root.resolve("training");
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        new TrainingDataGenerator(new Repositories(db, CardMatchingKey.forDataFolder(dir), new PasswordHasher(), CLOCK))
                .generate(1, 0);
        ws = RenewalWorkstation.training(dir, TrainingDataGenerator.WORKSTATION_ID, KeyAlgorithm.EC_P256, CLOCK);
        desk = new ScenarioTrainingDesk(ws, dir.resolve("scenarios"), CLOCK, () -> { });
        StaffMember member = ws.login("teller01", TrainingDataGenerator.TRAINING_PASSWORD.toCharArray());
        teller = ws.renewals(member);
    }

    @AfterAll
    void close() {
        ws.close();
    }

    private Scenario scenario(String id) {
        return desk.scenarios().get(id);
    }

    private RenewalCase openAndCheckId(TrainingRun run) {
        Scenario s = scenario(run.scenarioId());
        RenewalCase c = teller.open(run.idNumber());
        // typed without validity dates: the registered (staged) validity stands in
        teller.verifyId(c.id(), new PresentedDocument(s.customer().idType(), run.idNumber(), s.customer().name(),
                null, null, null, true));
        return c;
    }

    /** ADR 0074: the trainer's assignment is stored; the trainee's guide lists it; unknown ones are refused. */
    @Test
    void aScenarioAssignedToATraineeIsStoredAndListedInTheirGuide() {
        assertThat(desk.assign("expired-45-days", "teller02", "trainer01")).isTrue();
        assertThat(desk.assign("wrong-pin-twice", "teller02", "trainer01")).isTrue();
        assertThat(desk.assign("expired-45-days", "teller02", "trainer01")).as("again: no second row").isFalse();
        assertThat(desk.assigned("teller02")).extracting(Scenario::id)
                .containsExactly("expired-45-days", "wrong-pin-twice");
        assertThat(desk.assigned("teller01")).isEmpty();
        assertThatThrownBy(() -> desk.assign("no-such-scenario", "teller02", "trainer01"));
        assertThatThrownBy(() -> desk.assign("expired-45-days", "trainer01", "trainer01"))
                .isInstanceOf(IllegalArgumentException.class);
        TrainingGuide guide = TrainingGuide.of(ws, "teller02", dir.resolve("scenarios")).orElseThrow();
        assertThat(guide.assigned()).extracting(Scenario::id).containsExactly("expired-45-days", "wrong-pin-twice");
        assertThat(guide.tokenPin()).isEqualTo(TrainingWorld.TOKEN_PIN);
        // A new desk on the same database (the app restarted) finds the assignments again.
        assertThat(new ScenarioTrainingDesk(ws, dir.resolve("scenarios"), CLOCK, () -> { }).assigned("teller02"))
                .hasSize(2);
    }

    @Test
    void happyPathHandledCorrectlyScoresFullMarksFromTheRealAuditTrail() {
        TrainingRun run = desk.start(scenario("expired-45-days"), "teller01");
        RenewalCase c = openAndCheckId(run);
        assertThat(teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true))).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.verifyToken(c.id(), voucher(run))).isInstanceOf(Outcome.Advanced.class);
        finishRenewal(c);

        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
        assertThat(report.percent()).isEqualTo(100);
        assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
    }

    @Test
    void theSm2TokenScenarioRenewsWithAnSm2KeyAndScoresFullMarks() throws Exception {
        TrainingRun run = desk.start(scenario("sm2-token"), "teller02");
        RenewalCase c = openAndCheckId(run);
        teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true));
        assertThat(teller.verifyToken(c.id(), voucher(run))).isInstanceOf(Outcome.Advanced.class);
        // The shipped training policy renews the GM3000 SM2 model with SM2 though this workstation's setting is EC.
        assertThat(teller.keyChoice(c.id())).hasValueSatisfying(k -> assertThat(k.kind())
                .isEqualTo(bank.ushield.renewal.KeyKind.SM2));
        finishRenewal(c);
        assertThat(teller.find(c.id()).state()).isEqualTo(bank.ushield.db.CaseState.COMPLETED);
        bank.ushield.renewal.Receipt receipt = teller.receipt(c.id());
        assertThat(receipt.oldCertificate().keyKind()).isEqualTo(bank.ushield.renewal.KeyKind.SM2);
        assertThat(receipt.newCertificate().keyKind()).isEqualTo(bank.ushield.renewal.KeyKind.SM2);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
        assertThat(report.percent()).isEqualTo(100);
    }

    @Test
    void happyPathAbandonedScoresBelowFull() {
        TrainingRun run = desk.start(scenario("expired-45-days"), "teller01");
        RenewalCase c = openAndCheckId(run);
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
        ScoreReport report = desk.score(run);
        assertThat(report.passed()).isFalse();
        assertThat(report.missed()).extracting(ScoreReport.Check::step).contains(HandlingStep.CERT_INSTALLED);
    }

    @Test
    void cardOfAnotherCustomerRefusedScoresFullAndAcceptedTokenPathIsImpossible() throws Exception {
        TrainingRun run = desk.start(scenario("card-of-another-customer"), "teller01");
        // the simulated chip presents the card the customer brings (another customer's), also to a new reader
        assertThat(bank.ushield.renewal.readers.DeskReaders.training(ws.repositories(), CLOCK, dir)
                .readChip(run.customerNo()).pan()).isEqualTo(run.cardNumber());
        RenewalCase c = openAndCheckId(run);
        assertThat(teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true)))
                .isInstanceOf(Outcome.Refused.class);
        teller.abort(c.id(), AbortReason.CARD_CHECK_FAILED);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();

        TrainingRun wrong = desk.start(scenario("card-of-another-customer"), "teller02");
        RenewalCase c2 = openAndCheckId(wrong);
        teller.abort(c2.id(), AbortReason.CUSTOMER_WITHDREW);
        assertThat(desk.score(wrong).missed()).extracting(ScoreReport.Check::step).contains(HandlingStep.CARD_REJECTED);
    }

    @Test
    void wrongTokenIsRefusedByTheTokenCheck() {
        TrainingRun run = desk.start(scenario("wrong-token"), "teller01");
        RenewalCase c = openAndCheckId(run);
        teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true));
        assertThat(teller.verifyToken(c.id(), voucher(run))).isNotInstanceOf(Outcome.Advanced.class);
        teller.abort(c.id(), AbortReason.TOKEN_CHECK_FAILED);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
    }

    @Test
    void expiredIdNeedsAManagerNotTheTellerAndTheAuthorisationNamesBoth() {
        TrainingRun run = desk.start(scenario("expired-id-manager-override"), "teller01");
        Scenario s = scenario(run.scenarioId());
        RenewalCase c = teller.open(run.idNumber());
        LocalDate today = LocalDate.now(CLOCK);
        Outcome held = teller.verifyId(c.id(), new PresentedDocument(s.customer().idType(), run.idNumber(),
                s.customer().name(), null, today.minusYears(10), today.plusDays(s.customer().idValidToDays()), true));
        assertThat(held).isInstanceOf(Outcome.HeldForManager.class);
        String exception = ((Outcome.HeldForManager) held).exceptionCode();

        // The teller cannot authorise their own exception, nor can another teller.
        assertThatThrownBy(() -> teller.authorise(c.id(), exception, "teller01",
                TrainingDataGenerator.TRAINING_PASSWORD.toCharArray()))
                .isInstanceOfSatisfying(RenewalException.class, e -> assertThat(e.code()).isIn(
                        ProblemCode.AUTH_OWN_CASE, ProblemCode.AUTH_NOT_A_MANAGER));
        assertThatThrownBy(() -> teller.authorise(c.id(), exception, "teller02",
                TrainingDataGenerator.TRAINING_PASSWORD.toCharArray()))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_NOT_A_MANAGER));
        // A manager can; the audit entry names the teller and the manager.
        assertThat(teller.authorise(c.id(), exception, "manager01",
                TrainingDataGenerator.TRAINING_PASSWORD.toCharArray())).isInstanceOf(Outcome.Advanced.class);
        TraineeRecord record = desk.record(run);
        assertThat(record.events()).filteredOn(e -> e.eventType().contains("AUTHORIS") && e.outcome().equals("OK"))
                .singleElement().satisfies(e -> assertThat(e.detailsJson())
                        .contains("\"teller\":\"teller01\"").contains("\"manager\":\"manager01\""));

        teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true));
        teller.verifyToken(c.id(), voucher(run));
        finishRenewal(c);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
    }

    @Test
    void headOfficeRejectionIsScoredFromTheSimulatorsAnswer() {
        TrainingRun run = desk.start(scenario("head-office-rejects"), "teller01");
        RenewalCase c = openAndCheckId(run);
        teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true));
        teller.verifyToken(c.id(), voucher(run));
        teller.generateKey(c.id(), PIN);
        teller.queueRequest(c.id());
        teller.syncNow();
        RenewalCase after = teller.find(c.id());
        if (!after.state().terminal()) {
            teller.abort(c.id(), AbortReason.HEAD_OFFICE_REJECTED);
        }
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
    }

    @Test
    void nothingFromTrainingLeavesTheTrainingFolder() throws Exception {
        TrainingRun run = desk.start(scenario("expired-45-days"), "teller02");
        RenewalCase c = openAndCheckId(run);
        teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true));
        teller.verifyToken(c.id(), voucher(run));
        teller.generateKey(c.id(), PIN);
        teller.queueRequest(c.id());
        teller.syncNow();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).toList())
                    .isNotEmpty().allMatch(f -> f.startsWith(dir));
        }
        assertThat(root.resolve("production")).doesNotExist();
        assertThat(dir.resolve(RenewalWorkstation.PRODUCTION_DB)).doesNotExist();
    }

    /** The voucher printed on the token the customer brings, as the trainee reads it off the label. */
    @Test
    void onlineNameMismatchStopsTheCaseAndClosingItScoresFullMarks() {
        TrainingRun run = desk.start(scenario("online-name-mismatch"), "teller01");
        Scenario s = scenario(run.scenarioId());
        PresentedDocument card = new PresentedDocument("RESIDENT_ID", run.idNumber(), s.customer().name(), null, null,
                null, true);
        RenewalCase c = teller.open(run.idNumber());
        OnlineCheck check = teller.verifyOnline(c.id(), card);
        assertThat(check.status()).isEqualTo(OnlineCheck.Status.NAME_MISMATCH);
        assertThat(teller.verifyId(c.id(), card, true)).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.ONLINE_NAME_MISMATCH));
        teller.abort(c.id(), AbortReason.ID_CHECK_FAILED);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
    }

    @Test
    void onlineOutageRetriedThenAuthorisedByAManagerWithAReason() {
        TrainingRun run = desk.start(scenario("online-service-unavailable"), "teller01");
        Scenario s = scenario(run.scenarioId());
        PresentedDocument card = new PresentedDocument("RESIDENT_ID", run.idNumber(), s.customer().name(), null, null,
                null, true);
        RenewalCase c = teller.open(run.idNumber());
        assertThat(teller.verifyOnline(c.id(), card).status()).isEqualTo(OnlineCheck.Status.UNAVAILABLE);
        assertThat(teller.verifyOnline(c.id(), card).status()).isEqualTo(OnlineCheck.Status.UNAVAILABLE);
        Outcome held = teller.verifyId(c.id(), card, false);
        assertThat(held).isInstanceOfSatisfying(Outcome.HeldForManager.class,
                h -> assertThat(h.exceptionCode()).isEqualTo("ONLINE_UNAVAILABLE"));
        assertThat(teller.authorise(c.id(), "ONLINE_UNAVAILABLE", "manager01",
                TrainingDataGenerator.TRAINING_PASSWORD.toCharArray(), "line down, customer known to the branch")
                .renewalCase().state()).isEqualTo(bank.ushield.db.CaseState.ID_VERIFIED);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).extracting(ScoreReport.Check::step).doesNotContain(HandlingStep.ID_REJECTED,
                HandlingStep.MANAGER_OVERRIDE);
        // another scenario's customer is not checked online: the ID step is as before for them
        assertThat(ws.trainingWorld().orElseThrow().checkedOnline("110105194912310037")).isFalse();
    }

    private String voucher(TrainingRun run) {
        return ws.trainingWorld().orElseThrow().printedVoucher(run.tokenSerial()).orElseThrow();
    }

    /** The rest of a renewal once the token is accepted: key, request, head office, install, self-test, done. */
    private void finishRenewal(RenewalCase c) {
        teller.generateKey(c.id(), PIN);
        teller.queueRequest(c.id());
        teller.syncNow();
        teller.install(c.id(), PIN);
        teller.selfTest(c.id(), PIN);
        teller.complete(c.id());
    }
}
