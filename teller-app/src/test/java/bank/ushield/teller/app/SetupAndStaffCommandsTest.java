package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditLog;
import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.LoginResult;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.StaffAuthenticator;

/**
 * {@code teller-app setup} and {@code teller-app staff ...} on a real data folder: passwords never from the command
 * line, every account change audited with who made it, a second workstation id refused, owner-only files.
 */
class SetupAndStaffCommandsTest {

    @TempDir
    Path tmp;
    String out;
    String err;

    int run(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(env::get));
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString()));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return exit;
    }

    int setup(String workstation, String... more) {
        List<String> args = new ArrayList<>(List.of("setup", "--branch", "0102", "--branch-name", "测试支行",
                "--workstation", workstation));
        args.addAll(List.of(more));
        return run(Map.of("MGR_PW", "Manager#2024", "T_PW", "Teller#2024"), args.toArray(String[]::new));
    }

    Path db() {
        return tmp.resolve("data").resolve("production").resolve("workstation.db");
    }

    List<String> audit() {
        Database d = Database.open(db());
        try (AuditLog log = AuditLog.open(d, "0102-W03", Clock.systemUTC())) {
            List<String> rows = new ArrayList<>();
            for (long i = 0; i < log.size(); i++) {
                AuditEntry e = log.entry(i).orElseThrow();
                rows.add(e.type() + " " + e.actor() + " " + e.details());
            }
            return rows;
        } finally {
            d.close();
        }
    }

    LoginResult login(String login, String password) {
        Database d = Database.open(db());
        try {
            return new StaffAuthenticator(d.jdbi(), new PasswordHasher(), LockoutPolicy.DEFAULT, Clock.systemUTC())
                    .authenticate(login, password.toCharArray());
        } finally {
            d.close();
        }
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedWithAClearMessage() {
        assertThat(setup("0102-W03", "--login", "mgr01", "--role", "MANAGER", "--password", "Manager#2024"))
                .isEqualTo(2);
        assertThat(err).contains(PasswordOptions.ON_COMMAND_LINE);
        assertThat(setup("0102-W03", "--login", "mgr01", "--role", "MANAGER", "--password=Manager#2024"))
                .isEqualTo(2);
        assertThat(err).contains(PasswordOptions.ON_COMMAND_LINE);
        assertThat(db()).doesNotExist();
    }

    @Test
    void passwordAloneAsksForItAsTheDocumentedSetupLineDoes() {
        // docs/production-mode.md's commands end with a bare --password: it must ask, not refuse (issue of s8-it).
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("Manager#2024\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(setup("0102-W03", "--login", "mgr01", "--name", "张主管", "--role", "MANAGER", "--password"))
                    .as(out + err).isZero();
            System.setIn(new ByteArrayInputStream("Teller#2024\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(run(Map.of(), "staff", "create", "--login", "teller31", "--role", "TELLER", "--password"))
                    .as(out + err).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(login("mgr01", "Manager#2024")).isInstanceOf(LoginResult.Ok.class);
        assertThat(login("teller31", "Teller#2024")).isInstanceOf(LoginResult.Ok.class);
    }

    @Test
    void setupAndEveryAccountChangeAreAuditedWithWhoMadeThem() throws Exception {
        Path pwFile = Files.writeString(tmp.resolve("pw.txt"), "Teller#2025\n");
        assertThat(setup("0102-W03", "--login", "mgr01", "--name", "张主管", "--role", "MANAGER",
                "--password-env", "MGR_PW")).as(out + err).isZero();
        assertThat(run(Map.of("T_PW", "Teller#2024"), "staff", "create", "--login", "teller01", "--role", "TELLER",
                "--password-env", "T_PW")).as(out + err).isZero();
        assertThat(login("teller01", "Teller#2024")).isInstanceOf(LoginResult.Ok.class);
        assertThat(run(Map.of(), "staff", "reset-password", "--login", "teller01", "--password-file",
                pwFile.toString())).as(out + err).isZero();
        assertThat(login("teller01", "Teller#2024")).isInstanceOf(LoginResult.WrongPassword.class);
        assertThat(login("teller01", "Teller#2025")).isInstanceOf(LoginResult.Ok.class);
        assertThat(run(Map.of(), "staff", "unlock", "--login", "teller01")).isZero();
        assertThat(run(Map.of(), "staff", "set-role", "--login", "teller01", "--role", "TRAINER")).isZero();
        assertThat(run(Map.of(), "staff", "disable", "--login", "teller01")).isZero();
        assertThat(login("teller01", "Teller#2025")).isInstanceOf(LoginResult.Inactive.class);
        assertThat(run(Map.of(), "staff", "list")).isZero();
        assertThat(out).contains("teller01").contains("TRAINER").contains("disabled").contains("mgr01");
        assertThat(run(Map.of(), "staff", "unlock", "--login", "nobody")).isEqualTo(2);
        assertThat(out).contains("Refused: No staff account with login nobody");

        String it = "IT (" + System.getProperty("user.name") + ")";
        assertThat(audit()).containsExactly(
                "WORKSTATION_SET_UP " + it + " {\"branch\":\"0102\",\"workstation\":\"0102-W03\"}",
                "SETTINGS_CHANGED " + it + " {\"workstation.id\":[\"0102-W01\",\"0102-W03\"]}",
                "STAFF_ACCOUNT_CREATED " + it + " {\"branch\":\"0102\",\"login\":\"mgr01\",\"role\":\"MANAGER\"}",
                "STAFF_ACCOUNT_CREATED " + it + " {\"branch\":\"0102\",\"login\":\"teller01\",\"role\":\"TELLER\"}",
                "STAFF_ACCOUNT_CHANGED " + it + " {\"change\":\"PASSWORD_RESET\",\"login\":\"teller01\"}",
                "STAFF_ACCOUNT_CHANGED " + it + " {\"change\":\"UNLOCKED\",\"login\":\"teller01\"}",
                "STAFF_ACCOUNT_CHANGED " + it + " {\"change\":\"ROLE_CHANGED\",\"from\":\"TELLER\",\"login\":"
                        + "\"teller01\",\"to\":\"TRAINER\"}",
                "STAFF_ACCOUNT_CHANGED " + it + " {\"change\":\"DISABLED\",\"login\":\"teller01\"}");
        assertThat(String.join("\n", audit())).doesNotContain("Teller#", "Manager#");
    }

    @Test
    void syncNamesTheCauseThatHappenedNotOnlyTheListOfPossibleOnes() throws Exception {
        Map<String, String> env = Map.of("USHIELD_KEYSTORE_PASSWORD", "ks-0102-W03");
        assertThat(run(env, "setup", "--branch", "0102", "--branch-name", "测试支行", "--workstation", "0102-W03"))
                .as(out + err).isZero();
        Path pw = Files.writeString(tmp.resolve("branch-db.password"), "secret-db-pw\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(tmp.resolve("data").resolve("settings.properties"),
                // Every production setting present (only their presence is checked before the database).
                "pkcs11.module=" + pw + "\nheadOffice.syncFolder=" + tmp + "\nheadOffice.certificate=" + pw
                        + "\nheadOffice.caCertificates=" + pw + "\n"
                        + "branch.database.url=jdbc:postgresql://127.0.0.1:5432/ushield_0102\n"
                        + "branch.database.user=ushield_w03\nbranch.database.password-file=" + pw + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(run(env, "sync")).as(out + err).isEqualTo(SyncCommand.FAILED);
        assertThat(out).contains("Cause: The branch database password file " + pw + " may be read by other users")
                .doesNotContain("secret-db-pw");
    }

    @Test
    void versionSaysWhichReleaseAndJava() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out).startsWith("teller-app ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void aSecondWorkstationIdOnALiveDatabaseIsRefusedUnlessReplacingIsAsked() {
        assertThat(setup("0102-W03")).isZero();
        assertThat(setup("0102-W04")).isEqualTo(2);
        assertThat(out).contains("belongs to workstation 0102-W03 of branch 0102").contains("--replace-workstation");
        assertThat(setup("0102-W03")).as("the same id again is fine").isZero();
        assertThat(setup("0102-W04", "--replace-workstation")).isZero();
        Database d = Database.open(db());
        try (AuditLog log = AuditLog.open(d, "0102-W04", Clock.systemUTC())) {
            AuditEntry setUp = log.entry(log.size() - 2).orElseThrow();
            assertThat(setUp.type().name()).isEqualTo("WORKSTATION_SET_UP");
            assertThat(setUp.details()).contains("\"replaces\":[\"0102-W03\"]").contains("\"workstation\":\"0102-W04\"");
            // The settings follow the new id, audited with the old one.
            AuditEntry settings = log.entry(log.size() - 1).orElseThrow();
            assertThat(settings.type().name()).isEqualTo("SETTINGS_CHANGED");
            assertThat(settings.details()).contains("\"workstation.id\":[\"0102-W03\",\"0102-W04\"]");
        } finally {
            d.close();
        }
    }

    @Test
    void theDataFolderIsOwnerOnlyAndLooseFilesAreTightened() throws Exception {
        assertThat(setup("0102-W03", "--login", "mgr01", "--role", "MANAGER", "--password-env", "MGR_PW")).isZero();
        Path data = tmp.resolve("data");
        Path production = data.resolve("production");
        assertThat(perms(data)).isEqualTo("rwx------");
        assertThat(perms(production)).isEqualTo("rwx------");
        assertThat(perms(db())).isEqualTo("rw-------");
        assertThat(perms(production.resolve("card-matching.key"))).isEqualTo("rw-------");
        assertThat(perms(data.resolve("settings.properties"))).isEqualTo("rw-------");
        // Files an older release (or a copy) left readable to others are tightened by the next command.
        Files.setPosixFilePermissions(db(), PosixFilePermissions.fromString("rw-rw-r--"));
        Files.setPosixFilePermissions(production, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(run(Map.of(), "staff", "list")).isZero();
        assertThat(perms(production)).isEqualTo("rwx------");
        assertThat(perms(db())).isEqualTo("rw-------");
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
