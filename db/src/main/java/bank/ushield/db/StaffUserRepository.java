package bank.ushield.db;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Staff accounts. Passwords arrive as char[] and are wiped before the method returns; only their Argon2id PHC
 * string is stored, and it never leaves this package. Logging in is {@link StaffAuthenticator}'s job.
 */
public final class StaffUserRepository {
    static final String COLUMNS = "id, login, display_name, role, branch_id, active, failed_attempts, locked_until, "
            + "created_at, password_changed_at";
    private static final RowMapper<StaffUser> USER = ShapeKeptRowMapper.of(StaffUser.class);
    private static final RowMapper<Credentials> CREDENTIALS = ShapeKeptRowMapper.of(Credentials.class);

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Clock clock;

    public StaffUserRepository(Jdbi jdbi, PasswordHasher hasher, Clock clock) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Creates an active account; the password array is wiped. */
    public StaffUser create(String login, String displayName, StaffRole role, String branchId, char[] password) {
        try {
            return createHashed(login, displayName, role, branchId, hasher.hash(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The stored form of a password (Argon2id PHC string) with this repository's parameters; the array is wiped. */
    String hash(char[] password) {
        try {
            return hasher.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Creates an active account with a password already hashed by {@link #hash}. */
    StaffUser createHashed(String login, String displayName, StaffRole role, String branchId, String phc) {
        Instant now = clock.instant();
        long id = Sql.checked("Staff user " + login, () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO staff_user (login, display_name, role, branch_id, password_hash, created_at, "
                                + "password_changed_at) VALUES (:login, :name, :role, :branch, :hash, :now, :now)")
                .bind("login", login).bind("name", displayName).bind("role", role).bind("branch", branchId)
                .bind("hash", phc).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    public Optional<StaffUser> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM staff_user WHERE id = :id")
                .bind("id", id).map(USER).findOne());
    }

    public Optional<StaffUser> findByLogin(String login) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM staff_user WHERE login = :login")
                .bind("login", login).map(USER).findOne());
    }

    /** All accounts of a branch, by login. */
    public List<StaffUser> ofBranch(String branchId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM staff_user WHERE branch_id = :b ORDER BY login")
                .bind("b", branchId).map(USER).list());
    }

    /** Replaces the password (and clears any lockout); the array is wiped. */
    public void changePassword(String login, char[] password) {
        try {
            String phc = hasher.hash(password);
            requireOne(login, jdbi.withHandle(h -> h.createUpdate(
                            "UPDATE staff_user SET password_hash = :hash, password_changed_at = :now, failed_attempts = 0, "
                                    + "locked_until = NULL WHERE login = :login")
                    .bind("hash", phc).bind("now", clock.instant()).bind("login", login).execute()));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Enables or disables an account (disabled accounts cannot log in; rows are kept for the audit trail). */
    public void setActive(String login, boolean active) {
        requireOne(login, jdbi.withHandle(h -> h.createUpdate("UPDATE staff_user SET active = :a WHERE login = :login")
                .bind("a", active).bind("login", login).execute()));
    }

    /** Gives an account another role (takes effect at its next login). */
    public void changeRole(String login, StaffRole role) {
        requireOne(login, jdbi.withHandle(h -> h.createUpdate("UPDATE staff_user SET role = :r WHERE login = :login")
                .bind("r", role.name()).bind("login", login).execute()));
    }

    /** Lifts a lockout before its time (a manager's action). */
    public void unlock(String login) {
        requireOne(login, jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE staff_user SET failed_attempts = 0, locked_until = NULL WHERE login = :login")
                .bind("login", login).execute()));
    }

    /** What the authenticator needs: the stored hash and lockout counters. Package-private: hashes stay here. */
    record Credentials(long id, String passwordHash, boolean active, int failedAttempts, Instant lockedUntil) {
        @Override
        public String toString() {
            return "Credentials[id=" + id + "]";
        }
    }

    Optional<Credentials> credentials(String login) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, password_hash, active, failed_attempts, locked_until FROM staff_user WHERE login = :login")
                .bind("login", login).map(CREDENTIALS).findOne());
    }

    /** Counts a login for an account that does not exist (the unknown-login path's write, see StaffAuthenticator). */
    void countUnknownLogin(org.jdbi.v3.core.Handle h, Instant now) {
        h.createUpdate("UPDATE unknown_login_tally SET attempts = attempts + 1, last_at = :now WHERE id = 1")
                .bind("now", now).execute();
    }

    /** Stores a failure count and lock (null when not locked) for one account, in the caller's transaction. */
    void storeFailures(org.jdbi.v3.core.Handle h, long id, int failures, Instant lockedUntil) {
        h.createUpdate("UPDATE staff_user SET failed_attempts = :f, locked_until = :until WHERE id = :id")
                .bind("f", failures).bind("until", lockedUntil).bind("id", id).execute();
    }

    void storeRehash(long id, String phc) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE staff_user SET password_hash = :hash WHERE id = :id")
                .bind("hash", phc).bind("id", id).execute());
    }

    private static void requireOne(String login, int rows) {
        if (rows != 1) {
            throw new DatabaseException("No staff user with login " + login);
        }
    }
}
