package bank.ushield.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import picocli.CommandLine;

@ExtendWith(DatabaseFileExtension.class)
class AuditCliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = AuditCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    private static void populate(Path db) {
        try (AuditLog log = AuditLog.open(Database.open(db), "0102-W03")) {
            for (int i = 0; i < 8; i++) {
                log.append(AuditEvent.builder(i == 3 ? AuditEventType.LOGIN_FAILED : AuditEventType.LOGIN_OK,
                        i == 3 ? AuditOutcome.FAILED : AuditOutcome.OK).actor("teller" + (i % 2), "TELLER").build());
            }
        }
    }

    @Test
    void verifySearchExportAndProveOnADatabaseFile(DatabaseFile file) throws Exception {
        populate(file.path());
        String db = file.path().toString();

        Run verify = run("verify", "--db", db);
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).startsWith("OK: 8 entries").contains("0 signed tree heads checked",
                "NOT PROVEN: no signed tree head covers this log yet, so no signature vouches for its 8 entries.")
                .doesNotContain("certificate given");

        Run search = run("search", "--db", db, "--outcome", "failed");
        assertThat(search.exit()).isZero();
        assertThat(search.out()).contains("LOGIN_FAILED").contains("(1 shown)").doesNotContain("LOGIN_OK");

        Run prove = run("prove", "--db", db, "--entry", "3");
        assertThat(prove.out()).contains("proof checks");
        assertThat(run("prove", "--db", db, "--from", "5").out()).contains("proof checks");

        // No keystore: refused, and none is made.
        Run noKey = run("export", "--db", db, "--actor", "teller1", "--out", dir.resolve("out").toString(),
                "--name", "t0", "--keys", dir.resolve("keys").toString(), "--workstation", "0102-W03", "--training",
                "--by", "mgr");
        assertThat(noKey.exit()).isEqualTo(VerifyCommand.UNREADABLE);
        assertThat(noKey.out()).contains("No workstation keystore");
        assertThat(dir.resolve("keys").resolve(WorkstationKeys.FILE_NAME)).doesNotExist();
        WorkstationKeys.loadOrCreate(dir.resolve("keys"), "0102-W03", KeystorePassword.training());
        Run export = run("export", "--db", db, "--actor", "teller1", "--out", dir.resolve("out").toString(),
                "--name", "t1", "--keys", dir.resolve("keys").toString(), "--workstation", "0102-W03", "--training",
                "--by", "mgr");
        assertThat(export.exit()).as(export.out()).isZero();
        assertThat(export.out()).startsWith("4 entries");
        assertThat(Files.readAllLines(dir.resolve("out/t1.csv"))).hasSize(5);

        Run recorded = run("verify", "--db", db, "--record", "--by", "mgr", "--workstation", "0102-W03");
        assertThat(recorded.exit()).isZero();
        // The export signed a tree head: now a signature vouches for the log, and the warning is gone.
        assertThat(recorded.out()).doesNotContain("NOT PROVEN", " 0 signed tree heads");
        assertThat(run("search", "--db", db, "--type", "AUDIT_VERIFIED").out()).contains("AUDIT_VERIFIED");
    }

    @Test
    void verifyExitsWithTwoAndNamesTheEntryAndTheDroppedTriggerWhenTampered(DatabaseFile file) {
        populate(file.path());
        try (Database db = Database.open(file.path())) {
            db.jdbi().useHandle(h -> {
                h.execute("DROP TRIGGER audit_entry_no_update");
                h.execute("UPDATE audit_entry SET outcome = 'OK' WHERE seq = 3");
            });
        }
        Run verify = run("verify", "--db", file.path().toString());
        assertThat(verify.exit()).as(verify.out()).isEqualTo(VerifyCommand.TAMPERED);
        assertThat(verify.out()).contains("FAILED at entry 3 (LEAF_MISMATCH)")
                .contains("trigger audit_entry_no_update is missing");
    }

    @Test
    void verifyExitsWithThreeOnAZeroByteOrForeignFileAndWritesNothing(DatabaseFile file) throws Exception {
        Files.createFile(file.path());
        Run empty = run("verify", "--db", file.path().toString());
        assertThat(empty.exit()).as(empty.out()).isEqualTo(VerifyCommand.UNREADABLE);
        assertThat(empty.out()).startsWith("UNREADABLE").doesNotContain("Exception");
        assertThat(Files.size(file.path())).isZero();

        Path missing = dir.resolve("nothing-here.db");
        Run none = run("verify", "--db", missing.toString());
        assertThat(none.exit()).as(none.out()).isEqualTo(VerifyCommand.UNREADABLE);
        assertThat(missing).doesNotExist();

        Path text = dir.resolve("notes.db");
        Files.writeString(text, "not a database");
        assertThat(run("verify", "--db", text.toString()).exit()).isEqualTo(VerifyCommand.UNREADABLE);
    }

    @Test
    void searchExportAndProveRefuseAZeroByteForeignOrMissingFileAndWriteNothing(DatabaseFile file) throws Exception {
        Path foreign = dir.resolve("foreign.db");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + foreign);
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE notes(x TEXT)");
        }
        byte[] foreignBytes = Files.readAllBytes(foreign);
        Files.createFile(file.path());
        Path missing = dir.resolve("nothing-here.db");
        for (Path db : new Path[] {file.path(), foreign, missing}) {
            String d = db.toString();
            String[][] commands = {
                    {"search", "--db", d},
                    {"prove", "--db", d, "--entry", "0"},
                    {"export", "--db", d, "--out", dir.resolve("out").toString(), "--name", "x", "--keys",
                            dir.resolve("keys").toString(), "--workstation", "0102-W03", "--training", "--by", "mgr"}};
            for (String[] args : commands) {
                Run r = run(args);
                assertThat(r.exit()).as(args[0] + " " + d + ": " + r.out()).isEqualTo(VerifyCommand.UNREADABLE);
                assertThat(r.out()).contains("Not an audit log").doesNotContain("Exception");
            }
        }
        assertThat(Files.size(file.path())).isZero();
        assertThat(Files.readAllBytes(foreign)).isEqualTo(foreignBytes);
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /**
     * Issue 21: search and prove open the file read-only, without migrations or the data folder's housekeeping. An
     * inspector's copy (group-readable, in a group-readable folder) keeps its bytes, mtime and permissions.
     */
    @Test
    void searchAndProveLeaveAGenuineLogUntouched() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("evidence"));
        Path file = folder.resolve("copy.db");
        populate(file);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> groupReadable =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> folderMode =
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(file, groupReadable);
        Files.setPosixFilePermissions(folder, folderMode);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        byte[] before = Files.readAllBytes(file);
        String db = file.toString();

        assertThat(run("search", "--db", db, "--outcome", "failed").out()).contains("LOGIN_FAILED");
        assertThat(run("prove", "--db", db, "--entry", "3").out()).contains("proof checks");
        assertThat(run("prove", "--db", db, "--from", "5").out()).contains("proof checks");

        assertThat(Files.readAllBytes(file)).as("not written").isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(Files.getPosixFilePermissions(file)).as("not tightened").isEqualTo(groupReadable);
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(folderMode);
    }

    @Test
    void wrongUsageIsNotMistakenForTampering() {
        Run run = run("verify");
        assertThat(run.exit()).isEqualTo(64);
    }
}
