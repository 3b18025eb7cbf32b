package bank.ushield.renewal.training;

import static org.assertj.core.api.Assertions.assertThat;

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
import bank.ushield.db.PanHasher;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.TrainingWorld;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.PinPrompter;

/**
 * Scenarios staged into a real training workstation (training database, simulated token, in-process head office),
 * handled through the renewal services as the wizard would, then read back from the audit log and scored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioTrainingDeskTest {

    static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneId.of("Asia/Shanghai"));
    static final PinPrompter PIN = r -> TrainingWorld.TOKEN_PIN.toCharArray();

    @TempDir
    static Path dir;
    RenewalWorkstation ws;
    ScenarioTrainingDesk desk;
    RenewalService teller;

    @BeforeAll
    void trainingWorkstation() {
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        new TrainingDataGenerator(new Repositories(db, PanHasher.forDataFolder(dir), new PasswordHasher(), CLOCK))
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
        Integer days = s.customer().idValidToDays();
        LocalDate today = LocalDate.now(CLOCK);
        teller.verifyId(c.id(), new PresentedDocument(s.customer().idType(), run.idNumber(), s.customer().name(),
                null, days == null ? today.minusYears(20) : today.plusDays(days).minusYears(10),
                days == null ? null : today.plusDays(days), true));
        return c;
    }

    @Test
    void happyPathHandledCorrectlyScoresFullMarksFromTheRealAuditTrail() {
        TrainingRun run = desk.start(scenario("expired-45-days"), "teller01");
        RenewalCase c = openAndCheckId(run);
        assertThat(teller.verifyCard(c.id(), new PresentedCard(run.cardNumber(), true))).isInstanceOf(Outcome.Advanced.class);
        assertThat(teller.verifyToken(c.id())).isInstanceOf(Outcome.Advanced.class);
        teller.generateKey(c.id(), PIN);
        teller.queueRequest(c.id());
        teller.syncNow();
        teller.install(c.id(), PIN);
        teller.selfTest(c.id(), PIN);
        teller.complete(c.id());

        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
        assertThat(report.percent()).isEqualTo(100);
        assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
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
    void cardOfAnotherCustomerRefusedScoresFullAndAcceptedTokenPathIsImpossible() {
        TrainingRun run = desk.start(scenario("card-of-another-customer"), "teller01");
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
        assertThat(teller.verifyToken(c.id())).isNotInstanceOf(Outcome.Advanced.class);
        teller.abort(c.id(), AbortReason.TOKEN_CHECK_FAILED);
        ScoreReport report = desk.score(run);
        assertThat(report.missed()).as(desk.record(run).toString()).isEmpty();
    }
}
