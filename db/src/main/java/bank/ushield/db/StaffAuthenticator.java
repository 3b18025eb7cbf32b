package bank.ushield.db;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a login and password against the staff accounts, with lockout after repeated failures. Used for the
 * teller's login and for a manager's second login (dual control); the caller checks the role it needs.
 */
public final class StaffAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthenticator.class);

    private final Jdbi jdbi;
    private final StaffUserRepository users;
    private final PasswordHasher hasher;
    private final LockoutPolicy policy;
    private final Clock clock;

    public StaffAuthenticator(Jdbi jdbi, PasswordHasher hasher, LockoutPolicy policy, Clock clock) {
        this.jdbi = jdbi;
        this.users = new StaffUserRepository(jdbi, hasher, clock);
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    /** Checks the password; the array is wiped before returning, whatever the outcome. */
    public LoginResult authenticate(String login, char[] password) {
        try {
            return check(login, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private LoginResult check(String login, char[] password) {
        Optional<StaffUserRepository.Credentials> found = users.credentials(login);
        if (found.isEmpty()) {
            hasher.burn(password); // same time as a real check: the answer time does not tell which logins exist
            LOG.info("Login refused: unknown login");
            return new LoginResult.UnknownUser();
        }
        StaffUserRepository.Credentials c = found.get();
        Instant now = clock.instant();
        if (c.lockedUntil() != null && now.isBefore(c.lockedUntil())) {
            // While locked no password is checked, so guessing goes on no faster than the policy allows.
            return new LoginResult.Locked(c.lockedUntil());
        }
        if (hasher.verify(password, c.passwordHash())) {
            if (!c.active()) {
                LOG.info("Login refused for {}: account inactive", login);
                return new LoginResult.Inactive();
            }
            String rehash = hasher.needsRehash(c.passwordHash()) ? hasher.hash(password) : null;
            jdbi.useTransaction(h -> {
                h.createUpdate("UPDATE staff_user SET failed_attempts = 0, locked_until = NULL WHERE id = :id")
                        .bind("id", c.id()).execute();
                if (rehash != null) {
                    users.storeRehash(c.id(), rehash);
                }
            });
            return new LoginResult.Ok(users.find(c.id()).orElseThrow());
        }
        return recordFailure(login, c.id(), now);
    }

    /** Counts the failure from fresh values inside one write transaction, so parallel attempts all count. */
    private LoginResult recordFailure(String login, long id, Instant now) {
        return jdbi.inTransaction(h -> {
            // Lock the row before reading it: SQLite's writers queue at BEGIN anyway; PostgreSQL (READ COMMITTED)
            // would otherwise let two parallel failures read the same count and lose one.
            h.createUpdate("UPDATE staff_user SET failed_attempts = failed_attempts WHERE id = :id").bind("id", id).execute();
            StaffUserRepository.Credentials fresh = users.credentials(login).orElseThrow();
            if (fresh.lockedUntil() != null && now.isBefore(fresh.lockedUntil())) {
                return new LoginResult.Locked(fresh.lockedUntil());
            }
            // A lock that has run out starts a fresh count.
            int failures = (fresh.lockedUntil() != null ? 0 : fresh.failedAttempts()) + 1;
            if (failures >= policy.maxFailures()) {
                Instant until = now.plus(policy.lockFor());
                h.createUpdate("UPDATE staff_user SET failed_attempts = :f, locked_until = :until WHERE id = :id")
                        .bind("f", failures).bind("until", until).bind("id", id).execute();
                LOG.warn("Account {} locked until {} after {} failed logins", login, until, failures);
                return new LoginResult.Locked(until);
            }
            h.createUpdate("UPDATE staff_user SET failed_attempts = :f, locked_until = NULL WHERE id = :id")
                    .bind("f", failures).bind("id", id).execute();
            LOG.info("Login refused for {}: wrong password ({} of {})", login, failures, policy.maxFailures());
            return new LoginResult.WrongPassword(policy.maxFailures() - failures);
        });
    }
}
