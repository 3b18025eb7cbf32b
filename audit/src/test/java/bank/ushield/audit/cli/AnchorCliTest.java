package bank.ushield.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.ReceiptReference;
import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import picocli.CommandLine;

/** {@code audit verify --anchor} and {@code --receipt}: a rollback or rewrite the file alone would hide. */
@ExtendWith(DatabaseFileExtension.class)
class AnchorCliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = AuditCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return new Run(cli.execute(args), out.toString());
    }

    @Test
    void anchorFileAndReceiptAreCheckedAgainstTheLog(DatabaseFile file) throws Exception {
        Database db = Database.open(file.path());
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair headOffice = g.generateKeyPair();
        String receipt;
        Path ack = dir.resolve("ack.txt");
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            for (int i = 0; i < 12; i++) {
                log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("t" + i, "TELLER").build());
            }
            receipt = ReceiptReference.of(7, log.treeHead()).toString();
            Files.writeString(ack, AnchorAcknowledgement.sign("0102-W03", log.treeHead(), Instant.parse("2026-11-25T03:05:00Z"),
                    headOffice.getPrivate(), headOffice.getPublic()).signedNote());
        }
        String path = file.path().toString();
        Run ok = run("verify", "--db", path, "--anchor", ack.toString(), "--receipt", receipt);
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("ANCHOR OK: head office acknowledged 12 entries").contains("RECEIPT OK: Entry 7");

        // The insider deletes the newest entries with their nodes: the file alone looks intact.
        // It puts the triggers back exactly as they were, so even verify's schema check finds nothing.
        db.jdbi().useHandle(h -> {
            List<String> triggers = h.createQuery("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
                    + "('audit_entry_no_delete', 'audit_node_no_delete') ORDER BY name").mapTo(String.class).list();
            h.execute("DROP TRIGGER audit_entry_no_delete");
            h.execute("DROP TRIGGER audit_node_no_delete");
            h.execute("DELETE FROM audit_entry WHERE seq >= 5");
            h.execute("DELETE FROM audit_node WHERE last_seq >= 5");
            triggers.forEach(h::execute);
        });
        // Without an acknowledgement the cut file verifies, and the output says the anchor was not checked.
        Run alone = run("verify", "--db", path);
        assertThat(alone.exit()).isZero();
        assertThat(alone.out()).contains("ANCHOR NOT CHECKED: no head-office acknowledgement to compare with")
                .doesNotContain("ANCHOR OK");
        Run caught = run("verify", "--db", path, "--anchor", ack.toString(), "--receipt", receipt);
        assertThat(caught.exit()).isEqualTo(VerifyCommand.TAMPERED);
        assertThat(caught.out()).contains("ANCHOR FAILED: head office acknowledged 12 entries on 2026-11-25T03:05:00.000Z; "
                + "this file has 5").contains("RECEIPT FAILED: The receipt names a log of 12 entries; this file has only 5");
        assertThat(run("verify", "--db", path, "--receipt", "7-12-nothexnothex00").out()).contains("RECEIPT FAILED");
    }

    @Test
    void receiptOfARewrittenLogFails(DatabaseFile file) {
        Database db = Database.open(file.path());
        String receipt;
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            for (int i = 0; i < 6; i++) {
                log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK).actor("t" + i, "TELLER").build());
            }
            receipt = ReceiptReference.of(2, log.treeHead()).toString();
        }
        assertThat(ReceiptReference.parse(receipt).check(db.jdbi()).ok()).isTrue();
        // Leaf 0 replaced (with its node above): a different root, whatever else the attacker recomputes.
        db.jdbi().useHandle(h -> {
            h.execute("DROP TRIGGER audit_node_no_update");
            h.execute("UPDATE audit_node SET hash = zeroblob(32) WHERE last_seq = 3 AND level = 2");
        });
        ReceiptReference.Check c = ReceiptReference.parse(receipt).check(db.jdbi());
        assertThat(c.ok()).isFalse();
        assertThat(c.message()).contains("the log was rewritten");
    }
}
