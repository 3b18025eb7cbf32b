package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** The one case state machine, checked against itself and against the database's triggers. */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CaseStateTest {

    @Parameter
    Engine engine;


    @Test
    void theForwardPathIsTheDocumentedOne() {
        List<CaseState> path = new java.util.ArrayList<>();
        for (CaseState s = CaseState.OPENED; s != null; s = s.next().orElse(null)) {
            path.add(s);
        }
        assertThat(path).containsExactly(CaseState.OPENED, CaseState.ID_VERIFIED, CaseState.CARD_VERIFIED,
                CaseState.TOKEN_VERIFIED, CaseState.KEY_GENERATED, CaseState.CSR_QUEUED, CaseState.CERT_RECEIVED,
                CaseState.CERT_INSTALLED, CaseState.COMPLETED);
    }

    @Test
    void everyOpenStateMayAbortAndNothingLeavesATerminalState() {
        for (CaseState s : CaseState.values()) {
            assertThat(s.canMoveTo(CaseState.ABORTED)).as(s.name()).isEqualTo(!s.terminal());
            assertThat(s.canMoveTo(s)).as("no self loop on " + s).isFalse();
            assertThat(s.canMoveTo(CaseState.OPENED)).isFalse();
            if (s.terminal()) {
                assertThat(s.successors()).isEmpty();
            } else {
                assertThat(s.successors()).hasSize(s.next().get() == CaseState.ABORTED ? 1 : 2);
            }
        }
    }

    @Test
    void theDatabaseTriggerTableEqualsTheEnumTable(DatabaseFile file, PostgresDatabase pg) {
        Database db = Fixtures.open(engine, file, pg);
        Set<String> inDb = new HashSet<>(db.jdbi().withHandle(h -> h.createQuery(
                "SELECT from_state || '->' || to_state FROM case_transition").mapTo(String.class).list()));
        Set<String> inEnum = new HashSet<>();
        for (CaseState from : CaseState.values()) {
            for (CaseState to : from.successors()) {
                inEnum.add(from + "->" + to);
            }
        }
        assertThat(inDb).isEqualTo(inEnum);
    }

    /**
     * Tries every (from, to) UPDATE on a real database file: the trigger renewal_case_legal_transition refuses exactly
     * the pairs the enum forbids. One difference, by the trigger's design: it only fires WHEN NEW.state <> OLD.state,
     * so an UPDATE that keeps the state (from == to) is not a transition to the database and passes, while the enum
     * says no state moves to itself.
     */
    @Test
    void theTriggerRefusesExactlyTheIllegalTransitions(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (CaseState from : CaseState.values()) {
            for (CaseState to : CaseState.values()) {
                long id = f.openCase("T-" + n++).id();
                boolean refused = f.db.jdbi().withHandle(h -> {
                    walk(h, id, from);
                    return !tryMove(h, id, to);
                });
                boolean expectedRefused = from != to && !from.canMoveTo(to);
                if (refused != expectedRefused) {
                    wrong.add(from + "->" + to + (refused ? " refused" : " allowed"));
                }
            }
        }
        assertThat(wrong).as("pairs where the trigger and the enum disagree").isEmpty();
    }

    /** Moves a fresh OPENED case to {@code target} along the legal path (abort straight from OPENED). */
    private static void walk(Handle h, long id, CaseState target) {
        if (target == CaseState.ABORTED) {
            assertThat(tryMove(h, id, CaseState.ABORTED)).isTrue();
            return;
        }
        for (CaseState s = CaseState.OPENED; s != target; s = s.next().orElseThrow()) {
            assertThat(tryMove(h, id, s.next().orElseThrow())).as("legal step from " + s).isTrue();
        }
    }

    /** The raw UPDATE; false when the transition trigger refuses it (any other failure fails the test). */
    private static boolean tryMove(Handle h, long id, CaseState to) {
        try {
            h.createUpdate("UPDATE renewal_case SET state = :to, "
                            + "abort_reason = CASE WHEN :to = 'ABORTED' THEN 'TEST' ELSE NULL END WHERE id = :id")
                    .bind("to", to.name()).bind("id", id).execute();
            return true;
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("illegal renewal case transition")) {
                return false;
            }
            throw e;
        }
    }
}
