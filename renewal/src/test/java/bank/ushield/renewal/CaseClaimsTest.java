package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.CaseState;
import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.renewal.cases.RenewalCases;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Shared cases in a branch (ADR 0087): a case is served at one workstation at a time, resumed at another after the
 * customer left, and taken over from a stopped workstation only with a manager's authorisation. Each workstation has
 * its own database connection (on PostgreSQL its own session), as separate counters do.
 */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CaseClaimsTest {

    static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    static final String W01 = "0102-W01";

    @Parameter
    Engine engine;

    DatabaseFile file;
    PostgresDatabase pg;
    TestWorld world;
    final List<Database> opened = new ArrayList<>();

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) {
        this.file = file;
        this.pg = pg;
        world = new TestWorld(open(TestWorld.WORKSTATION), NOW);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Database::close);
    }

    private Database open(String workstation) {
        Database db = TestDatabases.open(engine, file, pg, workstation);
        opened.add(db);
        return db;
    }

    /** A teller's service at workstation {@code ws}, on that workstation's own connection. */
    private RenewalService at(String ws, StaffMember actor) {
        Database db = ws.equals(TestWorld.WORKSTATION) ? world.db : open(ws);
        return new RenewalCases(world.parts(db, ws, new FakeTokenDesk(), null), actor);
    }

    private static RenewalCase throughId(RenewalService s) {
        RenewalCase c = s.open("C000123");
        assertThat(s.verifyId(c.id(), TestWorld.idCard())).isInstanceOf(Outcome.Advanced.class);
        return c;
    }

    private static PresentedCard card() {
        return new PresentedCard("6222020000000001234", true);
    }

    @Test
    void aCaseIsServedAtOneCounterAndResumedAtAnotherOnceTheCustomerLeft() {
        RenewalService w03 = at(TestWorld.WORKSTATION, TestWorld.TELLER);
        RenewalService w01 = at(W01, TestWorld.TELLER2);
        RenewalCase c = throughId(w03);

        // While counter 3 serves the customer, counter 1 cannot drive the case: told who, since when, in words.
        assertThatThrownBy(() -> w01.verifyCard(c.id(), card())).isInstanceOfSatisfying(RenewalException.class, e -> {
            assertThat(e.code()).isEqualTo(ProblemCode.CASE_CLAIMED_ELSEWHERE);
            String en = e.problem().explain(Locale.ENGLISH).problem();
            assertThat(en).contains(c.caseNo(), TestWorld.WORKSTATION, "teller1", "2026-11-25 10:00");
            assertThat(e.problem().explain(Locale.SIMPLIFIED_CHINESE).nextStep()).contains("主管");
        });
        assertThat(w01.claim(c.id())).get().satisfies(claim -> {
            assertThat(claim.workstationId()).isEqualTo(TestWorld.WORKSTATION);
            assertThat(claim.heldHere()).isFalse();
            assertThat(claim.words(Locale.ENGLISH, bank.ushield.db.Branch.DEFAULT_ZONE))
                    .isEqualTo("Served at workstation 0102-W03 by teller1 since 2026-11-25 10:00, last step 2026-11-25 10:00");
        });
        assertThat(w01.resumableCases()).singleElement().satisfies(r -> assertThat(r.heldElsewhere()).isTrue());
        assertThat(w03.resumableCases()).singleElement().satisfies(r -> assertThat(r.heldElsewhere()).isFalse());
        assertThat(world.journal.types(c.id())).contains(CaseEvents.CLAIM_REFUSED);
        assertThat(w03.find(c.id()).state()).isEqualTo(CaseState.ID_VERIFIED); // nothing moved

        w03.endVisit(); // the customer leaves counter 3 ...
        assertThat(w01.claim(c.id())).isEmpty();
        // ... and is served at counter 1: the case goes on from where it stood
        assertThat(w01.resume(c.id()).state()).isEqualTo(CaseState.ID_VERIFIED);
        assertThat(w01.verifyCard(c.id(), card())).isInstanceOf(Outcome.Advanced.class);
        assertThat(w01.verifyToken(c.id(), "1234567890")).isInstanceOf(Outcome.Advanced.class);
        assertThat(w01.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN))).isInstanceOf(Outcome.Advanced.class);
        assertThat(w01.queueRequest(c.id()).renewalCase().state()).isEqualTo(CaseState.CSR_QUEUED);
        assertThatThrownBy(() -> w03.abort(c.id(), AbortReason.CUSTOMER_WITHDREW))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.CASE_CLAIMED_ELSEWHERE));
        // Counter 1 queued the request: its own request batch carries it (ADR 0088).
        String queuedBy = world.db.jdbi().withHandle(h -> h.createQuery("SELECT queued_by FROM renewal_case WHERE id = :id")
                .bind("id", c.id()).mapTo(String.class).one());
        assertThat(queuedBy).isEqualTo(W01);
        w01.endVisit();
        assertThat(w03.abort(c.id(), AbortReason.CUSTOMER_WITHDREW).state()).isEqualTo(CaseState.ABORTED);
        assertThat(w03.claim(c.id())).as("a closed case is no counter's").isEmpty();
    }

    @Test
    void aStoppedWorkstationsCaseIsTakenOverOnlyWithAManagersAuthorisation() {
        RenewalService w03 = at(TestWorld.WORKSTATION, TestWorld.TELLER);
        RenewalService w01 = at(W01, TestWorld.TELLER2);
        RenewalCase c = throughId(w03);
        assertThat(w03.verifyCard(c.id(), card())).isInstanceOf(Outcome.Advanced.class);
        // counter 3 stops here (no endVisit): its claim stays

        assertThatThrownBy(() -> w01.takeOver(c.id(), "manager1", "manager1-pw".toCharArray(), " "))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_REASON_REQUIRED));
        assertThatThrownBy(() -> w01.takeOver(c.id(), "manager1", "wrong".toCharArray(), "counter 3 froze"))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_BAD_CREDENTIALS));
        assertThatThrownBy(() -> w01.takeOver(c.id(), "teller1", "teller1-pw".toCharArray(), "counter 3 froze"))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_NOT_A_MANAGER));
        assertThat(w01.claim(c.id())).get().satisfies(claim -> assertThat(claim.workstationId())
                .isEqualTo(TestWorld.WORKSTATION));

        char[] password = "manager1-pw".toCharArray();
        RenewalCase taken = w01.takeOver(c.id(), "manager1", password, "counter 3 froze");
        assertThat(password).containsOnly('\0');
        assertThat(taken.state()).isEqualTo(CaseState.CARD_VERIFIED);
        assertThat(w01.claim(c.id())).get().satisfies(claim -> {
            assertThat(claim.heldHere()).isTrue();
            assertThat(claim.takenFrom()).isEqualTo(TestWorld.WORKSTATION);
            assertThat(claim.takenBy()).isEqualTo("manager1");
        });
        assertThat(world.journal.rows(c.id())).anySatisfy(row -> assertThat(row)
                .startsWith(CaseEvents.TAKEN_OVER + " manager1 SUCCESS")
                .contains("fromWorkstation=0102-W03", "fromTeller=teller1", "teller=teller2", "reason=counter 3 froze"));
        assertThat(world.journal.rows(c.id())).filteredOn(r -> r.startsWith(CaseEvents.AUTHORISATION_REFUSED))
                .hasSize(3).allSatisfy(r -> assertThat(r).contains("exception=CLAIM_TAKEOVER")
                        .doesNotContain("manager1-pw", "teller1-pw"));

        assertThat(w01.verifyToken(c.id(), "1234567890")).isInstanceOf(Outcome.Advanced.class);
        // Counter 3 comes back: its next try is refused in words and recorded in its own terms.
        assertThatThrownBy(() -> w03.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)))
                .isInstanceOfSatisfying(RenewalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.CASE_TAKEN_OVER_ELSEWHERE);
                    assertThat(e.problem().explain(Locale.ENGLISH).problem()).contains(W01, "manager1");
                    assertThat(e.problem().explain(Locale.SIMPLIFIED_CHINESE).problem()).contains(W01, "接管");
                });
        assertThat(world.journal.rows(c.id())).anySatisfy(row -> assertThat(row)
                .startsWith(CaseEvents.CLAIM_REFUSED + " teller1 REJECTED")
                .contains("heldBy=0102-W01", "takenFrom=0102-W03", "takenOverWith=manager1"));
        assertThat(w01.find(c.id()).state()).isEqualTo(CaseState.TOKEN_VERIFIED);
    }

    @Test
    void aClaimTakenOverWhileAStepRanStopsThatStepBeforeItWrites() {
        RenewalService w01 = at(W01, TestWorld.TELLER2);
        FakeTokenDesk fake = new FakeTokenDesk();
        long[] caseId = new long[1];
        // Counter 3's token is slow: meanwhile a manager lets counter 1 take the case over.
        TokenDesk slow = (TokenDesk) java.lang.reflect.Proxy.newProxyInstance(TokenDesk.class.getClassLoader(),
                new Class<?>[] {TokenDesk.class}, (proxy, method, args) -> {
                    if (method.getName().equals("generateKeyAndRequest")) {
                        w01.takeOver(caseId[0], "manager1", "manager1-pw".toCharArray(), "counter 3 froze");
                    }
                    try {
                        return method.invoke(fake, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RenewalService w03 = new RenewalCases(world.parts(world.db, TestWorld.WORKSTATION, slow, null),
                TestWorld.TELLER);
        RenewalCase c = throughId(w03);
        caseId[0] = c.id();
        assertThat(w03.verifyCard(c.id(), card())).isInstanceOf(Outcome.Advanced.class);
        assertThat(w03.verifyToken(c.id(), "1234567890")).isInstanceOf(Outcome.Advanced.class);

        assertThatThrownBy(() -> w03.generateKey(c.id(), FakeTokenDesk.pin(FakeTokenDesk.PIN)))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.CASE_TAKEN_OVER_ELSEWHERE));
        assertThat(w01.find(c.id()).state()).as("counter 3's step wrote nothing").isEqualTo(CaseState.TOKEN_VERIFIED);
        assertThat(world.journal.rows(c.id())).anySatisfy(row -> assertThat(row)
                .startsWith(CaseEvents.CLAIM_REFUSED + " teller1 REJECTED").contains("takenFrom=0102-W03"));
    }

    @Test
    void workstationsRacingForOneCaseNeverBothDriveIt() throws Exception {
        int counters = 4;
        List<RenewalService> services = new ArrayList<>();
        services.add(at(TestWorld.WORKSTATION, TestWorld.TELLER));
        for (int i = 1; i < counters; i++) {
            services.add(at("0102-W1" + i, TestWorld.TELLER2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(counters);
        try {
            for (int round = 0; round < 10; round++) {
                RenewalCase c = services.get(0).open("C000123");
                services.get(0).endVisit(); // left unclaimed: any counter may take it
                CyclicBarrier start = new CyclicBarrier(counters);
                List<Future<Boolean>> results = new ArrayList<>();
                for (RenewalService s : services) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return s.verifyId(c.id(), TestWorld.idCard()) instanceof Outcome.Advanced;
                        } catch (RenewalException e) {
                            assertThat(e.code()).isIn(ProblemCode.CASE_CLAIMED_ELSEWHERE, ProblemCode.STEP_NOT_ALLOWED);
                            return false;
                        }
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
                RenewalCase after = services.get(0).find(c.id());
                assertThat(services.get(0).history(c.id())).containsExactly("->OPENED", "OPENED->ID_VERIFIED");
                RenewalService holder = services.stream()
                        .filter(s -> s.claim(c.id()).map(CaseClaim::heldHere).orElse(false)).findFirst().orElseThrow();
                assertThat(after.state()).isEqualTo(CaseState.ID_VERIFIED);
                holder.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countersOpeningForOneCustomerAtOnceOpenOneCase() throws Exception {
        int counters = 4;
        List<RenewalService> services = new ArrayList<>();
        services.add(at(TestWorld.WORKSTATION, TestWorld.TELLER));
        for (int i = 1; i < counters; i++) {
            services.add(at("0102-W2" + i, TestWorld.TELLER2));
        }
        ExecutorService pool = Executors.newFixedThreadPool(counters);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier start = new CyclicBarrier(counters);
                List<Future<RenewalCase>> results = new ArrayList<>();
                for (RenewalService s : services) {
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return s.open("C000123");
                        } catch (RenewalException e) {
                            assertThat(e.code()).isEqualTo(ProblemCode.CUSTOMER_HAS_OPEN_CASE);
                            return null;
                        }
                    }));
                }
                List<RenewalCase> openedCases = new ArrayList<>();
                for (Future<RenewalCase> f : results) {
                    RenewalCase c = f.get(30, TimeUnit.SECONDS);
                    if (c != null) {
                        openedCases.add(c);
                    }
                }
                assertThat(openedCases).as("round " + round).hasSize(1);
                RenewalCase c = openedCases.get(0);
                assertThat(services.get(0).resumableCases()).singleElement()
                        .satisfies(r -> assertThat(r.renewalCase().id()).isEqualTo(c.id()));
                services.stream().filter(s -> s.claim(c.id()).map(CaseClaim::heldHere).orElse(false)).findFirst()
                        .orElseThrow().abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
