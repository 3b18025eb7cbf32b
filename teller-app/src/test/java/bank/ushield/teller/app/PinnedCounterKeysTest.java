package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.SteppingClock;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.teller.settings.UnpinnedCounter;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * IT's reminder of ADR 0098 on a real branch database: the other counters whose newest signed audit head is signed
 * by a key not pinned here (none pinned; pinned; rotated after pinning), never this counter's own log.
 */
@ExtendWith(PostgresExtension.class)
class PinnedCounterKeysTest {

    @TempDir
    Path dir;
    private final Map<String, Database> databases = new LinkedHashMap<>();

    @AfterEach
    void close() {
        databases.values().forEach(Database::close);
    }

    private AuditLog counter(String url, PostgresDatabase pg, String ws) {
        Database db = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
        databases.put(ws, db);
        return AuditLog.open(db, ws, new SteppingClock(Instant.parse("2026-11-20T01:00:00Z"), Duration.ofMinutes(3)));
    }

    private static void append(AuditLog log, int n) {
        for (int i = 0; i < n; i++) {
            log.append(AuditEvent.builder(AuditEventType.CASE_COMPLETED, AuditOutcome.OK).actor("teller01", "TELLER")
                    .caseId((long) i).build());
        }
    }

    @Test
    void aCounterWhoseKeyIsNotPinnedHereIsNamedUntilItsCertificateIsCopied(PostgresDatabase pg) throws Exception {
        String url = pg.freshSchemaUrl();
        AuditLog own = counter(url, pg, "0102-W01");
        AuditLog w02 = counter(url, pg, "0102-W02");
        AuditLog w03 = counter(url, pg, "0102-W03");
        databases.get("0102-W01").jdbi().useHandle(h -> {
            h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Branch 0102')");
            for (String ws : databases.keySet()) {
                h.execute("INSERT INTO workstation (id, branch_id, name, created_at) VALUES (?, '0102', ?, ?)", ws,
                        "Counter " + ws.substring(ws.length() - 1), "2026-11-01T00:00:00.000000000Z");
            }
        });
        KeystorePassword password = KeystorePassword.training();
        WorkstationKeys first = WorkstationKeys.loadOrCreate(dir.resolve("k2"), "0102-W02", password);
        append(own, 4);
        own.checkpoint(WorkstationKeys.loadOrCreate(dir.resolve("k1"), "0102-W01", password));
        append(w02, 4);
        w02.checkpoint(first);
        append(w03, 2); // nothing signed yet at W03: nothing a pin would check
        Path folder = dir.resolve("branch-workstations");
        Files.createDirectories(folder);
        Database mine = databases.get("0102-W01");

        // Nothing pinned: W02 named, as not pinned at all; this counter's own log never.
        assertThat(PinnedCounterKeys.check(mine, "0102-W01", folder))
                .containsExactly(new UnpinnedCounter("0102-W02", "Counter 2", false, folder));

        // IT copies W02's certificate: nothing to say.
        Files.write(folder.resolve("0102-W02.der"), first.certificate().getEncoded());
        assertThat(PinnedCounterKeys.check(mine, "0102-W01", folder)).isEmpty();

        // W02's key rotated: its newest head is signed by the new key, which is not pinned here yet.
        append(w02, 4);
        w02.checkpoint(WorkstationKeys.loadOrCreate(dir.resolve("k2new"), "0102-W02", password));
        List<UnpinnedCounter> after = PinnedCounterKeys.check(mine, "0102-W01", folder);
        assertThat(after).containsExactly(new UnpinnedCounter("0102-W02", "Counter 2", true, folder));
    }
}
