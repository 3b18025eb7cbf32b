package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * The attacks of issue 21 on the file itself, on real SQLite files written through the audit API: an empty,
 * foreign or missing file, dropped or altered triggers, a missing table, byte flips, a swapped index root, a
 * corrupted time, forged rows in the middle; verify reads the file without changing a byte.
 */
@ExtendWith(DatabaseFileExtension.class)
class HostileFileVerifyTest {

    @TempDir
    static Path keyDir;
    static WorkstationKeys keys;

    @BeforeAll
    static void keys() {
        keys = WorkstationKeys.loadOrCreate(keyDir, "0102-W03", KeystorePassword.training());
    }

    /** A closed log of {@code events} events plus signed checkpoints every 16 entries, as the workstation writes it. */
    private static Path log(DatabaseFile file, int events) {
        try (Database db = Database.open(file.path()); AuditLog log = AuditLog.open(db, "0102-W03")) {
            log.enableCheckpoints(keys, 16);
            for (int i = 0; i < events; i++) {
                log.append(AuditEvent.builder(i % 5 == 4 ? AuditEventType.CHECK_FAILED : AuditEventType.CASE_OPENED,
                                i % 5 == 4 ? AuditOutcome.FAILED : AuditOutcome.OK)
                        .actor("teller" + (i % 3), "TELLER").caseId((long) i)
                        .detail("marker", String.format("marker-%04d", i)).build());
            }
        }
        VerifyReport clean = AuditVerifier.verifyFile(file.path(), List.of());
        assertThat(clean.ok()).as(clean.summary()).isTrue();
        return file.path();
    }

    /** Raw SQL on the file as an attacker with sqlite3 would run it (no migrations, no application). */
    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static long rootPage(Path file, String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + name + "'")) {
            return rs.getLong(1);
        }
    }

    private static void dropTriggers(Path file) throws Exception {
        sql(file, "DROP TRIGGER audit_entry_no_update", "DROP TRIGGER audit_entry_no_delete",
                "DROP TRIGGER audit_node_no_update", "DROP TRIGGER audit_node_no_delete");
    }

    private static VerifyReport verify(Path file) {
        return AuditVerifier.verifyFile(file, List.of());
    }

    /**
     * The default verify as it runs on a log above 250,000 entries (ADR 0093: SQLite's own check of the small audit
     * tables only, no page check of the whole file), here on a small log.
     */
    private static VerifyReport largeLogDefault(Path file) {
        return AuditVerifier.verifyFile(file, List.of(), AuditVerifier.Depth.CONTENT, 0);
    }

    private static VerifyReport thorough(Path file) {
        return AuditVerifier.verifyFile(file, List.of(), AuditVerifier.Depth.THOROUGH);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aZeroByteFileIsUnreadableAndStaysEmpty(DatabaseFile file) throws Exception {
        Files.createFile(file.path());
        VerifyReport report = verify(file.path());
        assertThat(report.ok()).isFalse();
        assertThat(report.unreadable()).as(report.summary()).isTrue();
        assertThat(report.summary()).contains("empty (0 bytes)");
        assertThat(Files.size(file.path())).as("no schema written into the evidence file").isZero();
    }

    @Test
    void aMissingFileIsUnreadableAndNotCreated(DatabaseFile file) {
        VerifyReport report = verify(file.path());
        assertThat(report.unreadable()).as(report.summary()).isTrue();
        assertThat(file.path()).doesNotExist();
    }

    @Test
    void aFileThatIsNotSqliteIsUnreadable(DatabaseFile file) throws Exception {
        Files.writeString(file.path(), "SQLite format 2? no: a text file long enough to have a header\n".repeat(20));
        VerifyReport report = verify(file.path());
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.UNREADABLE);
    }

    @Test
    void anEmptyOrForeignSqliteDatabaseIsNotAnAuditLog(DatabaseFile file) throws Exception {
        sql(file.path(), "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
                "INSERT INTO customers (name) VALUES ('x')");
        String before = sha256(file.path());
        VerifyReport report = verify(file.path());
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.NOT_AN_AUDIT_LOG);
        assertThat(report.unreadable()).isTrue();
        assertThat(sha256(file.path())).as("no migration ran on the foreign file").isEqualTo(before);
    }

    @Test
    void verifyLeavesTheFileByteIdentical(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        FileTime old = FileTime.from(Instant.parse("2026-01-02T03:04:05Z"));
        Files.setLastModifiedTime(db, old);
        String before = sha256(db);
        VerifyReport report = verify(db);
        assertThat(report.ok()).as(report.summary()).isTrue();
        assertThat(sha256(db)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(old);
    }

    @Test
    void aDroppedTriggerIsNamed(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        sql(db, "DROP TRIGGER audit_entry_no_update");
        VerifyReport report = verify(db);
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.SCHEMA_CHANGED);
        assertThat(report.problem().message()).contains("trigger audit_entry_no_update is missing");
        assertThat(report.unreadable()).isFalse();
    }

    @Test
    void anAlteredTriggerIsNamed(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        // Still there by name, but refuses nothing any more.
        sql(db, "DROP TRIGGER audit_entry_no_delete", "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON "
                + "audit_entry WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END");
        VerifyReport report = verify(db);
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.SCHEMA_CHANGED);
        assertThat(report.problem().message()).contains("trigger audit_entry_no_delete was altered");
    }

    /**
     * Issue 21: INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers, so with every trigger in
     * place the sqlite3 tool could rewrite audit_signer.first_used (covered by no hash). V13 refuses it, for every
     * audit table.
     */
    @Test
    void insertOrReplaceCannotRewriteAnAuditRow(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        String before = sha256(db);
        for (String replace : List.of(
                "INSERT OR REPLACE INTO audit_signer (key_id, certificate, first_used) SELECT key_id, certificate, "
                        + "'2001-01-01T00:00:00.000Z' FROM audit_signer",
                "INSERT OR REPLACE INTO audit_entry SELECT seq, at, workstation, 'someone-else', role, case_id, "
                        + "customer_ref, event_type, outcome, details, leaf_hash FROM audit_entry WHERE seq = 3",
                "INSERT OR REPLACE INTO audit_node SELECT * FROM audit_node LIMIT 1",
                "INSERT OR REPLACE INTO audit_checkpoint SELECT * FROM audit_checkpoint LIMIT 1")) {
            assertThatThrownBy(() -> sql(db, replace)).as(replace).hasMessageContaining("append-only");
        }
        assertThat(sha256(db)).isEqualTo(before);
        assertThat(verify(db).ok()).isTrue();
    }

    /** Issue 21: the insider drops the triggers, edits first_used and puts the triggers back: verify names the key. */
    @Test
    void aChangedSignerFirstUseIsNamed(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        String key;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT key_id FROM audit_signer")) {
            key = rs.getString(1);
        }
        sql(db, "DROP TRIGGER audit_signer_no_update", "UPDATE audit_signer SET first_used = '2001-01-01T00:00:00.000Z'",
                "CREATE TRIGGER audit_signer_no_update BEFORE UPDATE ON audit_signer\n"
                        + "BEGIN SELECT RAISE(ABORT, 'audit_signer is append-only'); END");
        VerifyReport report = verify(db);
        assertThat(report.ok()).isFalse();
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.SIGNER_CHANGED);
        assertThat(report.problem().message()).contains("signer key " + key.substring(0, 16))
                .contains("says it was first used 2001-01-01T00:00:00.000Z");
        assertThat(report.summary()).doesNotContain("SCHEMA_CHANGED");
    }

    @Test
    void anEditBehindADroppedTriggerNamesTheEntryAndTheTrigger(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        dropTriggers(db);
        sql(db, "UPDATE audit_entry SET outcome = 'OK' WHERE seq = 9");
        VerifyReport report = verify(db);
        assertThat(report.problem().kind()).isEqualTo(VerifyReport.Kind.LEAF_MISMATCH);
        assertThat(report.problem().seq()).isEqualTo(9);
        assertThat(report.more()).extracting(VerifyReport.Problem::kind).contains(VerifyReport.Kind.SCHEMA_CHANGED);
        assertThat(report.summary()).contains("audit_entry_no_update is missing");
    }

    @Test
    void aMissingTableIsAReportNotAStackTrace(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        sql(db, "DROP TABLE audit_node");
        VerifyReport report = verify(db);
        assertThat(report.ok()).isFalse();
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.SCHEMA_CHANGED);
        assertThat(report.problem().message()).contains("table audit_node is missing");
    }

    @Test
    void aSwappedIndexRootHidesEntriesFromTheFilterAndIsCaught(DatabaseFile file) throws Exception {
        Path db = log(file, 200);
        long event = rootPage(db, "audit_entry_event");
        long actor = rootPage(db, "audit_entry_actor");
        sql(db, "PRAGMA writable_schema = ON",
                "UPDATE sqlite_master SET rootpage = " + actor + " WHERE name = 'audit_entry_event'",
                "UPDATE sqlite_master SET rootpage = " + event + " WHERE name = 'audit_entry_actor'");
        // The attack works: the manager's event filter no longer finds the failed checks.
        try (Database opened = Database.open(db)) {
            long found = new AuditSearch(opened).page(AuditQuery.builder().type(AuditEventType.CHECK_FAILED)
                    .limit(1000).build()).entries().size();
            assertThat(found).as("entries the filter finds").isLessThan(40);
        }
        VerifyReport report = verify(db);
        assertThat(report.ok()).as(report.summary()).isFalse();
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.DAMAGED);
    }

    @Test
    void aCorruptedTimeIsNamedAndNeverStopsTheSearch(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        dropTriggers(db);
        // Keeps the date prefix, so the entry stays inside date-range searches and day counts.
        sql(db, "UPDATE audit_entry SET at = substr(at, 1, 11) || 'broken' WHERE seq = 5");
        VerifyReport report = verify(db);
        assertThat(report.problem().kind()).isEqualTo(VerifyReport.Kind.LEAF_MISMATCH);
        assertThat(report.problem().seq()).isEqualTo(5);
        try (Database opened = Database.open(db)) {
            List<AuditEntry> all = new AuditSearch(opened).page(AuditQuery.builder().limit(100).build()).entries();
            assertThat(all).hasSize(42);
            assertThat(all).filteredOn(e -> e.seq() == 5).singleElement()
                    .satisfies(e -> assertThat(e.at()).isEqualTo(Instant.EPOCH));
            ReviewQueries review = new ReviewQueries(opened, java.time.ZoneId.of("Asia/Shanghai"));
            assertThat(review.row(5)).isPresent();
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
            assertThat(review.days(today.minusDays(1), today.plusDays(1))).isNotEmpty();
            new bank.ushield.audit.stats.AuditStatistics(opened, java.time.ZoneId.of("Asia/Shanghai"))
                    .renewalsPerDay(today.minusDays(1), today.plusDays(1));
            assertThat(new AuditSearch(opened).page(AuditQuery.builder()
                    .from(Instant.now().minusSeconds(86_400)).to(Instant.now().plusSeconds(86_400)).limit(100).build())
                    .entries()).isNotEmpty();
        }
    }

    /** Moves entries from {@code at} up by one and puts a forged entry there, with a correct hash of its own. */
    private static void insertForged(Path db, long at, boolean rehashLater) throws Exception {
        dropTriggers(db);
        sql(db, "UPDATE audit_entry SET seq = seq + 100000 WHERE seq >= " + at,
                "UPDATE audit_entry SET seq = seq - 100000 + 1 WHERE seq >= 100000");
        try (Database opened = Database.open(db)) {
            opened.jdbi().useHandle(h -> {
                AuditEntry forged = new AuditEntry(at, Instant.parse("2026-01-01T00:00:00Z"), "0102-W03", "teller1",
                        "MANAGER", null, null, AuditEventType.MANAGER_AUTHORISATION_GRANTED, AuditOutcome.OK, "{}",
                        new byte[0]);
                h.createUpdate("INSERT INTO audit_entry (seq, at, workstation, actor, role, event_type, outcome, "
                                + "details, leaf_hash) VALUES (:seq, :at, '0102-W03', 'teller1', 'MANAGER', "
                                + "'MANAGER_AUTHORISATION_GRANTED', 'OK', '{}', :leaf)")
                        .bind("seq", at).bind("at", forged.atText())
                        .bind("leaf", MerkleTree.leafHash(forged.leafData())).execute();
                if (rehashLater) {
                    h.createQuery(AuditEntryStore.SELECT + " WHERE seq > :from ORDER BY seq").bind("from", at)
                            .map((rs, ctx) -> AuditEntryStore.map(rs)).list()
                            .forEach(e -> h.createUpdate("UPDATE audit_entry SET leaf_hash = :leaf WHERE seq = :seq")
                                    .bind("leaf", MerkleTree.leafHash(e.leafData())).bind("seq", e.seq()).execute());
                }
            });
        }
    }

    @Test
    void aForgedRowInTheMiddleIsNamedAtItsOwnNumber(DatabaseFile a, DatabaseFile b, DatabaseFile c, DatabaseFile d)
            throws Exception {
        // Even and odd positions, with and without the later leaf hashes recomputed.
        Map<String, Long> named = new TreeMap<>();
        Object[][] cases = {{a, 20L, false}, {b, 21L, false}, {c, 20L, true}, {d, 21L, true}};
        for (Object[] k : cases) {
            Path db = log((DatabaseFile) k[0], 40);
            insertForged(db, (Long) k[1], (Boolean) k[2]);
            VerifyReport report = verify(db);
            assertThat(report.ok()).isFalse();
            named.put("at " + k[1] + (((Boolean) k[2]) ? " rehashed" : " plain"), report.problem().seq());
            assertThat(report.problem().seq()).as(report.summary()).isEqualTo((Long) k[1]);
            assertThat(report.problem().message()).contains(" " + k[1] + " ");
        }
        System.out.println("forged rows named: " + named);
    }

    @Test
    void oneEntryRewrittenWithItsLeafHashIsCaughtByTheStoredTree(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        dropTriggers(db);
        sql(db, "UPDATE audit_entry SET outcome = 'OK' WHERE seq = 20"); // event 19, a failed check
        try (Database opened = Database.open(db)) {
            opened.jdbi().useHandle(h -> {
                AuditEntry e = AuditEntryStore.entry(h, 20).orElseThrow();
                h.createUpdate("UPDATE audit_entry SET leaf_hash = :leaf WHERE seq = 20")
                        .bind("leaf", MerkleTree.leafHash(e.leafData())).execute();
            });
        }
        VerifyReport report = verify(db);
        assertThat(report.problem().kind()).as(report.summary()).isEqualTo(VerifyReport.Kind.NODE_MISMATCH);
        assertThat(report.problem().seq()).isEqualTo(20);
    }

    /** A tampering of a log file, as an insider with sqlite3 (or a hex editor) would make it. */
    private interface Tamper {
        void apply(Path db) throws Exception;
    }

    /**
     * ADR 0093: on a large log the default verify no longer runs SQLite's page check of the whole file; every content
     * tampering is still caught, and the rows' ones are named at their entry.
     */
    @Test
    void theLargeLogDefaultCatchesEveryContentTamper(DatabaseFile file, @TempDir Path work) throws Exception {
        Path clean = log(file, 60);
        assertThat(largeLogDefault(clean).ok()).isTrue();
        Map<String, Tamper> tampers = new java.util.LinkedHashMap<>();
        tampers.put("row edited", db -> {
            dropTriggers(db);
            sql(db, "UPDATE audit_entry SET actor = 'teller9' WHERE seq = 10");
        });
        tampers.put("row deleted", db -> {
            dropTriggers(db);
            sql(db, "DELETE FROM audit_entry WHERE seq = 10");
        });
        tampers.put("row inserted", db -> insertForged(db, 10, false));
        tampers.put("rows reordered", db -> {
            dropTriggers(db);
            sql(db, "UPDATE audit_entry SET seq = seq + 100000 WHERE seq IN (10, 11)",
                    "UPDATE audit_entry SET seq = 11 WHERE seq = 100010",
                    "UPDATE audit_entry SET seq = 10 WHERE seq = 100011");
        });
        tampers.put("last rows deleted", db -> {
            dropTriggers(db);
            sql(db, "DELETE FROM audit_entry WHERE seq >= 60");
        });
        tampers.put("trigger dropped", db -> sql(db, "DROP TRIGGER audit_entry_no_update"));
        tampers.put("index roots swapped", db -> {
            long event = rootPage(db, "audit_entry_event");
            long actor = rootPage(db, "audit_entry_actor");
            sql(db, "PRAGMA writable_schema = ON",
                    "UPDATE sqlite_master SET rootpage = " + actor + " WHERE name = 'audit_entry_event'",
                    "UPDATE sqlite_master SET rootpage = " + event + " WHERE name = 'audit_entry_actor'");
        });
        tampers.put("index without the failed checks", db -> {
            // An index built without some entries, put under the real index's name: same schema text, fewer entries.
            sql(db, "CREATE INDEX hiding ON audit_entry(event_type, at) WHERE event_type <> 'CHECK_FAILED'");
            long hiding = rootPage(db, "hiding");
            sql(db, "PRAGMA writable_schema = ON",
                    "UPDATE sqlite_master SET rootpage = " + hiding + " WHERE name = 'audit_entry_event'",
                    "DELETE FROM sqlite_master WHERE name = 'hiding'");
        });
        tampers.put("index entry edited", db -> {
            // In the event index an entry's key is followed by its time ("CHECK_FAILED2026-..."); in the table by
            // the outcome. One index entry's key changed in the file's bytes: the filter no longer finds that entry.
            byte[] bytes = Files.readAllBytes(db);
            int at = bank.ushield.testsupport.Bytes.indexOf(bytes,
                    "CHECK_FAILED2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(at).as("an event index entry in the file").isPositive();
            bytes[at + "CHECK_FAILE".length()] = 'E';
            Files.write(db, bytes);
        });
        tampers.put("index entry pointed at another row", db -> {
            // The event index entry of a failed check made to point at the next row (a case opened): counts per
            // event type stay equal; the failed-check filter shows the wrong row and hides the failed check.
            long seq;
            String at;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq, at FROM audit_entry WHERE event_type = 'CHECK_FAILED' "
                         + "AND seq BETWEEN 2 AND 100 ORDER BY seq LIMIT 1")) {
                seq = rs.getLong(1);
                at = rs.getString(2);
            }
            byte[] bytes = Files.readAllBytes(db);
            byte[] key = ("CHECK_FAILED" + at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int p = bank.ushield.testsupport.Bytes.indexOf(bytes, key);
            assertThat(p).as("the index entry of entry " + seq).isPositive();
            // The record's last value, the row id, is one byte for 2..127.
            assertThat(bytes[p + key.length]).isEqualTo((byte) seq);
            bytes[p + key.length] = (byte) (seq + 1);
            Files.write(db, bytes);
        });
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, Tamper> t : tampers.entrySet()) {
            Path copy = work.resolve(t.getKey().replace(' ', '-') + ".db");
            Files.copy(clean, copy);
            t.getValue().apply(copy);
            VerifyReport report = largeLogDefault(copy);
            found.put(t.getKey(), report.summary());
            assertThat(report.ok()).as(t.getKey() + ": " + report.summary()).isFalse();
            if (t.getKey().startsWith("row")) {
                assertThat(report.problem().seq()).as(t.getKey() + ": " + report.summary()).isEqualTo(10);
            }
        }
        found.forEach((k, v) -> System.out.println("large-log default, " + k + ": " + v));
    }


    /**
     * What the large log's default verify leaves to the thorough check (the daily sign-off, IT's --thorough): damage
     * to pages that hold no audit evidence, here the root page of another module's table made unreadable.
     */
    @Test
    void damageOutsideTheAuditTablesIsLeftToTheThoroughCheck(DatabaseFile file) throws Exception {
        Path db = log(file, 40);
        long root = rootPage(db, "customer");
        int pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA page_size")) {
            pageSize = rs.getInt(1);
        }
        byte[] bytes = Files.readAllBytes(db);
        int header = (int) ((root - 1) * pageSize);
        assertThat(bytes[header]).as("a table leaf page").isEqualTo((byte) 0x0D);
        bytes[header] = (byte) 0x6B; // no b-tree page type
        Files.write(db, bytes);
        assertThat(largeLogDefault(db).ok()).as(largeLogDefault(db).summary()).isTrue();
        VerifyReport report = thorough(db);
        assertThat(report.ok()).isFalse();
        // SQLite's integrity check reports the page, or refuses the file as malformed: either way not intact.
        assertThat(report.problem().kind()).as(report.summary())
                .isIn(VerifyReport.Kind.DAMAGED, VerifyReport.Kind.UNREADABLE);
    }

    /**
     * Byte flips over the whole file: each flip that changes what SQLite shows of the audit log (its schema rows, a
     * row of an audit table, or what an audit index finds) must be reported; flips that land in unused space, or
     * change another module's rows in a still well-formed page, are counted apart (they are not audit evidence).
     */
    @Test
    void byteFlipsOverTheFileAreCaught(DatabaseFile file, @TempDir Path work) throws Exception {
        byteFlips(file, work, HostileFileVerifyTest::verify, "");
    }

    @Test
    void byteFlipsOverTheFileAreCaughtByTheLargeLogDefault(DatabaseFile file, @TempDir Path work) throws Exception {
        byteFlips(file, work, HostileFileVerifyTest::largeLogDefault, "large-log default: ");
    }

    private static void byteFlips(DatabaseFile file, Path work, java.util.function.Function<Path, VerifyReport> verify,
                                  String label) throws Exception {
        Path db = log(file, 300);
        byte[] original = Files.readAllBytes(db);
        String clean = observable(db);
        Random rnd = new Random(21);
        Map<String, Integer> caughtBy = new TreeMap<>();
        int harmless = 0;
        int onlyByTheFullCheck = 0;
        int flips = 120;
        for (int i = 0; i < flips; i++) {
            int at = (int) ((long) i * original.length / flips) + rnd.nextInt(Math.max(1, original.length / flips));
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) (1 + rnd.nextInt(255));
            Path copy = work.resolve("flip-" + i + ".db");
            Files.write(copy, bytes);
            VerifyReport report = verify.apply(copy);
            if (report.ok()) {
                String seen = observable(copy);
                assertThat(firstDifference(clean, seen))
                        .as("flip at byte " + at + " changed what SQLite shows, yet verify says OK").isNull();
                harmless++;
                if (!label.isEmpty() && !verify(copy).ok()) {
                    // Seen by SQLite's check of the whole file only: damage that changes nothing SQLite shows.
                    onlyByTheFullCheck++;
                }
            } else {
                caughtBy.merge(report.problem().kind().name(), 1, Integer::sum);
            }
            Files.deleteIfExists(copy);
        }
        System.out.printf("%sbyte flips: %d over %d bytes; caught %s; %d in unused space (nothing SQLite shows "
                + "changed), of which SQLite's integrity check of the whole file reports %d%n", label, flips,
                original.length, caughtBy, harmless, onlyByTheFullCheck);
        assertThat(caughtBy.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<none>";
            String r = i < y.length ? y[i] : "<none>";
            if (!l.equals(r)) {
                return "line " + i + ": " + l + " -> " + r;
            }
        }
        return null;
    }

    /** The audit schema rows, every audit row and every audit index scan, as text (or the error SQLite gives). */
    private static String observable(Path db) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro");
             Statement st = c.createStatement()) {
            for (String q : List.of("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE tbl_name LIKE 'audit%' "
                            + "OR name LIKE 'audit%' ORDER BY name",
                    "SELECT * FROM audit_entry NOT INDEXED ORDER BY seq", "SELECT * FROM audit_node",
                    "SELECT * FROM audit_checkpoint", "SELECT * FROM audit_signer",
                    "SELECT seq FROM audit_entry INDEXED BY audit_entry_at WHERE at > '' ORDER BY at, seq",
                    "SELECT seq FROM audit_entry INDEXED BY audit_entry_actor WHERE actor > '' ORDER BY actor, at",
                    "SELECT seq FROM audit_entry INDEXED BY audit_entry_event WHERE event_type > '' ORDER BY event_type, at",
                    "SELECT seq FROM audit_entry INDEXED BY audit_entry_outcome WHERE outcome <> 'OK' ORDER BY outcome, at",
                    "SELECT seq FROM audit_entry INDEXED BY audit_entry_case WHERE case_id IS NOT NULL ORDER BY case_id, at")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            byte[] b = rs.getBytes(i);
                            out.append(b == null ? "null" : HexFormat.of().formatHex(b)).append('|');
                        }
                        out.append('\n');
                    }
                } catch (java.sql.SQLException e) {
                    out.append("error ").append(e.getMessage()).append('\n');
                }
            }
        } catch (java.sql.SQLException e) {
            return "error " + e.getMessage();
        }
        return out.toString();
    }
}
