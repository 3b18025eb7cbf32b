package bank.ushield.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class SearchAndReviewTest {

    @Parameter
    Engine engine;


    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final byte[] REF_KEY = "branch-0102-matching-key".getBytes();

    /** 300 entries over about two days: three tellers, cases, two customers, some failures. */
    private static AuditLog populated(Database db) {
        AuditLog log = AuditLog.open(db, "0102-W03",
                new SteppingClock(LocalDate.of(2026, 3, 1).atTime(8, 0).atZone(SHANGHAI).toInstant(), Duration.ofMinutes(10)));
        for (int i = 0; i < 300; i++) {
            boolean failed = i % 10 == 3;
            log.append(AuditEvent.builder(failed ? AuditEventType.CHECK_FAILED : AuditEventType.CASE_ID_VERIFIED,
                            failed ? AuditOutcome.FAILED : AuditOutcome.OK)
                    .actor("teller" + (i % 3), "TELLER")
                    .caseId((long) (i / 5))
                    .customerRef(CustomerRef.of(REF_KEY, i % 2 == 0 ? "C0001" : "C0002"))
                    .detail("i", i).build());
        }
        return log;
    }

    @Test
    void filtersAndPagesWithoutGapsOrRepeats(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = populated(db)) {
            AuditSearch search = new AuditSearch(db);

            AuditPage byCase = search.page(AuditQuery.builder().caseId(7L).build());
            assertThat(byCase.entries()).extracting(AuditEntry::seq).containsExactly(35L, 36L, 37L, 38L, 39L);
            assertThat(byCase.hasMore()).isFalse();

            String customer = CustomerRef.of(REF_KEY, "C0002");
            List<Long> seen = new ArrayList<>();
            AuditQuery q = AuditQuery.builder().customerRef(customer).actor("teller1").limit(7).newestFirst(true).build();
            long total = search.forEach(q, e -> seen.add(e.seq()));
            assertThat(total).isEqualTo(50);
            assertThat(seen).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a))
                    .allMatch(s -> s % 2 == 1 && s % 3 == 1);

            AuditPage failures = search.page(AuditQuery.builder().outcome(AuditOutcome.FAILED)
                    .type(AuditEventType.CHECK_FAILED).limit(100).build());
            assertThat(failures.entries()).hasSize(30).allMatch(e -> e.seq() % 10 == 3);

            Instant from = LocalDate.of(2026, 3, 2).atStartOfDay(SHANGHAI).toInstant();
            Instant to = from.plus(Duration.ofHours(1));
            AuditPage hour = search.page(AuditQuery.builder().from(from).to(to).build());
            assertThat(hour.entries()).hasSize(6)
                    .allMatch(e -> !e.at().isBefore(from) && e.at().isBefore(to));
        }
    }

    @Test
    void searchUsesTheIndexes(DatabaseFile file, PostgresDatabase pg) {
        org.junit.jupiter.api.Assumptions.assumeTrue(engine == Engine.SQLITE, "SQLite's query plans");
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        List<String> plans = db.jdbi().withHandle(h -> List.of(
                plan(h, "SELECT seq FROM audit_entry WHERE actor = 'x' AND at >= 'a' ORDER BY at, seq LIMIT 51"),
                plan(h, "SELECT seq FROM audit_entry WHERE customer_ref = 'c' ORDER BY at DESC, seq DESC LIMIT 51"),
                plan(h, "SELECT seq FROM audit_entry WHERE case_id = 4 ORDER BY at, seq LIMIT 51"),
                plan(h, "SELECT seq FROM audit_entry WHERE at >= 'a' AND at < 'b' ORDER BY at, seq LIMIT 51"),
                plan(h, "SELECT seq FROM audit_entry WHERE outcome = 'FAILED' AND outcome <> 'OK' AND at >= 'a' "
                        + "ORDER BY at, seq LIMIT 51")));
        assertThat(plans.get(0)).contains("audit_entry_actor").doesNotContain("TEMP B-TREE");
        assertThat(plans.get(1)).contains("audit_entry_customer").doesNotContain("TEMP B-TREE");
        assertThat(plans.get(2)).contains("audit_entry_case").doesNotContain("TEMP B-TREE");
        assertThat(plans.get(3)).contains("audit_entry_at").doesNotContain("TEMP B-TREE");
        assertThat(plans.get(4)).contains("audit_entry_outcome").doesNotContain("TEMP B-TREE");
    }

    private static String plan(org.jdbi.v3.core.Handle h, String sql) {
        return String.join("\n", h.createQuery("EXPLAIN QUERY PLAN " + sql).map((rs, ctx) -> rs.getString("detail")).list());
    }

    @Test
    void dailySignOffNamesTheLastHashItCovered(DatabaseFile file, PostgresDatabase pg) {
        Database db = TestDatabases.open(engine, file, pg, "0102-W03");
        try (AuditLog log = populated(db)) {
            DailyReview review = new DailyReview(log, SHANGHAI);
            LocalDate day = LocalDate.of(2026, 3, 1);
            DailyReview.DaySummary s = review.summarise(day);
            // 08:00 to 23:50 in steps of 10 minutes: 96 entries, seq 0..95.
            assertThat(s.entries()).isEqualTo(96);
            assertThat(s.firstSeq()).isZero();
            assertThat(s.lastSeq()).isEqualTo(95);
            assertThat(s.failures()).isEqualTo(10);
            assertThat(s.lastLeafHash()).isEqualTo(log.entry(95).orElseThrow().leafHashHex());

            assertThatThrownBy(() -> review.signOff("teller1", "TELLER", day, null))
                    .isInstanceOf(AuditException.class)
                    .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo(AuditException.Code.NOT_AUTHORISED));
            assertThatThrownBy(() -> review.signOff("mgr", "MANAGER", LocalDate.of(2025, 1, 1), null))
                    .satisfies(e -> assertThat(((AuditException) e).code()).isEqualTo(AuditException.Code.NOTHING_TO_DO));

            AuditEntry signOff = review.signOff("mgr", "MANAGER", day, "checked, two ID failures explained");
            assertThat(signOff.type()).isEqualTo(AuditEventType.DAILY_REVIEW_SIGNED_OFF);
            assertThat(signOff.actor()).isEqualTo("mgr");
            assertThat(signOff.details()).contains("\"lastSeq\":95", "\"lastLeafHash\":\"" + s.lastLeafHash() + "\"",
                    "\"treeSize\":96", "\"rootHash\":\"" + log.treeHead(96).rootHex() + "\"", "\"day\":\"2026-03-01\"");
            assertThat(review.signOffOf(day)).get().extracting(AuditEntry::seq).isEqualTo(signOff.seq());
            assertThat(review.signOffOf(day.plusDays(1))).isEmpty();
        }
        assertThat(AuditVerifier.verify(db).ok()).isTrue();
    }
}
