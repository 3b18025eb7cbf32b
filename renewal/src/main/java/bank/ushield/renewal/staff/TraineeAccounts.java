package bank.ushield.renewal.staff;

import java.util.List;
import java.util.function.Supplier;

import bank.ushield.audit.AuditLog;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUser;

/**
 * Trainee accounts as the trainer manages them on a training workstation (ADR 0091): teller accounts of the
 * training branch only, created, reset, unlocked, disabled and enabled by a trainer, each change audited through
 * {@link StaffAdministration} (password hashed as every staff password, never logged). A trainer can neither make
 * nor touch a manager, trainer or IT account, nor change a role: a trainee can never do manager or IT things.
 */
public final class TraineeAccounts implements StaffAccounts {

    private final Supplier<Repositories> repositories;
    private final Supplier<AuditLog> audit;
    private final String branchId;
    private final DbStaffAccounts accounts;

    /** Over the training workstation's database and audit log; {@code branchId} is the training branch. */
    public TraineeAccounts(Supplier<Repositories> repositories, Supplier<AuditLog> audit, String branchId,
                           java.time.Clock clock) {
        this.repositories = repositories;
        this.audit = audit;
        this.branchId = branchId;
        this.accounts = new DbStaffAccounts(repositories, audit, () -> branchId, clock);
    }

    @Override
    public List<Account> list() {
        return accounts.list().stream().filter(a -> a.role() == Role.TELLER).toList();
    }

    @Override
    public void create(StaffSession by, String login, String displayName, Role role, char[] password) {
        try {
            if (role != Role.TELLER) {
                throw new StaffAdministration.Refused("A trainer creates trainee (teller) accounts only");
            }
            admin(by).create(actor(by), login, displayName, StaffRole.TELLER, branchId, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    @Override
    public void resetPassword(StaffSession by, String login, char[] password) {
        try {
            StaffAdministration admin = admin(by);
            trainee(login);
            admin.resetPassword(actor(by), login, password);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    @Override
    public void unlock(StaffSession by, String login) {
        StaffAdministration admin = admin(by);
        trainee(login);
        admin.unlock(actor(by), login);
    }

    @Override
    public void setActive(StaffSession by, String login, boolean active) {
        StaffAdministration admin = admin(by);
        trainee(login);
        admin.setActive(actor(by), login, active);
    }

    @Override
    public void changeRole(StaffSession by, String login, Role role) {
        throw new StaffAdministration.Refused("A trainer cannot change the role of an account");
    }

    private StaffAdministration admin(StaffSession by) {
        if (by == null || by.role() != Role.TRAINER) {
            throw new StaffAdministration.Refused("Only a trainer manages trainee accounts");
        }
        return new StaffAdministration(repositories.get(), audit.get());
    }

    /** The account must be a teller of the training branch: never a manager, trainer or IT account. */
    private void trainee(String login) {
        StaffUser user = repositories.get().staff().findByLogin(login).orElseThrow(() ->
                new StaffAdministration.Refused("No trainee account with login " + login));
        if (user.role() != StaffRole.TELLER || !branchId.equals(user.branchId())) {
            throw new StaffAdministration.Refused("A trainer manages trainee (teller) accounts only, not " + login);
        }
    }

    private static StaffAdministration.Actor actor(StaffSession by) {
        return new StaffAdministration.Actor(by.login(), Role.TRAINER.name());
    }
}
