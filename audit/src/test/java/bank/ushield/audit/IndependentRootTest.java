package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** A second implementation (Python's sqlite3 and hashlib, from docs/audit-format.md) gets the same tree roots. */
@ExtendWith(DatabaseFileExtension.class)
class IndependentRootTest {

    @Test
    void pythonRecomputesTheSignedRoot(DatabaseFile file) throws Exception {
        assumeTrue(python3Available(), "python3 is not installed");
        Database db = Database.open(file.path());
        TreeHead head;
        try (AuditLog log = AuditLog.open(db, "0102-W03")) {
            for (int i = 0; i < 37; i++) {
                log.append(AuditEvent.builder(AuditEventType.CASE_OPENED, AuditOutcome.OK).actor("张" + i, "TELLER")
                        .caseId(i % 3 == 0 ? null : (long) i).customerRef(i % 2 == 0 ? null : "c-" + "ab".repeat(16))
                        .detail("customerName", "李四").detail("n", i).build());
            }
            head = log.treeHead(30);
        }
        Path script = Path.of(getClass().getResource("/independent_root.py").toURI());
        Process p = new ProcessBuilder("python3", script.toString(), file.path().toString(), "30")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).isEqualTo("30 " + head.rootHex() + " " + head.rootBase64());
    }

    private static boolean python3Available() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
