package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class StaffAuthenticatorTest {

    @Parameter
    Engine engine;


    private static LoginResult login(StaffAuthenticator auth, String login, String password) {
        return auth.authenticate(login, password.toCharArray());
    }

    @Test
    void theRightPasswordLogsInAndAWrongOneCountsDown(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        StaffAuthenticator auth = f.repos.authenticator(LockoutPolicy.DEFAULT);
        char[] password = "pw".toCharArray();
        LoginResult ok = auth.authenticate("teller01", password);
        assertThat(password).containsOnly('\0');
        assertThat(ok).isInstanceOfSatisfying(LoginResult.Ok.class, r -> assertThat(r.user().role()).isEqualTo(StaffRole.TELLER));
        assertThat(login(auth, "teller01", "PW")).isEqualTo(new LoginResult.WrongPassword(4));
        assertThat(login(auth, "teller01", "pw ")).isEqualTo(new LoginResult.WrongPassword(3));
        assertThat(login(auth, "teller01", "pw").outcome()).isEqualTo(LoginResult.Outcome.OK);
        // a good login resets the count
        assertThat(login(auth, "teller01", "x")).isEqualTo(new LoginResult.WrongPassword(4));
        assertThat(login(auth, "nobody", "pw")).isEqualTo(new LoginResult.UnknownUser());
    }

    /**
     * Issue 21: an unknown login and a wrong password both run one Argon2id check (burn or verify); the wrong password
     * then counts the failure in a write transaction. Prints the medians (a figure, not an assertion: machines vary).
     */
    @Test
    void unknownLoginAndWrongPasswordCostAboutTheSame(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        StaffAuthenticator auth = f.repos.authenticator(new LockoutPolicy(1000, Duration.ofMinutes(15)));
        long[] unknown = new long[15];
        long[] wrong = new long[15];
        for (int i = 0; i < unknown.length; i++) {
            long t0 = System.nanoTime();
            assertThat(login(auth, "nobody" + i, "guess")).isEqualTo(new LoginResult.UnknownUser());
            long t1 = System.nanoTime();
            assertThat(login(auth, "teller01", "guess")).isInstanceOf(LoginResult.WrongPassword.class);
            long t2 = System.nanoTime();
            unknown[i] = t1 - t0;
            wrong[i] = t2 - t1;
        }
        java.util.Arrays.sort(unknown);
        java.util.Arrays.sort(wrong);
        System.out.printf("login timing, median of 15: unknown login %.1f ms, wrong password %.1f ms%n",
                unknown[7] / 1e6, wrong[7] / 1e6);
    }

    /**
     * Issue 21: an unknown login does the same database work as a wrong password (the time difference was that write):
     * the same statements, the write inside a transaction changing one row; and its Argon2id check runs against a hash
     * with the hasher's own parameters.
     */
    @Test
    void unknownLoginDoesTheSameWorkAsAWrongPassword(DatabaseFile file) {
        Fixtures f = new Fixtures(file.path());
        StaffAuthenticator auth = f.repos.authenticator(new LockoutPolicy(1000, Duration.ofMinutes(15)));
        java.util.List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        f.repos.jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext ctx) {
                String sql = ctx.getRenderedSql().trim();
                statements.add(sql.substring(0, sql.indexOf(' ')) + (ctx.getConnection() != null
                        && inTransaction(ctx) ? " in transaction" : ""));
            }
        });
        assertThat(login(auth, "teller01", "guess")).isInstanceOf(LoginResult.WrongPassword.class);
        java.util.List<String> wrong = java.util.List.copyOf(statements);
        statements.clear();
        assertThat(login(auth, "nobody", "guess")).isEqualTo(new LoginResult.UnknownUser());
        java.util.List<String> unknown = java.util.List.copyOf(statements);
        f.repos.jdbi().setSqlLogger(org.jdbi.v3.core.statement.SqlLogger.NOP_SQL_LOGGER);

        assertThat(wrong).contains("UPDATE in transaction");
        assertThat(unknown).isEqualTo(wrong);
        int tally = f.repos.jdbi().withHandle(h -> h.createQuery("SELECT attempts FROM unknown_login_tally")
                .mapTo(Integer.class).one());
        assertThat(tally).isEqualTo(1);
        PasswordHasher hasher = new PasswordHasher(Fixtures.CHEAP);
        assertThat(hasher.needsRehash(hasher.unmatchableHash())).isFalse();
        assertThat(hasher.verify("".toCharArray(), hasher.unmatchableHash())).isFalse();
    }

    private static boolean inTransaction(org.jdbi.v3.core.statement.StatementContext ctx) {
        try {
            return !ctx.getConnection().getAutoCommit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lockoutEngagesAfterNFailuresAndClearsAfterThePeriod(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        StaffAuthenticator auth = f.repos.authenticator(new LockoutPolicy(3, Duration.ofMinutes(15)));
        assertThat(login(auth, "teller01", "a")).isEqualTo(new LoginResult.WrongPassword(2));
        assertThat(login(auth, "teller01", "b")).isEqualTo(new LoginResult.WrongPassword(1));
        LoginResult third = login(auth, "teller01", "c");
        assertThat(third).isEqualTo(new LoginResult.Locked(f.clock.instant().plus(Duration.ofMinutes(15))));
        // while locked even the right password is refused
        f.clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(login(auth, "teller01", "pw")).isEqualTo(third);
        assertThat(f.repos.staff().findByLogin("teller01").orElseThrow().lockedUntil()).isEqualTo(((LoginResult.Locked) third).until());
        f.clock.advance(Duration.ofSeconds(1));
        // after the period: a fresh count, and the right password works
        assertThat(login(auth, "teller01", "d")).isEqualTo(new LoginResult.WrongPassword(2));
        assertThat(login(auth, "teller01", "pw").outcome()).isEqualTo(LoginResult.Outcome.OK);
        StaffUser after = f.repos.staff().findByLogin("teller01").orElseThrow();
        assertThat(after.failedAttempts()).isZero();
        assertThat(after.lockedUntil()).isNull();
    }

    @Test
    void failuresFromTwoThreadsAllCount(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        StaffAuthenticator auth = f.repos.authenticator(new LockoutPolicy(100, Duration.ofMinutes(15)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        assertThat(login(auth, "teller01", "wrong").outcome()).isEqualTo(LoginResult.Outcome.WRONG_PASSWORD);
                    }
                    return null;
                }));
            }
            for (var r : runs) {
                r.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.repos.staff().findByLogin("teller01").orElseThrow().failedAttempts()).isEqualTo(20);
    }

    @Test
    void aLoginCanBeCreatedOnlyOnce(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        char[] password = "other".toCharArray();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> f.repos.staff().create("teller01", "Again", StaffRole.MANAGER, "0102", password))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.UNIQUE));
        assertThat(password).containsOnly('\0');
        assertThat(f.repos.staff().findByLogin("teller01").orElseThrow().role()).isEqualTo(StaffRole.TELLER);
    }

    @Test
    void aManagerCanUnlockEarly(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        StaffAuthenticator auth = f.repos.authenticator(new LockoutPolicy(1, Duration.ofHours(1)));
        assertThat(login(auth, "teller01", "bad").outcome()).isEqualTo(LoginResult.Outcome.LOCKED);
        f.repos.staff().unlock("teller01");
        assertThat(login(auth, "teller01", "pw").outcome()).isEqualTo(LoginResult.Outcome.OK);
    }

    @Test
    void anInactiveAccountIsToldOnlyAfterTheRightPassword(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        StaffAuthenticator auth = f.repos.authenticator(LockoutPolicy.DEFAULT);
        f.repos.staff().setActive("teller01", false);
        assertThat(login(auth, "teller01", "wrong")).isInstanceOf(LoginResult.WrongPassword.class);
        assertThat(login(auth, "teller01", "pw")).isEqualTo(new LoginResult.Inactive());
        f.repos.staff().setActive("teller01", true);
        assertThat(login(auth, "teller01", "pw").outcome()).isEqualTo(LoginResult.Outcome.OK);
    }

    @Test
    void aPasswordChangeAndAParameterUpgradeKeepWorking(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        f.repos.staff().changePassword("teller01", "new-pass".toCharArray());
        StaffAuthenticator stronger = new StaffAuthenticator(f.db.jdbi(), new PasswordHasher(new PasswordHasher.Params(512, 1, 1)),
                LockoutPolicy.DEFAULT, f.clock);
        assertThat(login(stronger, "teller01", "pw").outcome()).isEqualTo(LoginResult.Outcome.WRONG_PASSWORD);
        assertThat(login(stronger, "teller01", "new-pass").outcome()).isEqualTo(LoginResult.Outcome.OK);
        String stored = f.db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM staff_user WHERE login = 'teller01'")
                .mapTo(String.class).one());
        assertThat(stored).contains("m=512,t=1,p=1");
        assertThat(login(stronger, "teller01", "new-pass").outcome()).isEqualTo(LoginResult.Outcome.OK);
    }
}
