package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import bank.ushield.casync.format.Pki;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;

/**
 * The headless {@code sync} of a production workstation (SoftHSM2 as its module) says what it did and exits 0 when
 * it sent only the audit log's checkpoint, or imported only head office's acknowledgement of it (the head-office
 * simulator answering the request batch); 3 only when nothing was done.
 */
@ExtendWith(SoftHsmExtension.class)
class HeadlessSyncReportTest {

    private static final String WORKSTATION = "0102-W03";
    private static final Map<String, String> ENV = Map.of("USHIELD_KEYSTORE_PASSWORD", "ks-Secret-0102",
            "IT_PASSWORD", "It#2024-0102");

    @TempDir
    Path home;
    private String out = "";

    private int run(String... args) {
        StringWriter w = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(ENV::get));
        cl.setOut(new PrintWriter(w));
        cl.setErr(new PrintWriter(w));
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = cl.execute(all);
        out = w.toString();
        return exit;
    }

    @Test
    void aCheckpointOnlyBatchAndAnImportedAcknowledgementAreWorkDoneAndSaidInWords(SoftHsmToken token)
            throws Exception {
        Path share = Files.createDirectories(home.resolve("share"));
        HeadOfficeSimulator ho = HeadOfficeSimulator.open(home.resolve("ho"), Clock.systemUTC(),
                HeadOfficeCa.KeyAlgorithm.EC_P256);
        Path hoCert = Files.writeString(home.resolve("ho-sync.pem"), Pki.pem(ho.syncCertificate()));
        StringBuilder cas = new StringBuilder();
        ho.ca().caCertificates().forEach(c -> cas.append(Pki.pem(c)));
        Path caFile = Files.writeString(home.resolve("ca.pem"), cas);
        assertThat(run("setup", "--branch", "0102", "--branch-name", "测试支行", "--workstation", WORKSTATION,
                "--pkcs11-module", token.modulePath().toString(), "--sync-folder", share.toString(),
                "--head-office-cert", hoCert.toString(), "--ca-certificates", caFile.toString(), "--login", "it01",
                "--name", "IT", "--role", "IT", "--password-env", "IT_PASSWORD")).as(out).isZero();
        Path wsPem = home.resolve("ws.pem");
        assertThat(run("export-workstation-certificate", "--out", wsPem.toString())).as(out).isZero();
        ho.registerWorkstation(WORKSTATION, HeadOfficeCa.readCert(wsPem));

        // No request waits; the log grew and head office never anchored it: a checkpoint-only batch goes out.
        assertThat(run("sync")).as(out).isEqualTo(0);
        assertThat(out).contains("已发送：审计日志检查点").doesNotContain("无事可做");
        Path request;
        try (var files = Files.list(share.resolve("outbox"))) {
            request = files.filter(f -> f.getFileName().toString().startsWith("REQ-")).findFirst().orElseThrow();
        }
        // Nothing new: no batch due, the inbox empty.
        assertThat(run("sync")).as(out).isEqualTo(SyncCommand.NOTHING_TO_DO);
        assertThat(out).contains("无事可做");

        // Head office answers the checkpoint with its acknowledgement: importing it is work done.
        HeadOfficeSimulator.Processed answer = ho.process(request, share.resolve("inbox"), RejectionPolicy.none());
        assertThat(answer.anchorRefused()).isFalse();
        assertThat(run("sync")).as(out).isEqualTo(0);
        assertThat(out).contains("已导入 1 个总行批次", "总行对审计日志的确认").doesNotContain("无事可做");
    }
}
