package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

@ExtendWith(DatabaseFileExtension.class)
class CaseStateTest {

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
    void theDatabaseTriggerTableEqualsTheEnumTable(DatabaseFile file) {
        Database db = Database.open(file.path());
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
}
