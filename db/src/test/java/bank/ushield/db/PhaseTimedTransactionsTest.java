package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** Jdbi transactions are timed as phase events (ADR 0083) and still commit and roll back as before. */
@ExtendWith(DatabaseFileExtension.class)
class PhaseTimedTransactionsTest {

    @Test
    void aRecordingSeesEachTransactionAndEachCommitAndARollbackStillUndoes(DatabaseFile file) throws Exception {
        try (Database db = Database.open(file.path()); Recording r = new Recording()) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE t (x INTEGER)"));
            r.enable("bank.ushield.WorkPhase").withThreshold(Duration.ZERO).withoutStackTrace();
            r.start();
            db.jdbi().useTransaction(h -> h.execute("INSERT INTO t VALUES (1)"));
            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
                h.execute("INSERT INTO t VALUES (2)");
                throw new IllegalStateException("undo");
            })).isInstanceOf(IllegalStateException.class);
            r.stop();
            Path out = Files.createTempFile(file.path().getParent(), "phases", ".jfr");
            r.dump(out);
            List<String> phases = RecordingFile.readAllEvents(out).stream()
                    .filter(e -> e.getEventType().getName().equals("bank.ushield.WorkPhase"))
                    .map(e -> e.getString("phase")).toList();
            assertThat(phases).containsExactlyInAnyOrder(WorkPhaseEvent.COMMIT, WorkPhaseEvent.STATEMENTS,
                    WorkPhaseEvent.STATEMENTS);
            List<Integer> rows = db.jdbi().withHandle(h -> h.createQuery("SELECT x FROM t").mapTo(Integer.class).list());
            assertThat(rows).containsExactly(1);
        }
    }

    @Test
    void withoutARecordingAPhaseEventRecordsNothingAndCostsNoSetUp() {
        try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.COMMIT)) {
            assertThat(e.isEnabled()).isFalse();
            assertThat(e.phase).isNull(); // fields are only filled for a recording
        }
    }
}
