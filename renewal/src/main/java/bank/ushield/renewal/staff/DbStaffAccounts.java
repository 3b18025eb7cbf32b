package bank.ushield.renewal.staff;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import bank.ushield.audit.AuditLog;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUser;
import bank.ushield.db.Repositories;

/** {@link StaffAccounts} on the db module's accounts through {@link StaffAdministration}; managers and IT only. */
public final class DbStaffAccounts implements StaffAccounts {

    private final Supplier<Repositories> accounts;
    private final Supplier<AuditLog> audit;
    private final Supplier<String> branchId;
    private final Clock clock;

    /** Suppliers, so the database may still be opening when the screen is built. */
    public DbStaffAccounts(Supplier<Repositories> accounts, Supplier<AuditLog> audit, Supplier<String> branchId,
                           Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.branchId = branchId;
        this.clock = clock;
    }

    private StaffAdministration admin(StaffSession by) {
        if (!by.role().administers()) {
            throw new StaffAdministration.Refused("Only a manager or IT manages staff accounts");
        }
        return new StaffAdministration(accounts.get(), audit.get());
    }

    @Override
    public List<Account> list() {
        return accounts.get().staff().ofBranch(branchId.get()).stream().map(this::account).toList();
    }

    private Account account(StaffUser u) {
        boolean locked = u.lockedUntil() != null && u.lockedUntil().isAfter(clock.instant());
        return new Account(u.login(), u.displayName(), Role.valueOf(u.role().name()), u.active(), locked);
    }

    @Override
    public void create(StaffSession by, String login, String displayName, Role role, char[] password) {
        admin(by).create(StaffAdministration.Actor.manager(by), login, displayName, StaffRole.valueOf(role.name()),
                branchId.get(), password);
    }

    @Override
    public void resetPassword(StaffSession by, String login, char[] password) {
        admin(by).resetPassword(StaffAdministration.Actor.manager(by), login, password);
    }

    @Override
    public void unlock(StaffSession by, String login) {
        admin(by).unlock(StaffAdministration.Actor.manager(by), login);
    }

    @Override
    public void setActive(StaffSession by, String login, boolean active) {
        admin(by).setActive(StaffAdministration.Actor.manager(by), login, active);
    }

    @Override
    public void changeRole(StaffSession by, String login, Role role) {
        admin(by).changeRole(StaffAdministration.Actor.manager(by), login, StaffRole.valueOf(role.name()));
    }
}
