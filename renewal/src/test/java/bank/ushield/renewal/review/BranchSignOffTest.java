package bank.ushield.renewal.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.testsupport.MutableClock;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * The manager's review and daily sign-off of a branch of three workstations on PostgreSQL (docs/adr/0089), at
 * workstation W01 which served nobody that day: every log is read, searched and verified, each exception names its
 * workstation, a log rewritten by a database superuser is named in words and refuses the sign-off, and a sign-off of
 * intact logs names every log's head.
 */
@ExtendWith(PostgresExtension.class)
class BranchSignOffTest {

    private static final List<String> WORKSTATIONS = List.of("0102-W01", "0102-W02", "0102-W03");
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, AuditFixture.ZONE);
    private static final LocalDate DAY = START.toLocalDate();

    @TempDir
    Path keyDirs;

    private final Map<String, Database> databases = new LinkedHashMap<>();
    private final Map<String, AuditLog> logs = new LinkedHashMap<>();
    private WorkstationKeys managerKeys;
    private MutableClock clock;

    /** W02 and W03 serve customers (one failed check and one manager's authorisation each); W01 serves nobody. */
    private AuditLogReview branch(PostgresDatabase pg) {
        String url = pg.freshSchemaUrl();
        clock = new MutableClock(START.toInstant(), AuditFixture.ZONE);
        for (String ws : WORKSTATIONS) {
            Database db = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), ws));
            databases.put(ws, db);
            WorkstationKeys k = WorkstationKeys.loadOrCreate(keyDirs.resolve(ws), ws, KeystorePassword.training());
            if (managerKeys == null) {
                managerKeys = k;
            }
            AuditLog log = AuditLog.open(db, ws, clock);
            log.enableCheckpoints(k, 4);
            logs.put(ws, log);
        }
        databases.get("0102-W01").jdbi().useHandle(h -> {
            h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Branch 0102')");
            h.execute("INSERT INTO workstation (id, branch_id, name, created_at) VALUES ('0102-W02', '0102', '二号柜台', "
                    + "'2026-11-01T00:00:00.000000000Z')");
        });
        for (String ws : WORKSTATIONS.subList(1, 3)) {
            AuditLog log = logs.get(ws);
            String teller = "teller0" + ws.charAt(ws.length() - 1);
            for (long c = 1; c <= 3; c++) {
                long caseId = c + (ws.endsWith("2") ? 100 : 200);
                append(log, AuditEventType.CASE_OPENED, AuditOutcome.OK, teller, caseId);
                if (c == 2) {
                    append(log, AuditEventType.CHECK_FAILED, AuditOutcome.FAILED, teller, caseId);
                    append(log, AuditEventType.MANAGER_AUTHORISATION_GRANTED, AuditOutcome.OK, "manager02", caseId);
                }
                append(log, AuditEventType.CASE_COMPLETED, AuditOutcome.OK, teller, caseId);
            }
        }
        clock.set(START.plusDays(1).toInstant());
        return new AuditLogReview(databases.get("0102-W01"), logs.get("0102-W01"), managerKeys, AuditFixture.ZONE,
                column -> (column == AuditSort.Column.EVENT ? ReviewCodes.eventTypes() : ReviewCodes.outcomes())
                        .stream().sorted().toList(), clock);
    }

    private void append(AuditLog log, AuditEventType type, AuditOutcome outcome, String actor, long caseId) {
        clock.advance(java.time.Duration.ofMinutes(5));
        log.append(AuditEvent.builder(type, outcome).actor(actor, actor.startsWith("manager") ? "MANAGER" : "TELLER")
                .caseId(caseId).detail("teller", actor).build());
    }

    @Test
    void everyWorkstationsLogIsReviewedWithItsWorkstationNamed(PostgresDatabase pg) throws Exception {
        AuditLogReview review = branch(pg);

        assertThat(review.workstations()).extracting(ReviewWorkstation::label)
                .containsExactly("0102-W01", "二号柜台 (0102-W02)", "0102-W03");
        assertThat(review.count(ReviewFilter.day(DAY))).isEqualTo(logs.get("0102-W02").size() + logs.get("0102-W03").size());
        ReviewFilter w3 = new ReviewFilter(DAY, DAY, null, null, null, null, null, "0102-W03");
        assertThat(review.page(w3, new AuditSort(AuditSort.Column.TIME, true), 0, 100))
                .isNotEmpty().extracting(ReviewRow::workstation).containsOnly("0102-W03");
        assertThat(review.attention(DAY, 100)).extracting(ReviewRow::workstation)
                .containsExactly("0102-W02", "0102-W02", "0102-W03", "0102-W03");
        // An entry of another workstation opens with its own log's proof, checked against that log's signed head.
        ReviewRow first = review.page(w3, new AuditSort(AuditSort.Column.TIME, true), 0, 1).get(0);
        EntryDetail detail = review.detail("0102-W03", first.seq());
        assertThat(detail.row().workstation()).isEqualTo("0102-W03");
        assertThat(detail.proofChecked()).isTrue();
        // The CSV for Excel names each row's workstation; the signed evidence is this workstation's own log only.
        Path csv = keyDirs.resolve("w3.csv");
        assertThat(review.exportCsv(w3, csv, AuditLogReviewTest.TEXTS, n -> { })).isEqualTo(logs.get("0102-W03").size());
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",workstation");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).endsWith(",0102-W03"));
        assertThatThrownBy(() -> review.exportEvidence(w3, keyDirs, "manager01"))
                .isInstanceOfSatisfying(RenewalException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_EXPORT_OWN_LOG_ONLY));
        assertThat(review.verifyBranch(n -> { })).extracting(WorkstationOutcome::workstation)
                .containsExactlyElementsOf(WORKSTATIONS);
        assertThat(review.verifyBranch(n -> { })).allSatisfy(o -> assertThat(o.intact()).as(o.toString()).isTrue());
    }

    @Test
    void aLogRewrittenByASuperuserIsNamedInWordsAndBlocksTheBranchSignOff(PostgresDatabase pg) {
        AuditLogReview review = branch(pg);
        databases.get("0102-W02").jdbi().useHandle(h -> {
            h.execute("ALTER TABLE branch_audit_entry DISABLE TRIGGER USER");
            // The failed check rewritten as a success, hash left as it was.
            h.execute("UPDATE audit_entry SET outcome = 'OK' WHERE outcome = 'FAILED'");
            h.execute("ALTER TABLE branch_audit_entry ENABLE TRIGGER USER");
        });

        List<WorkstationOutcome> outcomes = review.verifyBranch(n -> { });
        assertThat(outcomes).extracting(WorkstationOutcome::intact).containsExactly(true, false, true);
        assertThat(outcomes.get(1).outcome()).isInstanceOfSatisfying(VerifyOutcome.Broken.class,
                b -> assertThat(b.reason()).isEqualTo("LEAF_MISMATCH"));

        long before = logs.get("0102-W01").size();
        assertThatThrownBy(() -> review.signOff(DAY, "manager01", ""))
                .isInstanceOfSatisfying(RenewalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.AUDIT_BRANCH_LOG_NOT_INTACT);
                    assertThat(e.problem().explain(Locale.ENGLISH).problem())
                            .isEqualTo("The audit log of workstation 二号柜台 (0102-W02) failed its check, so the "
                                    + "branch's day cannot be signed off.");
                    assertThat(e.problem().explain(Locale.SIMPLIFIED_CHINESE).problem()).contains("二号柜台");
                });
        assertThat(logs.get("0102-W01").size()).as("nothing signed, no checkpoint written").isEqualTo(before);
        assertThat(review.days(DAY, DAY).get(0).signedOff()).isFalse();
    }

    @Test
    void theBranchSignOffAtAWorkstationWithoutEntriesNamesEveryLogsHead(PostgresDatabase pg) throws Exception {
        AuditLogReview review = branch(pg);

        DayStatus status = review.signOff(DAY, "manager01", "branch reviewed");

        assertThat(status.signedOff()).isTrue();
        ReviewRow entry = review.page(new ReviewFilter(null, null, null, null, "DAILY_REVIEW_SIGNED_OFF", null, null),
                new AuditSort(AuditSort.Column.TIME, true), 0, 10).get(0);
        assertThat(entry.workstation()).isEqualTo("0102-W01");
        JsonNode details = new ObjectMapper().readTree(review.detail("0102-W01", entry.seq()).detailsJson());
        assertThat(details.path("scope").asText()).isEqualTo("BRANCH");
        assertThat(details.path("branchEntries").asLong()).isEqualTo(
                logs.get("0102-W02").size() + logs.get("0102-W03").size());
        assertThat(details.path("logs")).hasSize(3);
        for (JsonNode head : details.path("logs")) {
            AuditLog log = logs.get(head.path("workstation").asText());
            assertThat(head.path("rootHash").asText()).isEqualTo(log.treeHead(head.path("treeSize").asLong()).rootHex());
        }
        assertThat(details.path("logs").get(1).path("treeSize").asLong()).isEqualTo(logs.get("0102-W02").size());
        // The same day cannot be signed again at another workstation: the branch's day is signed.
        assertThat(review.days(DAY, DAY).get(0).signedOffBy()).isEqualTo("manager01");
        assertThatThrownBy(() -> review.signOff(DAY, "manager01", "")).isInstanceOf(ReviewException.class);
    }
}
