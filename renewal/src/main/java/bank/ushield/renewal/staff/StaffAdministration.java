package bank.ushield.renewal.staff;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUser;
import bank.ushield.db.StaffUserRepository;

/**
 * Staff accounts managed by a manager or IT: create, reset password, unlock, disable, enable, change role. Every
 * change is written to the audit log with who did it (the acting manager's login, or "IT" and the operating-system
 * user for the commands); passwords never reach the log.
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

    private final StaffUserRepository accounts;
    private final AuditLog audit;

    public StaffAdministration(StaffUserRepository accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
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
            StaffUser user = accounts.create(login, displayName == null ? login : displayName, role, branchId,
                    password);
            record(by, AuditEventType.STAFF_ACCOUNT_CREATED, user, "role", role.name(), "branch", branchId);
            return user;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Replaces the password and lifts any lockout; the array is wiped. */
    public void resetPassword(Actor by, String login, char[] password) {
        try {
            StaffUser user = existing(login);
            requireStrong(password);
            accounts.changePassword(login, password);
            record(by, AuditEventType.STAFF_ACCOUNT_CHANGED, user, "change", Change.PASSWORD_RESET.name());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Lifts a lockout before its time. */
    public void unlock(Actor by, String login) {
        StaffUser user = existing(login);
        accounts.unlock(login);
        record(by, AuditEventType.STAFF_ACCOUNT_CHANGED, user, "change", Change.UNLOCKED.name());
    }

    /** Disables (or enables again) an account; a disabled account cannot log in, its row stays for the audit trail. */
    public void setActive(Actor by, String login, boolean active) {
        StaffUser user = existing(login);
        if (!active && user.login().equals(by.name())) {
            throw new Refused("You cannot disable your own account");
        }
        accounts.setActive(login, active);
        record(by, AuditEventType.STAFF_ACCOUNT_CHANGED, user, "change",
                (active ? Change.ENABLED : Change.DISABLED).name());
    }

    /** Gives an account another role. */
    public void changeRole(Actor by, String login, StaffRole role) {
        StaffUser user = existing(login);
        if (user.login().equals(by.name())) {
            throw new Refused("You cannot change your own role");
        }
        accounts.changeRole(login, role);
        record(by, AuditEventType.STAFF_ACCOUNT_CHANGED, user, "change", Change.ROLE_CHANGED.name(),
                "from", user.role().name(), "to", role.name());
    }

    private StaffUser existing(String login) {
        return accounts.findByLogin(login).orElseThrow(() -> new Refused("No staff account with login " + login));
    }

    private static void requireStrong(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new Refused("The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private void record(Actor by, AuditEventType type, StaffUser user, String... details) {
        AuditEvent.Builder event = AuditEvent.builder(type, AuditOutcome.OK)
                .actor(by.name(), by.role().toUpperCase(Locale.ROOT))
                .detail("login", user.login());
        for (int i = 0; i + 1 < details.length; i += 2) {
            event.detail(details[i], details[i + 1]);
        }
        audit.append(event.build());
        LOG.info("{} {} by {}", type, user.login(), by.name());
    }
}
