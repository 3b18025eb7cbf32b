package bank.ushield.renewal.store;

import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/** The SQL of scenario training runs: the staged customers and the case a trainee handled. */
public final class TrainingRunStore {

    private final Jdbi jdbi;

    public TrainingRunStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** How many scenario customers (SCN...) earlier runs staged in this training database. */
    public int scenarioCustomers() {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM customer WHERE customer_no LIKE 'SCN%'").mapTo(Integer.class).one());
    }

    /** The customer's newest case as {id, case_no, state, abort_reason}. */
    public Optional<Object[]> newestCaseOf(String customerNo) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT r.id, r.case_no, r.state, r.abort_reason FROM renewal_case r
                          JOIN customer c ON c.id = r.customer_id
                         WHERE c.customer_no = :no ORDER BY r.id DESC LIMIT 1""")
                .bind("no", customerNo)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .findOne());
    }
}
