package bank.ushield.renewal.staff;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.db.LoginResult;
import bank.ushield.db.StaffAuthenticator;
import bank.ushield.db.StaffUser;
import bank.ushield.renewal.staff.Role;
import bank.ushield.renewal.staff.SignInResult;
import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.renewal.staff.StaffSession;

/**
 * Staff access on the db module's accounts (Argon2id, lockout) with every login, logout, lock and unlock
 * recorded in the audit log. The audit entry is written before the answer is returned.
 */
public final class DbStaffAccess implements StaffAccess {

    private static final Logger LOG = LoggerFactory.getLogger(DbStaffAccess.class);
    /** The actor of an audit entry for a login that matches no account. */
    static final String UNKNOWN_ACTOR = "unknown";
    /** The audit role of a refused login (no account's role is taken on before the password is right). */
    static final String ROLE_UNKNOWN = "NONE";
    private final Supplier<StaffAuthenticator> authenticator;
    private final Supplier<AuditLog> audit;
    private final Clock clock;

    /** Suppliers, so the database may still be opening when the login window appears. */
    public DbStaffAccess(Supplier<StaffAuthenticator> authenticator, Supplier<AuditLog> audit, Clock clock) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SignInResult signIn(String login, char[] password) {
        LoginResult result = authenticator.get().authenticate(login, password);
        if (result instanceof LoginResult.Ok ok) {
            StaffUser user = ok.user();
            Role role = Role.valueOf(user.role().name());
            record(AuditEventType.LOGIN_OK, AuditOutcome.OK, login, role.name());
            return new SignInResult.SignedIn(new StaffSession(user.login(), user.displayName(), role, clock.instant()));
        }
        String role = ROLE_UNKNOWN;
        if (result instanceof LoginResult.WrongPassword wrong) {
            record(AuditEventType.LOGIN_FAILED, AuditOutcome.FAILED, login, role,
                    "reason", "WRONG_PASSWORD", "triesLeft", wrong.triesLeft());
            // The same answer as for an unknown login (no tries left shown): the screen must not tell which logins
            // exist.
            return new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of());
        }
        if (result instanceof LoginResult.Locked locked) {
            record(AuditEventType.LOGIN_LOCKED, AuditOutcome.REFUSED, login, role,
                    "lockedUntil", locked.until().toString());
            return new SignInResult.Refused(SignInResult.Reason.LOCKED, List.of(locked.until()));
        }
        if (result instanceof LoginResult.Inactive) {
            record(AuditEventType.LOGIN_FAILED, AuditOutcome.REFUSED, login, role, "reason", "INACTIVE");
            return new SignInResult.Refused(SignInResult.Reason.INACTIVE, List.of());
        }
        // Unknown login: audited as what it is, but what was typed only masked (a password typed into the login
        // field would otherwise stay in the log for ever); the screen words it like a wrong password.
        record(AuditEventType.LOGIN_FAILED, AuditOutcome.FAILED, UNKNOWN_ACTOR, role, "reason", "UNKNOWN_USER",
                "typed", maskTyped(login));
        return new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of());
    }

    @Override
    public void signedOut(StaffSession session) {
        record(AuditEventType.LOGOUT, AuditOutcome.OK, session.login(), session.role().name());
    }

    @Override
    public void locked(StaffSession session, boolean idle) {
        record(AuditEventType.SCREEN_LOCKED, AuditOutcome.INFO, session.login(), session.role().name(),
                "cause", idle ? "IDLE" : "BUTTON");
    }

    @Override
    public SignInResult unlock(StaffSession session, char[] password) {
        LoginResult result = authenticator.get().authenticate(session.login(), password);
        if (result instanceof LoginResult.Ok) {
            record(AuditEventType.SCREEN_UNLOCKED, AuditOutcome.OK, session.login(), session.role().name());
            return new SignInResult.SignedIn(session);
        }
        record(AuditEventType.SCREEN_UNLOCKED, AuditOutcome.FAILED, session.login(), session.role().name(),
                "reason", result.outcome().name());
        if (result instanceof LoginResult.Locked locked) {
            return new SignInResult.Refused(SignInResult.Reason.LOCKED, List.of(locked.until()));
        }
        return new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of());
    }

    @Override
    public void settingsChanged(StaffSession by, java.util.SortedMap<String, List<String>> changes) {
        StaffAccess.super.settingsChanged(by, changes);
        AuditEvent.Builder event = AuditEvent.builder(AuditEventType.SETTINGS_CHANGED, AuditOutcome.OK)
                .actor(by.login(), by.role().name());
        // Paths, ids and display choices only: no setting holds a secret.
        changes.forEach((name, oldAndNew) -> event.detail(name, oldAndNew));
        audit.get().append(event.build());
        LOG.info("Settings changed by {}: {}", by.login(), changes);
    }

    /**
     * What was typed into the login field for an unknown login, as the log keeps it: its first character and its
     * length as '*', at most 32 (enough to tell a mistyped login from a pasted password, too little to replay it).
     */
    static String maskTyped(String typed) {
        if (typed == null || typed.isEmpty()) {
            return "";
        }
        int first = typed.codePointAt(0);
        String head = Character.isLetterOrDigit(first) ? new String(Character.toChars(first)) : "*";
        int rest = typed.codePointCount(0, typed.length()) - 1;
        return head + "*".repeat(Math.min(rest, 31));
    }

    private void record(AuditEventType type, AuditOutcome outcome, String login, String role, Object... details) {
        AuditEvent.Builder event = AuditEvent.builder(type, outcome)
                .actor(login == null || login.isBlank() ? "unknown" : login, role.toUpperCase(Locale.ROOT));
        for (int i = 0; i + 1 < details.length; i += 2) {
            event.detail((String) details[i], details[i + 1]);
        }
        audit.get().append(event.build());
        LOG.info("{} {} {}", type, outcome, login == null || login.isBlank() ? UNKNOWN_ACTOR : login);
    }
}
