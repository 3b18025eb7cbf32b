package bank.ushield.db;

import java.time.Instant;
import java.time.LocalDate;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.MutableClock;
import bank.ushield.testsupport.PostgresDatabase;

/** Shared test data: a migrated database (either engine) with one branch, workstation and teller. */
final class Fixtures {
    static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(256, 1, 1);
    static final byte[] KEY = new byte[32];

    final Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:30:00Z"));
    final Repositories repos;

    Fixtures(java.nio.file.Path file) {
        this(Database.open(file));
    }

    /** The same data in a fresh database of the engine: a SQLite file or a fresh schema on the PostgreSQL test server. */
    Fixtures(Engine engine, DatabaseFile file, PostgresDatabase pg) {
        this(open(engine, file, pg));
    }

    Fixtures(Database db) {
        this.db = db;
        repos = new Repositories(db, new CardMatchingKey(KEY), new PasswordHasher(CHEAP), clock);
        repos.branches().saveBranch("0102", "Test branch");
        repos.branches().saveWorkstation("0102-W01", "0102", "Counter 1", false);
        repos.staff().create("teller01", "Teller One", StaffRole.TELLER, "0102", "pw".toCharArray());
    }

    /** A fresh database of the engine, as workstation 0102-W01 on PostgreSQL. */
    static Database open(Engine engine, DatabaseFile file, PostgresDatabase pg) {
        return engine == Engine.SQLITE ? Database.open(file.path()) : Database.open(settings(pg.freshSchemaUrl(), pg));
    }

    /** Settings for the test server's database at {@code url} (e.g. a fresh schema's), as workstation 0102-W01. */
    static BranchDatabaseSettings settings(String url, PostgresDatabase pg) {
        return BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), "0102-W01");
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
