package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import bank.ushield.testsupport.SoftHsm;

/**
 * The backup command on real files while the workstation's database is in use: committed work that still sits in
 * the write-ahead file is in the copy, a transaction open in another connection is not, and the restored folder
 * opens, verifies and keeps its key.
 */
class BackupCommandTest {

    private static final String PASSWORD = "ks-Backup-0102";

    @TempDir
    Path tmp;

    private String lastOutput = "";

    private int run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(env::get));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        lastOutput = out.toString();
        System.out.println(lastOutput);
        return exit;
    }

    @Test
    void aBackupTakenWhileACaseRunsRestoresAndVerifies() throws Exception {
        Path home = tmp.resolve("home");
        Map<String, String> env = Map.of("USHIELD_KEYSTORE_PASSWORD", PASSWORD);
        assertThat(run(env, "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name", "测试支行",
                "--workstation", "0102-W01")).isZero();
        Path prod = home.resolve("production");
        Path backup = tmp.resolve("backup-1");
        long expected;
        try (Database db = Database.open(prod.resolve("workstation.db"));
             AuditLog audit = AuditLog.open(db, "0102-W01", Clock.systemUTC())) {
            expected = audit.size() + 24;
            for (int i = 0; i < 24; i++) {
                audit.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("teller01", "TELLER")
                        .build());
            }
            // The pool keeps a connection open, so those commits are still in the write-ahead file.
            assertThat(prod.resolve("workstation.db-wal")).exists();
            try (Handle caseInProgress = db.jdbi().open()) {
                caseInProgress.begin();
                caseInProgress.execute("INSERT INTO customer (customer_no, name, created_at) "
                        + "VALUES ('C-UNCOMMITTED', '李娜', '2026-01-01T00:00:00Z')");
                assertThat(run(Map.of(), "--data-dir", home.toString(), "backup", "--out", backup.toString())).isZero();
                caseInProgress.commit();
            }
        }
        assertThat(SoftHsm.run(SoftHsm.configuration(), "sh", "-c", "cd '" + backup + "' && sha256sum -c "
                + BackupCommand.MANIFEST)).contains("production/workstation.db: OK",
                "production/" + WorkstationKeys.FILE_NAME + ": OK", "settings.properties: OK");
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.walk(backup)) {
            assertThat(files.filter(Files::isRegularFile)).allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }

        // Restore: the backup's contents into an empty data folder.
        Path restored = tmp.resolve("restored");
        copyTree(backup, restored);
        try (Database db = Database.open(restored.resolve("production").resolve("workstation.db"));
             AuditLog audit = AuditLog.open(db, "0102-W01", Clock.systemUTC())) {
            assertThat(audit.size()).isEqualTo(expected);
            VerifyReport report = AuditVerifier.verify(db);
            assertThat(report.ok()).as(report.summary()).isTrue();
            Integer uncommitted = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM customer WHERE customer_no = 'C-UNCOMMITTED'").mapTo(Integer.class).one());
            assertThat(uncommitted).isZero();
        }
        assertThat(WorkstationKeys.open(restored.resolve("production"), PASSWORD::toCharArray).certificate())
                .isEqualTo(WorkstationKeys.open(prod, PASSWORD::toCharArray).certificate());

        // A backup never overwrites one.
        assertThat(run(Map.of(), "--data-dir", home.toString(), "backup", "--out", backup.toString())).isEqualTo(1);
        assertThat(lastOutput).contains("exists already");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * On a branch database the backup holds this workstation's keys and settings and says the database is the
     * DBA's to back up (docs/production-mode.md): no database file is made up, and the password file is not copied.
     */
    @Test
    void onABranchDatabaseTheBackupHoldsTheKeysAndSettingsAndSaysTheDatabaseIsNotInIt() throws Exception {
        Path home = tmp.resolve("branch-home");
        Path prod = Files.createDirectories(home.resolve("production"));
        WorkstationKeys.create(prod, "0102-W03", PASSWORD::toCharArray);
        Path passwordFile = tmp.resolve("branch-db.password");
        Files.writeString(passwordFile, "Db-Secret-0102\n");
        new bank.ushield.teller.settings.SettingsStore(home).save(bank.ushield.teller.settings.Settings.defaults(),
                Map.of(bank.ushield.db.BranchDatabaseSettings.URL_KEY, "jdbc:postgresql://db.branch:5432/ushield_0102",
                        bank.ushield.db.BranchDatabaseSettings.USER_KEY, "ushield_w03",
                        bank.ushield.db.BranchDatabaseSettings.PASSWORD_FILE_KEY, passwordFile.toString()));
        Path backup = tmp.resolve("branch-backup");
        assertThat(run(Map.of(), "--data-dir", home.toString(), "backup", "--out", backup.toString())).isZero();
        assertThat(lastOutput).contains("is not in this backup", "jdbc:postgresql://db.branch:5432/ushield_0102")
                .doesNotContain("Db-Secret-0102");
        assertThat(backup.resolve("production").resolve(WorkstationKeys.FILE_NAME)).isRegularFile();
        assertThat(backup.resolve("settings.properties")).isRegularFile();
        assertThat(backup.resolve("production").resolve("workstation.db")).doesNotExist();
        try (Stream<Path> all = Files.walk(backup)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain("Db-Secret-0102");
            }
        }
    }
}
