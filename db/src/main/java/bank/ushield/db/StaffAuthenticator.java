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
    private final String unmatchable;

    public StaffAuthenticator(Jdbi jdbi, PasswordHasher hasher, LockoutPolicy policy, Clock clock) {
        this.jdbi = jdbi;
        this.users = new StaffUserRepository(jdbi, hasher, clock);
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
        this.unmatchable = hasher.unmatchableHash();
    }

    /** Checks the password; the array is wiped before returning, whatever the outcome. */
    public LoginResult authenticate(String login, char[] password) {
        try {
            return check(login, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * An unknown login runs the same steps as a wrong password for a real account: one Argon2id verification (against
     * a hash with this hasher's parameters that nothing matches), then one write transaction that re-reads the
     * account and changes one row (the unknown-login tally instead of the account's failure count). Otherwise the
     * answer time (1.1 ms against 3.0 ms before) tells which logins exist.
     */
    private LoginResult check(String login, char[] password) {
        Optional<StaffUserRepository.Credentials> found = users.credentials(login);
        Instant now = clock.instant();
        if (found.isPresent() && found.get().lockedUntil() != null && now.isBefore(found.get().lockedUntil())) {
            // While locked no password is checked, so guessing goes on no faster than the policy allows.
            return new LoginResult.Locked(found.get().lockedUntil());
        }
        String hash = found.map(StaffUserRepository.Credentials::passwordHash).orElse(unmatchable);
        boolean matches = hasher.verify(password, hash) && found.isPresent();
        if (matches) {
            StaffUserRepository.Credentials c = found.get();
            if (!c.active()) {
                LOG.info("Login refused for {}: account inactive", login);
                return new LoginResult.Inactive();
            }
            String rehash = hasher.needsRehash(c.passwordHash()) ? hasher.hash(password) : null;
            jdbi.useTransaction(h -> {
                users.storeFailures(h, c.id(), 0, null);
                if (rehash != null) {
                    users.storeRehash(c.id(), rehash);
                }
            });
            return new LoginResult.Ok(users.find(c.id()).orElseThrow());
        }
        return recordFailure(login, now);
    }

    /**
     * Counts the failure from fresh values inside one write transaction, so parallel attempts all count. A login
     * that matches no account (also one deleted meanwhile) counts in the unknown-login tally: the same shape of work.
     */
    private LoginResult recordFailure(String login, Instant now) {
        return jdbi.inTransaction(h -> {
            // Lock the row before reading it: SQLite's writers queue at BEGIN anyway; PostgreSQL (READ COMMITTED)
            // would otherwise let two parallel failures read the same count and lose one. An unknown login runs
            // the same statement (it changes no row), so both paths keep the same shape of work.
            h.createUpdate("UPDATE staff_user SET failed_attempts = failed_attempts WHERE login = :login")
                    .bind("login", login).execute();
            Optional<StaffUserRepository.Credentials> current = users.credentials(login);
            if (current.isEmpty()) {
                users.countUnknownLogin(h, now);
                LOG.info("Login refused: unknown login");
                return new LoginResult.UnknownUser();
            }
            StaffUserRepository.Credentials fresh = current.get();
            if (fresh.lockedUntil() != null && now.isBefore(fresh.lockedUntil())) {
                return new LoginResult.Locked(fresh.lockedUntil());
            }
            // A lock that has run out starts a fresh count.
            int failures = (fresh.lockedUntil() != null ? 0 : fresh.failedAttempts()) + 1;
            if (failures >= policy.maxFailures()) {
                Instant until = now.plus(policy.lockFor());
                users.storeFailures(h, fresh.id(), failures, until);
                LOG.warn("Account {} locked until {} after {} failed logins", login, until, failures);
                return new LoginResult.Locked(until);
            }
            users.storeFailures(h, fresh.id(), failures, null);
            LOG.info("Login refused for {}: wrong password ({} of {})", login, failures, policy.maxFailures());
            return new LoginResult.WrongPassword(policy.maxFailures() - failures);
        });
    }
}
