package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.CaseState;
import bank.ushield.db.Engine;
import bank.ushield.renewal.cases.HeadOfficeAnswers;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * The database work of each step of a case (ADR 0094), on both engines: the case row is read once under the step's
 * claim and once more inside the transaction that commits the step (never again after the move), a step makes no
 * more transactions than its durable facts need, and what a step returns is what a fresh read finds.
 */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CaseStatementsTest {

    @Parameter
    Engine engine;

    static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");

    TestWorld world;
    FakeTokenDesk token;
    RenewalService teller;
    StatementCounter counter;
    final Map<String, StatementCounter.Counts> perStep = new LinkedHashMap<>();

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) {
        world = new TestWorld(TestDatabases.open(engine, file, pg, TestWorld.WORKSTATION), NOW);
        token = new FakeTokenDesk();
        teller = world.service(TestWorld.TELLER, token);
        counter = new StatementCounter(world.db.jdbi());
    }

    private <T> T step(String name, Supplier<T> call) {
        counter.start();
        try {
            return call.get();
        } finally {
            counter.stop();
            perStep.put(name, counter.counts());
        }
    }

    @Test
    void eachStepReadsTheCaseOncePerTransactionAndReturnsWhatIsStored() throws Exception {
        RenewalCase c = step("open", () -> teller.open("C000123"));
        assertThat(c).isEqualTo(teller.find(c.id()));
        Outcome id = step("verifyId", () -> teller.verifyId(c.id(), TestWorld.idCard()));
        assertThat(id.renewalCase()).isEqualTo(teller.find(c.id()));
        Outcome card = step("verifyCard", () -> teller.verifyCard(c.id(),
                new PresentedCard("6222020000000001234", true)));
        assertThat(card.renewalCase()).isEqualTo(teller.find(c.id()));
        Outcome tok = step("verifyToken", () -> teller.verifyToken(c.id(), "1234567890"));
        assertThat(tok.renewalCase()).isEqualTo(teller.find(c.id()));
        assertThat(tok.renewalCase().state()).isEqualTo(CaseState.TOKEN_VERIFIED);
        Outcome key = step("generateKey", () -> teller.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)));
        assertThat(key.renewalCase()).isEqualTo(teller.find(c.id()));
        Outcome queued = step("queueRequest", () -> teller.queueRequest(c.id()));
        assertThat(queued.renewalCase()).isEqualTo(teller.find(c.id()));
        assertThat(queued.renewalCase().state()).isEqualTo(CaseState.CSR_QUEUED);

        byte[] cert = token.issue(key.renewalCase().newKeyId(), NOW);
        HeadOfficeAnswers answers = new HeadOfficeAnswers(world.journal, world.clock);
        RenewalCase received = step("certificateIssued", () -> world.db.jdbi().inTransaction(h ->
                answers.certificateIssued(h, key.renewalCase().csrKeySha256(), cert).orElseThrow()));
        assertThat(received).isEqualTo(teller.find(c.id()));

        Outcome installed = step("install", () -> teller.install(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)));
        assertThat(installed.renewalCase()).isEqualTo(teller.find(c.id()));
        Outcome tested = step("selfTest", () -> teller.selfTest(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)));
        assertThat(tested).isInstanceOf(Outcome.Advanced.class);
        assertThat(tested.renewalCase()).isEqualTo(teller.find(c.id()));
        Outcome done = step("complete", () -> teller.complete(c.id()));
        assertThat(done.renewalCase()).isEqualTo(teller.find(c.id()));
        assertThat(done.renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        perStep.forEach((name, n) -> System.out.printf("%s %-18s %s%n", engine, name, n));

        // The case row: once under the claim (before any outside work) and once in each transaction that writes
        // (the intent before a token write, the step's commit), never after the move; a step with no outside work
        // claims inside its one transaction.
        perStep.forEach((name, n) -> assertThat(n.caseReads()).as(name).isLessThanOrEqualTo(n.transactions()));
        assertThat(perStep.get("verifyToken").caseReads()).isEqualTo(2);
        assertThat(perStep.get("generateKey").caseReads()).isEqualTo(3);
        assertThat(perStep.get("queueRequest").caseReads()).isEqualTo(1);
        assertThat(perStep.get("complete").caseReads()).isEqualTo(1);
        assertThat(perStep.get("certificateIssued").caseReads()).isEqualTo(1);
        // Transactions: the claim, the intent before a token write (ADR 0050), the step's own commit.
        assertThat(perStep.get("verifyId").transactions()).isEqualTo(2);
        assertThat(perStep.get("verifyCard").transactions()).isEqualTo(2);
        assertThat(perStep.get("verifyToken").transactions()).isEqualTo(2);
        assertThat(perStep.get("generateKey").transactions()).isEqualTo(3);
        assertThat(perStep.get("queueRequest").transactions()).isEqualTo(1);
        assertThat(perStep.get("install").transactions()).isEqualTo(3);
        assertThat(perStep.get("selfTest").transactions()).isEqualTo(2);
        if (engine == Engine.SQLITE) {
            // A claim this workstation already holds is not written again: only the steps' own facts are.
            assertThat(perStep.get("verifyCard").writingTransactions()).isEqualTo(1);
            assertThat(perStep.get("generateKey").writingTransactions()).isEqualTo(2);
            assertThat(perStep.get("install").writingTransactions()).isEqualTo(2);
            assertThat(perStep.get("selfTest").writingTransactions()).isEqualTo(1);
        }
        int all = perStep.values().stream().mapToInt(StatementCounter.Counts::statements).sum();
        System.out.printf("%s statements through Jdbi for the case: %d%n", engine, all);
    }
}
