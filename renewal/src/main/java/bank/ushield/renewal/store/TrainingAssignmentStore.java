package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

/** The SQL of scenario assignments: which scenarios a trainer gave which trainee. */
public final class TrainingAssignmentStore {

    /** One assignment as stored. */
    public record Row(String trainee, String scenarioId, String assignedBy, Instant assignedAt) {
    }

    private final Jdbi jdbi;

    public TrainingAssignmentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records the assignment; assigning the same scenario again keeps the first one. @return whether it is new */
    public boolean assign(String trainee, String scenarioId, String assignedBy, Instant at) {
        return jdbi.withHandle(h -> {
            boolean exists = h.createQuery("SELECT count(*) FROM training_assignment WHERE trainee = :t AND scenario_id = :s")
                    .bind("t", trainee).bind("s", scenarioId).mapTo(Integer.class).one() > 0;
            if (!exists) {
                h.createUpdate("""
                                INSERT INTO training_assignment (trainee, scenario_id, assigned_by, assigned_at)
                                VALUES (:t, :s, :b, :at)""")
                        .bind("t", trainee).bind("s", scenarioId).bind("b", assignedBy).bind("at", at.toString())
                        .execute();
            }
            return !exists;
        });
    }

    /** The trainee's assignments, oldest first. */
    public List<Row> of(String trainee) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT trainee, scenario_id, assigned_by, assigned_at FROM training_assignment
                         WHERE trainee = :t ORDER BY assigned_at, scenario_id""")
                .bind("t", trainee)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.parse(rs.getString(4))))
                .list());
    }
}
