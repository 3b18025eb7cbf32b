package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.cli.CaSyncCommand;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import picocli.CommandLine;

/** The head-office simulator driven through its command line, as a trainer or an operator would. */
@ExtendWith(DatabaseFileExtension.class)
class CaSyncCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CaSyncCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void headOfficeCommandsAnswerABranchBatch(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        String ho = tmp.resolve("ho").toString();
        Path wsCert = Files.writeString(tmp.resolve("ws.pem"), Pki.pem(branch.signer.certificate()));
        String keep = branch.queueCase(null);
        String refuse = branch.queueCase(null);
        Path request = branch.exporter().export().orElseThrow().file();

        assertThat(run("head-office", "init", "--dir", ho).out()).contains("sync-cert.pem");
        Run register = run("head-office", "register", "--dir", ho, "--workstation", Branch.WS, "--cert", wsCert.toString());
        assertThat(register.exit()).as(register.err()).isZero();
        Run lost = run("head-office", "report-lost", "--dir", ho, "--workstation", Branch.WS, "--token", "TOK1");
        assertThat(lost.exit()).as(lost.err()).isZero();
        Run verify = run("verify", "--pinned", wsCert.toString(), request.toString());
        assertThat(verify.exit()).isZero();
        assertThat(verify.out()).contains("Signature OK").contains("REQUEST batch 1 of " + Branch.WS);
        Run process = run("head-office", "process", "--dir", ho, "--request", request.toString(),
                "--out", branch.folders.inbox().toString(), "--reject", refuse + "=Not eligible");
        assertThat(process.exit()).as(process.err()).isZero();
        assertThat(process.out()).contains("1 issued, 1 rejected");

        // Processing the same request batch again is refused as a replay.
        Run again = run("head-office", "process", "--dir", ho, "--request", request.toString(),
                "--out", tmp.resolve("elsewhere").toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("REPLAY");

        var pinned = HeadOfficeCa.readCert(tmp.resolve("ho/sync-cert.pem"));
        assertThat(branch.importer(pinned).importInbox()).singleElement().isInstanceOf(Imported.class);
        assertThat(branch.state(keep)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.state(refuse)).isEqualTo("ABORTED");
        // Verification with the wrong pinned certificate names the refusal.
        Run wrong = run("verify", "--pinned", tmp.resolve("ho/sync-cert.pem").toString(), request.toString());
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err()).contains("WRONG_SIGNER");
    }

    @Test
    void aTrainerWritesACustomerExtractFromClearCardNumbers(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        String ho = tmp.resolve("ho").toString();
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 3);
        Path keyFile = Files.write(tmp.resolve("card-matching.key"), key);
        Path customers = Files.writeString(tmp.resolve("customers.json"), """
                [ { "customerNo": "CUST0007", "name": "王芳", "birthDate": "1949-12-31", "gender": "F",
                    "documents": [ { "type": "RESIDENT_ID", "number": "11010519491231002X", "name": "王芳",
                                     "validFrom": "2015-01-01", "validTo": null, "primary": true } ],
                    "cards": [ { "pan": "6222 0202 0011 2233 446", "kind": "DEBIT", "onlineBanking": true } ],
                    "tokens": [ { "serial": "TOK7", "model": "U1", "manufacturer": "Bank", "status": "ACTIVE" } ] } ]
                """);

        Run write = run("head-office", "customer-extract", "--dir", ho, "--branch", "0102", "--customers",
                customers.toString(), "--card-key", keyFile.toString(), "--out", branch.folders.inbox().toString());
        assertThat(write.exit()).as(write.err()).isZero();
        assertThat(write.out()).contains("CUS-0102-00000001.p7m", "customers=1", "cards=1", "tokens=1");
        Path extract = branch.folders.inbox().resolve("CUS-0102-00000001.p7m");
        assertThat(new String(Files.readAllBytes(extract), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("6222020200112233446").doesNotContain("0011 2233");
        Run verify = run("verify", "--pinned", tmp.resolve("ho/sync-cert.pem").toString(), extract.toString());
        assertThat(verify.out()).contains("Signature OK", "CUSTOMER_EXTRACT CUS-0102-00000001 for branch 0102");

        var pinned = HeadOfficeCa.readCert(tmp.resolve("ho/sync-cert.pem"));
        bank.ushield.db.CardMatchingKey hasher = bank.ushield.db.CardMatchingKey.loadOrCreate(keyFile);
        var extracts = new CustomerExtractImporter(branch.jdbi, Branch.WS, branch.folders, pinned, hasher,
                branch.audit, Branch.CLOCK, ExtractRecordRules.formOnly());
        assertThat(branch.importer(pinned).withCustomerExtracts(extracts).importInbox()).singleElement()
                .isInstanceOf(ImportResult.ExtractImported.class);
        var repos = new bank.ushield.db.Repositories(branch.db, hasher, new bank.ushield.db.PasswordHasher(), Branch.CLOCK);
        assertThat(repos.cards().findByPan("6222020200112233446")).isPresent();

        Run noKey = run("head-office", "customer-extract", "--dir", ho, "--branch", "0102", "--customers",
                customers.toString(), "--card-key", tmp.resolve("missing.key").toString(), "--out", tmp.toString());
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(tmp.resolve("missing.key")).doesNotExist();
    }
}
