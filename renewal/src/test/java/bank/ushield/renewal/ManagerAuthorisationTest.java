package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

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

/** On both engines: a SQLite file, and a schema on the PostgreSQL test server. */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class ManagerAuthorisationTest {

    @Parameter
    bank.ushield.db.Engine engine;


    TestWorld world;
    RenewalService teller;
    RenewalCase held;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) {
        world = new TestWorld(TestDatabases.open(engine, file, pg, TestWorld.WORKSTATION),
                Instant.parse("2026-11-25T02:00:00Z"));
        teller = world.service(TestWorld.TELLER, new FakeTokenDesk());
        RenewalCase c = teller.open("C000123");
        PresentedDocument expired = new PresentedDocument("RESIDENT_ID", TestWorld.ID_NUMBER, "张三",
                LocalDate.of(1949, 12, 31), LocalDate.of(2006, 1, 1), LocalDate.of(2026, 1, 1), true);
        Outcome o = teller.verifyId(c.id(), expired);
        assertThat(o).isInstanceOfSatisfying(Outcome.HeldForManager.class,
                h -> assertThat(h.exceptionCode()).isEqualTo("DOCUMENT_EXPIRED"));
        held = o.renewalCase();
    }

    @Test
    void aHeldCaseRefusesEveryStepUntilAuthorised() {
        assertThat(held.awaitingManager()).isTrue();
        assertThat(held.state()).isEqualTo(CaseState.OPENED);
        assertThatThrownBy(() -> teller.verifyId(held.id(), TestWorld.idCard()))
                .isInstanceOfSatisfying(RenewalException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.AWAITING_MANAGER));
        assertThat(teller.resumableCases()).singleElement()
                .satisfies(r -> assertThat(r.nextStep()).isEqualTo(ResumableCase.NextStep.AUTHORISE_EXCEPTION));
    }

    @Test
    void aManagerAuthorisesWithOwnCredentialsAndTheEntryNamesBoth() {
        char[] password = "manager1-pw".toCharArray();
        Outcome o = teller.authorise(held.id(), "DOCUMENT_EXPIRED", "manager1", password);
        assertThat(password).containsOnly('\0');
        assertThat(o.renewalCase().state()).isEqualTo(CaseState.ID_VERIFIED);
        assertThat(o.renewalCase().awaitingManager()).isFalse();
        assertThat(world.journal.rows(held.id())).anySatisfy(row -> assertThat(row)
                .startsWith("CASE_EXCEPTION_AUTHORISED manager1 SUCCESS")
                .contains("manager=manager1").contains("teller=teller1"));
        assertThat(world.journal.types(held.id())).containsExactly("CASE_OPENED", "CASE_EXCEPTION_RAISED",
                "CASE_EXCEPTION_AUTHORISED", "CASE_ID_VERIFIED");
        assertThatThrownBy(() -> teller.authorise(held.id(), "DOCUMENT_EXPIRED", "manager1",
                "manager1-pw".toCharArray())).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_NOTHING_PENDING));
    }

    @Test
    void aTellerRoleCannotAuthoriseAndNoOneAuthorisesTheirOwnCase() {
        assertThatThrownBy(() -> teller.authorise(held.id(), "DOCUMENT_EXPIRED", "teller2",
                "teller2-pw".toCharArray())).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_NOT_A_MANAGER));
        assertThatThrownBy(() -> teller.authorise(held.id(), "DOCUMENT_EXPIRED", "teller1",
                "teller1-pw".toCharArray())).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isIn(ProblemCode.AUTH_NOT_A_MANAGER, ProblemCode.AUTH_OWN_CASE));
        assertThatThrownBy(() -> teller.authorise(held.id(), "DOCUMENT_EXPIRED", "manager1",
                "wrong".toCharArray())).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_BAD_CREDENTIALS));
        // a manager who opened the case cannot authorise it either
        RenewalService managerAsTeller = world.service(TestWorld.MANAGER, new FakeTokenDesk());
        teller.abort(held.id(), AbortReason.CUSTOMER_WITHDREW);
        RenewalCase own = managerAsTeller.open("C000123");
        managerAsTeller.verifyId(own.id(), new PresentedDocument("RESIDENT_ID", TestWorld.ID_NUMBER, "张三", null,
                null, LocalDate.of(2026, 1, 1), true));
        assertThatThrownBy(() -> managerAsTeller.authorise(own.id(), "DOCUMENT_EXPIRED", "manager1",
                "manager1-pw".toCharArray())).isInstanceOfSatisfying(RenewalException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.AUTH_OWN_CASE));
        assertThat(world.journal.types(held.id())).filteredOn("CASE_AUTHORISATION_REFUSED"::equals).hasSize(3);
        assertThat(managerAsTeller.find(own.id()).state()).isEqualTo(CaseState.OPENED);
    }

    @Test
    void abortingAHeldCaseWithdrawsTheRequest() {
        RenewalCase aborted = teller.abort(held.id(), AbortReason.MANAGER_REFUSED);
        assertThat(aborted.awaitingManager()).isFalse();
        assertThat(aborted.state()).isEqualTo(CaseState.ABORTED);
    }
}
