package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

@ExtendWith(DatabaseFileExtension.class)
class ExportTest {

    @TempDir
    Path dir;

    @Test
    void signedExportVerifiesWithOpensslAndATamperedCopyDoesNot(DatabaseFile file) throws Exception {
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(dir.resolve("keys"), "0102-W03", KeystorePassword.training());
        Database db = Database.open(file.path());
        AuditExport.Result result;
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            for (int i = 0; i < 12; i++) {
                log.append(AuditEvent.builder(AuditEventType.CASE_CARD_VERIFIED, AuditOutcome.OK).actor("teller1", "TELLER")
                        .caseId((long) i).detail("cardNumber", "6222021234561234").detail("customerName", "张三")
                        .detail("note", "a, \"quoted\" note").build());
            }
            result = AuditExport.export(log, AuditQuery.builder().limit(5).build(), dir.resolve("out"), "audit-2026-03-01",
                    keys, "mgr", "MANAGER");
            assertThat(result.rows()).isEqualTo(12);
            assertThat(log.entry(log.size() - 1).orElseThrow().type()).isEqualTo(AuditEventType.EXPORT_MADE);
        }
        List<String> lines = Files.readAllLines(result.csv(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(13);
        assertThat(lines.get(0)).isEqualTo(AuditExport.HEADER);
        assertThat(lines.get(1)).startsWith("0,").contains("6222 **** **** 1234", "张*", "a, \\\"\"quoted\\\"\" note")
                .doesNotContain("6222021234561234", "张三");

        Openssl.Result ok = Openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", result.signature().toString(),
                "-content", result.csv().toString(), "-CAfile", result.certificate().toString(), "-purpose", "any",
                "-out", dir.resolve("verified.csv").toString());
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("Verification successful");
        assertThat(Files.readAllBytes(dir.resolve("verified.csv"))).isEqualTo(Files.readAllBytes(result.csv()));

        String changed = Files.readString(result.csv()).replace("CASE_CARD_VERIFIED", "CASE_CARD_VERIFIEX");
        Files.writeString(result.csv(), changed);
        Openssl.Result bad = Openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", result.signature().toString(),
                "-content", result.csv().toString(), "-CAfile", result.certificate().toString(), "-purpose", "any",
                "-out", dir.resolve("verified.csv").toString());
        assertThat(bad.exitCode()).isNotZero();

        assertThat(Files.readString(result.checkpoint())).startsWith("ushield-audit/0102-W03\n12\n").contains("\n\u2014 ");
    }

    @Test
    void csvCellsCannotStartAFormula() {
        assertThat(AuditExport.csv("=cmd|'/c calc'!A1")).isEqualTo("'=cmd|'/c calc'!A1");
        assertThat(AuditExport.csv("plain")).isEqualTo("plain");
        assertThat(AuditExport.csv("a,b")).isEqualTo("\"a,b\"");
    }
}
