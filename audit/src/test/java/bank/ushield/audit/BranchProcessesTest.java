package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.testsupport.ChildJvm;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Workstations as separate processes on one branch database (docs/adr/0073): four JVMs appending to their four logs
 * at once, and a workstation killed (SIGKILL) in the middle of appending. Afterwards every log verifies against its
 * own key.
 */
@ExtendWith(PostgresExtension.class)
class BranchProcessesTest {

    private static final List<String> WORKSTATIONS = List.of("0102-W01", "0102-W02", "0102-W03", "0102-W04");

    @TempDir
    Path keyDirs;

    private static ChildJvm start(String url, PostgresDatabase pg, String ws, long count, Path keyDir) throws Exception {
        return ChildJvm.start(BranchAppender.class, null, Map.of(BranchDatabaseSettings.PASSWORD_ENV, pg.password()),
                url, pg.user(), ws, Long.toString(count), keyDir.toString());
    }

    private static Database open(String url, PostgresDatabase pg, String ws) {
        return Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
    }

    private VerifyReport verifyOwn(String url, PostgresDatabase pg, String ws) {
        WorkstationKeys keys = WorkstationKeys.open(keyDirs.resolve(ws), KeystorePassword.training());
        try (Database db = open(url, pg, ws)) {
            return AuditVerifier.verify(db.jdbi(), List.of(keys.certificate()));
        }
    }

    @Test
    void fourWorkstationProcessesAppendAtOnceAndEveryLogVerifies(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        open(url, pg, "0102-W01").close(); // migrate once before the four start
        int count = 200;
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (String ws : WORKSTATIONS) {
                children.add(start(url, pg, ws, count, keyDirs.resolve(ws)));
            }
            for (ChildJvm child : children) {
                assertThat(child.waitFor(Duration.ofMinutes(5))).as(child.output()).isZero();
                assertThat(child.output()).contains("done");
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        for (String ws : WORKSTATIONS) {
            VerifyReport report = verifyOwn(url, pg, ws);
            assertThat(report.ok()).as(ws + ": " + report.summary()).isTrue();
            assertThat(report.entries() - report.checkpointsChecked()).as(ws).isEqualTo(count);
        }
    }

    @Test
    void aWorkstationKilledWhileAppendingLeavesAVerifiableLogThatContinues(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        String ws = "0102-W02";
        try (ChildJvm child = start(url, pg, ws, 1_000_000, keyDirs.resolve(ws))) {
            child.await("appended 300", Duration.ofMinutes(3));
            child.kill9();
        }
        VerifyReport afterKill = verifyOwn(url, pg, ws);
        assertThat(afterKill.ok()).as(afterKill.summary()).isTrue();
        assertThat(afterKill.entries()).isGreaterThanOrEqualTo(300);
        // The next start of the workstation appends right after the last committed entry.
        try (Database db = open(url, pg, ws); AuditLog log = AuditLog.open(db, ws)) {
            AuditEntry next = log.append(AuditEvent.builder(AuditEventType.LOGIN_OK, AuditOutcome.OK)
                    .actor("teller", "TELLER").build());
            assertThat(next.seq()).isEqualTo(afterKill.entries());
        }
        assertThat(verifyOwn(url, pg, ws).ok()).isTrue();
    }
}
