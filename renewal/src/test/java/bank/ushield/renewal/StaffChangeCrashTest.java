package bank.ushield.renewal;

import bank.ushield.testsupport.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.LoginResult;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.renewal.staff.StaffAdministration;
import bank.ushield.renewal.staff.StaffChangeCrashChild;

/**
 * Issue 21 / ADR 0070: an account change and its audit entry are one transaction. A child JVM is killed (SIGKILL)
 * after the change and before the entry: afterwards neither is there; run to the end, both are.
 */
class StaffChangeCrashTest {

    @TempDir
    Path dir;

    @Test
    void aKillBetweenAnAccountChangeAndItsEntryLeavesNeither() throws Exception {
        Path file = dir.resolve("ws.db");
        Database db = Database.open(file);
        Repositories repos = repos(db);
        repos.branches().saveBranch("0102", "Test branch");
        repos.branches().saveWorkstation("0102-W01", "0102", "Counter 1", false);
        try (AuditLog audit = AuditLog.open(db, "0102-W01")) {
            new StaffAdministration(repos, audit).create(StaffAdministration.Actor.it(), "teller01", "Teller One",
                    StaffRole.TELLER, "0102", "old-pass-1234".toCharArray());
        }
        long before = entries(db).size();
        db.close();

        for (String op : List.of("create", "reset")) {
            try (ChildJvm child = ChildJvm.start(StaffChangeCrashChild.class, null, Map.of(), file.toString(), op,
                    "stop")) {
                child.await("AT between", Duration.ofMinutes(2));
                child.kill9();
            }
        }
        db = Database.open(file);
        repos = repos(db);
        assertThat(repos.staff().findByLogin("clerk02")).as("account created without its entry").isEmpty();
        assertThat(login(repos, "teller01", "old-pass-1234")).as("password reset without its entry")
                .isInstanceOf(LoginResult.Ok.class);
        assertThat(entries(db)).hasSize((int) before);
        assertThat(AuditVerifier.verify(db).ok()).isTrue();
        db.close();

        for (String op : List.of("create", "reset")) {
            try (ChildJvm child = ChildJvm.start(StaffChangeCrashChild.class, null, Map.of(), file.toString(), op,
                    "go")) {
                child.await("DONE", Duration.ofMinutes(2));
                assertThat(child.waitFor(Duration.ofMinutes(1))).isZero();
            }
        }
        db = Database.open(file);
        repos = repos(db);
        assertThat(repos.staff().findByLogin("clerk02")).isPresent();
        assertThat(login(repos, "teller01", "new-pass-1234")).isInstanceOf(LoginResult.Ok.class);
        assertThat(entries(db)).extracting(e -> e.type() + " " + e.details())
                .anyMatch(s -> s.startsWith("STAFF_ACCOUNT_CREATED") && s.contains("clerk02"))
                .anyMatch(s -> s.startsWith("STAFF_ACCOUNT_CHANGED") && s.contains("PASSWORD_RESET"));
        assertThat(AuditVerifier.verify(db).ok()).isTrue();
        db.close();
    }

    private static Repositories repos(Database db) {
        return new Repositories(db, new CardMatchingKey(new byte[32]), new PasswordHasher(StaffChangeCrashChild.CHEAP),
                Clock.systemUTC());
    }

    private static LoginResult login(Repositories repos, String login, String password) {
        return repos.authenticator(LockoutPolicy.DEFAULT).authenticate(login, password.toCharArray());
    }

    private static List<bank.ushield.audit.AuditEntry> entries(Database db) {
        List<bank.ushield.audit.AuditEntry> all = new java.util.ArrayList<>();
        new AuditSearch(db).forEach(AuditQuery.builder().limit(1000).build(), all::add);
        return all.stream().filter(e -> e.type() == AuditEventType.STAFF_ACCOUNT_CREATED
                || e.type() == AuditEventType.STAFF_ACCOUNT_CHANGED).toList();
    }
}
