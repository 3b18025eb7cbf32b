package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CaseState;
import bank.ushield.db.Database;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CaseJournal;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.teller.error.ErrorTexts;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.testsupport.PrivatePostgres;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pin.PinPrompter;

/**
 * Issue 18's fault: the branch's PostgreSQL server stopped (immediate mode, as a crash) and started again in the
 * middle of cases, on a private server this test runs itself (initdb and pg_ctl in a temporary folder), so the
 * shared test server is never stopped. The workstation is the whole renewal stack (simulated tokens, in-process
 * head office) on the branch database. While the server is down every step fails in words (the branch database
 * cannot be reached, the step was not done); afterwards each case is in the state of its last committed step,
 * repeating the failed step goes on, every case completes, and the workstation's audit log verifies.
 */
class BranchServerRestartTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final PinPrompter PIN = r -> TrainingWorld.TOKEN_PIN.toCharArray();
    private static final String WS = TrainingDataGenerator.WORKSTATION_ID;

    @TempDir
    Path dir;

    @AfterEach
    void chinese() {
        Texts.setLanguage(Language.CHINESE);
    }

    private static PresentedDocument document(TrainingCustomer c) {
        return new PresentedDocument("RESIDENT_ID", c.idNumber(), c.name(), c.birthDate(), c.idValidFrom(),
                c.idValidTo(), true);
    }

    private static String onlineCard(TrainingCustomer c) {
        return c.cards().stream().filter(card -> card.onlineBanking()).findFirst().orElseThrow().pan();
    }

    /** The words the counter shows for a failure (English, to compare with the bundle). */
    private static Problem.Explanation shown(Throwable e) {
        Texts.setLanguage(Language.ENGLISH);
        return ErrorTexts.explainer().explain(e);
    }

    private static void assertUnreachable(Throwable e) {
        Problem.Explanation why = shown(e);
        assertThat(why.code()).as(String.valueOf(e)).isEqualTo("db.connectionLost");
        assertThat(why.problem()).isEqualTo("The branch database cannot be reached: this step was not done");
    }

    @Test
    void theServerStoppedAndStartedInTheMiddleOfCasesLeavesEveryCaseKnownAndTheyAllComplete() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start(dir)) {
            String url = server.createDatabase("ushield_0102");
            Path folder = dir.resolve("ws");
            AtomicBoolean stopAtKeyRecord = new AtomicBoolean();
            // The journal stops the server just before the key generation is recorded: the key is on the token,
            // its record never reaches the database (the hardest moment of a step to lose the server at).
            RenewalWorkstation.Hooks hooks = new RenewalWorkstation.Hooks(journal -> (CaseJournal) (handle, event) -> {
                if (event.type().equals(CaseEvents.transition(CaseState.KEY_GENERATED))
                        && stopAtKeyRecord.compareAndSet(true, false)) {
                    server.stop();
                }
                return journal.record(handle, event);
            }, java.util.function.UnaryOperator.identity());
            Database db = Database.open(BranchDatabaseSettings.of(url, server.user(), null, WS));
            TrainingData data = new TrainingDataGenerator(new Repositories(db, CardMatchingKey.forDataFolder(folder),
                    new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), CLOCK)).generate(7, 12);
            List<TrainingCustomer> customers = data.customers().stream()
                    .filter(c -> c.edges().isEmpty() && c.daysSinceExpiry() > 30).limit(3).toList();
            assertThat(customers).hasSize(3);
            try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(db, folder, WS,
                    KeyAlgorithm.EC_P256, CLOCK, null, hooks)) {
                TrainingWorld world = ws.trainingWorld().orElseThrow();
                RenewalService s = ws.renewals(ws.login("teller01", TrainingDataGenerator.TRAINING_PASSWORD.toCharArray()));
                TrainingCustomer a = customers.get(0);
                TrainingCustomer b = customers.get(1);
                TrainingCustomer c = customers.get(2);

                // Case A reaches CARD_VERIFIED, case B TOKEN_VERIFIED; then the server goes while B's key is recorded.
                RenewalCase caseA = s.open(a.customerNo());
                assertThat(s.verifyId(caseA.id(), document(a), true)).isInstanceOf(Outcome.Advanced.class);
                assertThat(s.verifyCard(caseA.id(), new PresentedCard(onlineCard(a), true))).isInstanceOf(Outcome.Advanced.class);
                RenewalCase caseB = s.open(b.customerNo());
                s.verifyId(caseB.id(), document(b), true);
                s.verifyCard(caseB.id(), new PresentedCard(onlineCard(b), true));
                world.insert(b.tokenSerial());
                assertThat(s.verifyToken(caseB.id(), b.mediaVoucherNo())).isInstanceOf(Outcome.Advanced.class);
                long entriesBefore = entries(ws);

                stopAtKeyRecord.set(true);
                assertThatThrownBy(() -> s.generateKey(caseB.id(), PIN)).satisfies(BranchServerRestartTest::assertUnreachable);
                // While the server is down: every step, a new case and a login are refused in the same words.
                world.insert(a.tokenSerial());
                List<Throwable> refused = new ArrayList<>();
                refused.add(catching(() -> s.verifyToken(caseA.id(), a.mediaVoucherNo())));
                refused.add(catching(() -> s.open(c.customerNo())));
                refused.add(catching(() -> ws.login("teller02", TrainingDataGenerator.TRAINING_PASSWORD.toCharArray())));
                refused.forEach(BranchServerRestartTest::assertUnreachable);

                server.start();
                // Each case is where its last committed step left it. Of the failed steps the log holds only what
                // was committed before the server went: B's key generation started (written before the token is).
                assertThat(s.find(caseA.id()).state()).isEqualTo(CaseState.CARD_VERIFIED);
                assertThat(s.find(caseB.id()).state()).isEqualTo(CaseState.TOKEN_VERIFIED);
                List<String> added = new ArrayList<>();
                for (long seq = entriesBefore; seq < entries(ws); seq++) {
                    bank.ushield.audit.AuditEntry e = ws.auditLog().entry(seq).orElseThrow();
                    added.add(e.type() + " case " + e.caseId());
                }
                assertThat(added).containsExactly(CaseEvents.KEY_GENERATION_STARTED + " case " + caseB.id());

                // The teller repeats the failed steps (the same keys again) and every case completes.
                long again = System.nanoTime();
                assertThat(s.verifyToken(caseA.id(), a.mediaVoucherNo())).isInstanceOf(Outcome.Advanced.class);
                System.out.printf("branch-restart: first repeated step done in %d ms after the restart%n",
                        (System.nanoTime() - again) / 1_000_000);
                RenewalCase caseC = s.open(c.customerNo());
                s.verifyId(caseC.id(), document(c), true);
                s.verifyCard(caseC.id(), new PresentedCard(onlineCard(c), true));
                world.insert(c.tokenSerial());
                assertThat(s.verifyToken(caseC.id(), c.mediaVoucherNo())).isInstanceOf(Outcome.Advanced.class);
                for (TrainingCustomer customer : List.of(a, b, c)) {
                    long id = customer == a ? caseA.id() : customer == b ? caseB.id() : caseC.id();
                    world.insert(customer.tokenSerial());
                    assertThat(s.generateKey(id, PIN).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
                    s.queueRequest(id);
                }
                assertThat(s.syncNow().certificatesReceived()).isEqualTo(3);
                for (TrainingCustomer customer : List.of(a, b, c)) {
                    long id = customer == a ? caseA.id() : customer == b ? caseB.id() : caseC.id();
                    world.insert(customer.tokenSerial());
                    assertThat(s.install(id, PIN).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
                    assertThat(s.selfTest(id, PIN)).isInstanceOf(Outcome.Advanced.class);
                    assertThat(s.complete(id).renewalCase().state()).isEqualTo(CaseState.COMPLETED);
                }
                // One case per customer: no case was opened twice by the repeated steps.
                Integer cases = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM renewal_case")
                        .mapTo(Integer.class).one());
                assertThat(cases).isEqualTo(3);

                VerifyReport report = AuditVerifier.verify(ws.database());
                assertThat(report.ok()).as(report.summary()).isTrue();
                System.out.println("branch-restart: " + report.summary());
            } finally {
                db.close();
            }
            assertThat(server.serverLog()).contains("database system is ready to accept connections");
        }
    }

    private static long entries(RenewalWorkstation ws) {
        return ws.auditLog().size();
    }

    private static Throwable catching(Runnable step) {
        long start = System.nanoTime();
        try {
            step.run();
        } catch (RuntimeException e) {
            // Printed for the record (how long the counter waits before it says so), not asserted.
            System.out.printf("branch-restart: refused after %d ms with the server down%n",
                    (System.nanoTime() - start) / 1_000_000);
            return e;
        }
        throw new AssertionError("the step succeeded with the server stopped");
    }
}
