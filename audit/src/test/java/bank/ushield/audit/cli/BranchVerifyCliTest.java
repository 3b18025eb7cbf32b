package bank.ushield.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * {@code audit verify} on a branch's PostgreSQL database, one workstation's log at a time, over a read-only
 * connection: an intact log verifies against its workstation's certificate, another workstation's certificate is
 * refused, a row changed by a superuser is named, and nothing is written by verifying.
 */
@ExtendWith(PostgresExtension.class)
class BranchVerifyCliTest {

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

    @Test
    void eachWorkstationsLogIsVerifiedAgainstItsOwnCertificateReadOnly(PostgresDatabase pg) throws Exception {
        String schema = pg.freshSchema();
        String url = pg.url() + "?currentSchema=" + schema;
        // W05 is new: its log has entries but no signed tree head yet.
        for (String ws : new String[] {"0102-W01", "0102-W03", "0102-W05"}) {
            WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir.resolve(ws), ws, KeystorePassword.training());
            Files.writeString(dir.resolve(ws + ".pem"), keys.certificatePem());
            try (Database db = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
                 AuditLog log = AuditLog.open(db, ws)) {
                if (!ws.equals("0102-W05")) {
                    log.enableCheckpoints(keys, 4);
                }
                for (int i = 0; i < 10; i++) {
                    log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("teller0" + i % 3,
                            "TELLER").build());
                }
            }
        }
        Path password = dir.resolve("db.password");
        Files.writeString(password, pg.password() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        String[] branch = {"--branch-database-url", url, "--branch-database-user", pg.user(),
                "--branch-database-password-file", password.toString()};

        Run ok = run(concat(new String[] {"verify", "--workstation", "0102-W03", "--cert",
                dir.resolve("0102-W03.pem").toString()}, branch));
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("0102-W03: OK:").contains("1 trusted certificate").doesNotContain(pg.password())
                .doesNotContain("NOT PROVEN")
                // Heads are signed every 4 entries: the entries after the second head are covered by their hashes only.
                .contains("Not yet signed: entries 8 to 11 came after the newest signed tree head (over 8 entries)");
        // A log no signed head covers yet is intact as far as hashes go, and the output says the certificate proved
        // nothing (exit 0: intact is all the documented codes promise).
        Run unsigned = run(concat(new String[] {"verify", "--workstation", "0102-W05", "--cert",
                dir.resolve("0102-W05.pem").toString()}, branch));
        assertThat(unsigned.exit()).as(unsigned.out()).isEqualTo(VerifyCommand.INTACT);
        assertThat(unsigned.out()).startsWith("0102-W05: OK: 10 entries").contains("0 signed tree heads checked",
                "NOT PROVEN: no signed tree head covers this log yet", "the certificate given proved nothing");
        // W01's log is not W03's: checked against W03's certificate its signed heads are refused.
        Run other = run(concat(new String[] {"verify", "--workstation", "0102-W01", "--cert",
                dir.resolve("0102-W03.pem").toString()}, branch));
        assertThat(other.exit()).as(other.out()).isEqualTo(VerifyCommand.TAMPERED);
        // --record would write: refused in words on a branch database.
        Run record = run(concat(new String[] {"verify", "--workstation", "0102-W03", "--record"}, branch));
        assertThat(record.exit()).isEqualTo(VerifyCommand.UNREADABLE);
        assertThat(record.out()).contains("Refused: --record writes to the log");

        // A superuser rewrites one of W03's entries behind the triggers: the first bad entry is named.
        pg.execute("SET search_path TO " + schema,
                "ALTER TABLE branch_audit_entry DISABLE TRIGGER USER",
                "UPDATE branch_audit_entry SET actor = 'someone-else' WHERE workstation = '0102-W03' AND seq = 6",
                "ALTER TABLE branch_audit_entry ENABLE TRIGGER USER");
        Run tampered = run(concat(new String[] {"verify", "--workstation", "0102-W03", "--cert",
                dir.resolve("0102-W03.pem").toString()}, branch));
        assertThat(tampered.exit()).as(tampered.out()).isEqualTo(VerifyCommand.TAMPERED);
        assertThat(tampered.out()).contains("0102-W03: FAILED at entry 6 ");
        // W01's log is untouched and still verifies with its own certificate (and the anchor check runs on
        // PostgreSQL: it looked the anchor table up in SQLite's catalogue and failed before).
        Run w01 = run(concat(new String[] {"verify", "--workstation", "0102-W01", "--cert",
                dir.resolve("0102-W01.pem").toString(), "--head-office-cert", dir.resolve("0102-W03.pem").toString()},
                branch));
        assertThat(w01.exit()).as(w01.out()).isZero();

        // No server: said in words, not a stack trace.
        Run down = run("verify", "--workstation", "0102-W03", "--branch-database-url",
                "jdbc:postgresql://127.0.0.1:9/ushield_0102", "--branch-database-user", pg.user(),
                "--branch-database-password-file", password.toString());
        assertThat(down.exit()).isEqualTo(VerifyCommand.UNREADABLE);
        assertThat(down.out()).contains("Cannot read the branch database", "cannot be reached");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
