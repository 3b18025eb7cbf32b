package bank.ushield.renewal;

import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A journal that writes into a table of the same database, so tests see whether it committed with the step. */
final class SqlTestJournal implements CaseJournal {

    private final Jdbi jdbi;
    volatile String failOn;

    SqlTestJournal(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS test_journal (seq INTEGER PRIMARY KEY, type TEXT, "
                + "actor TEXT, case_id INTEGER, outcome TEXT, details TEXT)"));
    }

    @Override
    public long record(Handle h, CaseEvent e) {
        if (e.type().equals(failOn)) {
            throw new IllegalStateException("journal refused " + e.type());
        }
        return h.createUpdate("INSERT INTO test_journal (type, actor, case_id, outcome, details) "
                        + "VALUES (:t, :a, :c, :o, :d)")
                .bind("t", e.type()).bind("a", e.actor().login()).bind("c", e.caseId()).bind("o", e.outcome())
                .bind("d", new java.util.TreeMap<>(e.details()).toString())
                .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one();
    }

    List<String> types(long caseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT type FROM test_journal WHERE case_id = :c ORDER BY seq")
                .bind("c", caseId).mapTo(String.class).list());
    }

    List<String> rows(long caseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT type || ' ' || actor || ' ' || outcome || ' ' || details "
                        + "FROM test_journal WHERE case_id = :c ORDER BY seq")
                .bind("c", caseId).mapTo(String.class).list());
    }
}
