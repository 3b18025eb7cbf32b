package bank.ushield.db;

import java.time.Instant;
import java.time.LocalDate;

import bank.ushield.testsupport.MutableClock;

/** Shared test data: a migrated database with one branch, workstation and teller. */
final class Fixtures {
    static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(256, 1, 1);
    static final byte[] KEY = new byte[32];

    final Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:30:00Z"));
    final Repositories repos;

    Fixtures(java.nio.file.Path file) {
        db = Database.open(file);
        repos = new Repositories(db, new CardMatchingKey(KEY), new PasswordHasher(CHEAP), clock);
        repos.branches().saveBranch("0102", "Test branch");
        repos.branches().saveWorkstation("0102-W01", "0102", "Counter 1", false);
        repos.staff().create("teller01", "Teller One", StaffRole.TELLER, "0102", "pw".toCharArray());
    }

    Customer customer(String no) {
        return repos.customers().insert(no, "张伟", LocalDate.of(1980, 1, 1), Gender.M, "13800000000");
    }

    RegisteredToken token(long customerId, String serial) {
        return repos.tokens().insert(serial, "1234567890", "UKey-3000", "Feitian", customerId, TokenStatus.ACTIVE);
    }

    RenewalCaseRow openCase(String caseNo) {
        return repos.cases().open(caseNo, "0102-W01", "teller01", null, null, null);
    }
}
