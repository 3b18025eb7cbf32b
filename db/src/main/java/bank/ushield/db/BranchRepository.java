package bank.ushield.db;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Identity of this installation: the branch and its workstations. */
public final class BranchRepository {
    private static final RowMapper<Branch> BRANCH = ShapeKeptRowMapper.of(Branch.class);
    private static final RowMapper<Workstation> WORKSTATION = ShapeKeptRowMapper.of(Workstation.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public BranchRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates the branch or renames it; idempotent. */
    public Branch saveBranch(String id, String name) {
        Sql.checkedRun("Branch " + id, () -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO branch (id, name) VALUES (:id, :name) ON CONFLICT (id) DO UPDATE SET name = excluded.name")
                .bind("id", id).bind("name", name).execute()));
        return new Branch(id, name);
    }

    public Optional<Branch> branch(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name FROM branch WHERE id = :id")
                .bind("id", id).map(BRANCH).findOne());
    }

    /** Creates the workstation or updates its name and mode; the creation time stays. Idempotent. */
    public Workstation saveWorkstation(String id, String branchId, String name, boolean training) {
        Sql.checkedRun("Workstation " + id, () -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO workstation (id, branch_id, name, training, created_at) "
                                + "VALUES (:id, :branchId, :name, :training, :now) ON CONFLICT (id) DO UPDATE SET "
                                + "branch_id = excluded.branch_id, name = excluded.name, training = excluded.training")
                .bind("id", id).bind("branchId", branchId).bind("name", name).bind("training", training)
                .bind("now", clock.instant()).execute()));
        return workstation(id).orElseThrow();
    }

    public Optional<Workstation> workstation(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM workstation WHERE id = :id")
                .bind("id", id).map(WORKSTATION).findOne());
    }

    /** Every workstation in this database, of any branch (a database is training-only or production-only). */
    public List<Workstation> allWorkstations() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM workstation ORDER BY id").map(WORKSTATION).list());
    }

    public List<Workstation> workstations(String branchId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM workstation WHERE branch_id = :b ORDER BY id")
                .bind("b", branchId).map(WORKSTATION).list());
    }
}
