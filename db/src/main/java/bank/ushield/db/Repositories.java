package bank.ushield.db;

import java.time.Clock;

import org.jdbi.v3.core.Jdbi;

/**
 * All repositories of one database, wired with one clock, password hasher and card-matching key. Everything here
 * runs inside {@code jdbi().inTransaction(...)} when called from such a callback on the same thread.
 */
public final class Repositories {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PasswordHasher passwordHasher;
    private final BranchRepository branches;
    private final StaffUserRepository staff;
    private final CustomerRepository customers;
    private final BankCardRepository cards;
    private final TokenRepository tokens;
    private final CertificateRepository certificates;
    private final RenewalCaseRepository cases;
    private final BatchRepository batches;

    public Repositories(Database database, CardMatchingKey panHasher, PasswordHasher passwordHasher, Clock clock) {
        this(database.jdbi(), panHasher, passwordHasher, clock);
    }

    public Repositories(Jdbi jdbi, CardMatchingKey panHasher, PasswordHasher passwordHasher, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.passwordHasher = passwordHasher;
        this.branches = new BranchRepository(jdbi, clock);
        this.staff = new StaffUserRepository(jdbi, passwordHasher, clock);
        this.customers = new CustomerRepository(jdbi, clock);
        this.cards = new BankCardRepository(jdbi, panHasher, clock);
        this.tokens = new TokenRepository(jdbi, clock);
        this.certificates = new CertificateRepository(jdbi);
        this.cases = new RenewalCaseRepository(jdbi, clock);
        this.batches = new BatchRepository(jdbi, clock);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Clock clock() {
        return clock;
    }

    public BranchRepository branches() {
        return branches;
    }

    public StaffUserRepository staff() {
        return staff;
    }

    /** A login checker over the staff accounts with the given lockout policy. */
    public StaffAuthenticator authenticator(LockoutPolicy policy) {
        return new StaffAuthenticator(jdbi, passwordHasher, policy, clock);
    }

    public CustomerRepository customers() {
        return customers;
    }

    public BankCardRepository cards() {
        return cards;
    }

    public TokenRepository tokens() {
        return tokens;
    }

    public CertificateRepository certificates() {
        return certificates;
    }

    public RenewalCaseRepository cases() {
        return cases;
    }

    public BatchRepository batches() {
        return batches;
    }
}
