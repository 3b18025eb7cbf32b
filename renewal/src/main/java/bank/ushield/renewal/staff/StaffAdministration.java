package bank.ushield.renewal.staff;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUser;
import bank.ushield.db.StaffUserRepository;

/**
 * Staff accounts managed by a manager or IT: create, reset password, unlock, disable, enable, change role. Every
 * change is written to the audit log with who did it (the acting manager's login, or "IT" and the operating-system
 * user for the commands); passwords never reach the log. A change and its audit entry commit in one transaction
 * (ADR 0070): a crash between them leaves neither.
 */
public final class StaffAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(StaffAdministration.class);
    /** Shortest password a new or reset account may get. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** Who makes a change: a login (or "IT (os-user)") and the role it acts in. */
    public record Actor(String name, String role) {
        /** IT support at the workstation's console: the operating-system user running the command. */
        public static Actor it() {
            return new Actor("IT (" + System.getProperty("user.name", "?") + ")", "IT");
        }

        /** A manager signed in at the workstation. */
        public static Actor manager(StaffSession session) {
            return new Actor(session.login(), session.role().name());
        }
    }

    /** A change that was not made, with the reason in words. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /** What was changed, as the audit entry's {@code change} detail. */
    public enum Change {
        PASSWORD_RESET, UNLOCKED, DISABLED, ENABLED, ROLE_CHANGED
    }

    private final Jdbi jdbi;
    private final StaffUserRepository accounts;
    private final AuditLog audit;
    private final Runnable betweenChangeAndEntry;

    /** Account changes in {@code repos}' database, audited in {@code audit} (a log over the same database). */
    public StaffAdministration(Repositories repos, AuditLog audit) {
        this(repos, audit, () -> { });
    }

    /** With a step run after the change and before its audit entry, inside the transaction (crash tests). */
    StaffAdministration(Repositories repos, AuditLog audit, Runnable betweenChangeAndEntry) {
        this.jdbi = repos.jdbi();
        this.accounts = repos.staff();
        this.audit = audit;
        this.betweenChangeAndEntry = betweenChangeAndEntry;
    }

    /** The accounts of a branch, by login. */
    public List<StaffUser> list(String branchId) {
        return accounts.ofBranch(branchId);
    }

    /** Creates an account; the password array is wiped. */
    public StaffUser create(Actor by, String login, String displayName, StaffRole role, String branchId,
                            char[] password) {
        try {
            if (login == null || !login.matches("[A-Za-z0-9._-]{2,32}")) {
                throw new Refused("A login is 2 to 32 letters, digits, '.', '-' or '_'");
            }
            if (accounts.findByLogin(login).isPresent()) {
                throw new Refused("Staff " + login + " exists already; unchanged (use staff reset-password, "
                        + "unlock, disable, enable or set-role)");
            }
            requireStrong(password);
            return audited(by, AuditEventType.STAFF_ACCOUNT_CREATED, () -> accounts.create(login,
                    displayName == null ? login : displayName, role, branchId, password),
                    "role", role.name(), "branch", branchId);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Replaces the password and lifts any lockout; the array is wiped. */
    public void resetPassword(Actor by, String login, char[] password) {
        try {
            StaffUser user = existing(login);
            requireStrong(password);
            audited(by, AuditEventType.STAFF_ACCOUNT_CHANGED, () -> {
                accounts.changePassword(login, password);
                return user;
            }, "change", Change.PASSWORD_RESET.name());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Lifts a lockout before its time. */
    public void unlock(Actor by, String login) {
        StaffUser user = existing(login);
        audited(by, AuditEventType.STAFF_ACCOUNT_CHANGED, () -> {
            accounts.unlock(login);
            return user;
        }, "change", Change.UNLOCKED.name());
    }

    /** Disables (or enables again) an account; a disabled account cannot log in, its row stays for the audit trail. */
    public void setActive(Actor by, String login, boolean active) {
        StaffUser user = existing(login);
        if (!active && user.login().equals(by.name())) {
            throw new Refused("You cannot disable your own account");
        }
        audited(by, AuditEventType.STAFF_ACCOUNT_CHANGED, () -> {
            accounts.setActive(login, active);
            return user;
        }, "change", (active ? Change.ENABLED : Change.DISABLED).name());
    }

    /** Gives an account another role. */
    public void changeRole(Actor by, String login, StaffRole role) {
        StaffUser user = existing(login);
        if (user.login().equals(by.name())) {
            throw new Refused("You cannot change your own role");
        }
        audited(by, AuditEventType.STAFF_ACCOUNT_CHANGED, () -> {
            accounts.changeRole(login, role);
            return user;
        }, "change", Change.ROLE_CHANGED.name(), "from", user.role().name(), "to", role.name());
    }

    private StaffUser existing(String login) {
        return accounts.findByLogin(login).orElseThrow(() -> new Refused("No staff account with login " + login));
    }

    private static void requireStrong(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new Refused("The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    /**
     * Makes the change and appends its audit entry in one transaction: the repository joins the transaction this
     * thread holds, the entry is appended on the same handle. Both commit or neither (a kill -9 between them
     * rolls the change back with the unfinished transaction).
     */
    private StaffUser audited(Actor by, AuditEventType type, java.util.function.Supplier<StaffUser> change,
                              String... details) {
        StaffUser user = jdbi.inTransaction(h -> {
            StaffUser changed = change.get();
            betweenChangeAndEntry.run();
            AuditEvent.Builder event = AuditEvent.builder(type, AuditOutcome.OK)
                    .actor(by.name(), by.role().toUpperCase(Locale.ROOT))
                    .detail("login", changed.login());
            for (int i = 0; i + 1 < details.length; i += 2) {
                event.detail(details[i], details[i + 1]);
            }
            audit.append(h, event.build());
            return changed;
        });
        LOG.info("{} {} by {}", type, user.login(), by.name());
        return user;
    }
}
