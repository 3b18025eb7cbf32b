package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.review.AuditLogReview;
import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.DayStatus;
import bank.ushield.renewal.review.EntryDetail;
import bank.ushield.renewal.review.ReviewFilter;
import bank.ushield.renewal.review.ReviewRow;
import bank.ushield.renewal.review.VerifyOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** The review adapter over a real audit log file, without a screen. */
@ExtendWith(DatabaseFileExtension.class)
class AuditLogReviewTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, AuditFixture.ZONE);

    @Test
    void pagesFiltersAndSortsWithoutLoadingTheLog(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(3, 10, 3);
        AuditLogReview review = audit.review();
        long all = review.count(ReviewFilter.all());
        assertThat(all).isEqualTo(audit.log.size());

        List<ReviewRow> newest = review.page(ReviewFilter.all(), AuditSort.newestFirst(), 0, 10);
        assertThat(newest).hasSize(10);
        assertThat(newest.get(0).seq()).isEqualTo(all - 1);
        assertThat(review.page(ReviewFilter.all(), AuditSort.newestFirst(), all - 3, 10)).hasSize(3);

        ReviewFilter teller = new ReviewFilter(null, null, "teller02", null, null, null, null);
        List<ReviewRow> byTeller = review.page(teller, new AuditSort(AuditSort.Column.TIME, true), 0, 1000);
        assertThat(byTeller).isNotEmpty().allMatch(r -> r.actor().equals("teller02"));
        assertThat(review.count(teller)).isEqualTo(byTeller.size());

        ReviewFilter failedOnDay2 = new ReviewFilter(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 21), null, null,
                null, "FAILED", null);
        assertThat(review.page(failedOnDay2, AuditSort.newestFirst(), 0, 100))
                .allMatch(r -> r.outcome().equals("FAILED")
                        && r.at().atZone(AuditFixture.ZONE).toLocalDate().equals(LocalDate.of(2026, 11, 21)));

    }

    @Test
    void sortingByEventOrOutcomeFollowsTheShownLabelsInTheCurrentLanguage(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(3, 10, 3);
        AuditLogReview review = audit.review();
        ReviewFilter teller = new ReviewFilter(null, null, "teller02", null, null, null, null);
        try {
            for (Language language : Language.values()) {
                Texts.setLanguage(language);
                for (ReviewFilter query : List.of(ReviewFilter.all(), teller)) {
                    assertSortedByLabel(review, query, AuditSort.Column.EVENT, ReviewRow::eventType,
                            AuditLabels::event, language);
                    assertSortedByLabel(review, query, AuditSort.Column.OUTCOME, ReviewRow::outcome,
                            AuditLabels::outcome, language);
                }
            }
            // The per-code counts are kept while the log does not grow: appended entries are paged in at once.
            Texts.setLanguage(Language.CHINESE);
            long before = review.count(ReviewFilter.all());
            audit.days(1, 3, 5);
            assertThat(review.count(ReviewFilter.all())).isGreaterThan(before);
            assertSortedByLabel(review, ReviewFilter.all(), AuditSort.Column.EVENT, ReviewRow::eventType,
                    AuditLabels::event, Language.CHINESE);
        } finally {
            Texts.setLanguage(Language.CHINESE);
        }
    }

    /**
     * Pages of 7 (crossing from one code to the next inside a page) in both directions give exactly the rows sorted
     * by label (then code, time, number), computed here from the whole filtered log, and that order differs from
     * the codes' own order, so sorting by the raw code would fail.
     */
    private static void assertSortedByLabel(AuditLogReview review, ReviewFilter query, AuditSort.Column column,
                                            Function<ReviewRow, String> code, Function<String, String> label,
                                            Language language) {
        List<ReviewRow> all = review.page(query, new AuditSort(AuditSort.Column.SEQ, true), 0, 100_000);
        Collator collator = Collator.getInstance(language.locale());
        Comparator<ReviewRow> byLabel = Comparator.comparing((ReviewRow r) -> label.apply(code.apply(r)), collator)
                .thenComparing(code).thenComparing(ReviewRow::at).thenComparingLong(ReviewRow::seq);
        List<Long> expected = all.stream().sorted(byLabel).map(ReviewRow::seq).toList();
        List<Long> byCode = all.stream().sorted(Comparator.comparing(code).thenComparing(ReviewRow::at)
                .thenComparingLong(ReviewRow::seq)).map(ReviewRow::seq).toList();
        if (column == AuditSort.Column.EVENT) {
            assertThat(expected).as("label order differs from code order (%s)", language).isNotEqualTo(byCode);
        }
        for (boolean ascending : new boolean[] {true, false}) {
            List<Long> paged = new ArrayList<>();
            for (long offset = 0; offset < all.size(); offset += 7) {
                List<ReviewRow> page = review.page(query, new AuditSort(column, ascending), offset, 7);
                assertThat(page).hasSizeLessThanOrEqualTo(7);
                page.forEach(r -> paged.add(r.seq()));
            }
            List<Long> want = new ArrayList<>(expected);
            if (!ascending) {
                Collections.reverse(want);
            }
            assertThat(paged).as("%s %s %s, %s", column, ascending ? "ascending" : "descending", language,
                    query.teller() == null ? "all" : query.teller()).isEqualTo(want);
        }
    }

    @Test
    void entryDetailCarriesAnInclusionProofThatChecks(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 8, 5);
        EntryDetail detail = audit.review().detail(17);
        assertThat(detail.proofChecked()).isTrue();
        assertThat(detail.proofHex()).isNotEmpty();
        assertThat(detail.detailsJson()).startsWith("{");
        assertThat(detail.treeSize()).isGreaterThan(17);
    }

    @Test
    void verifyIsGreenUntouchedAndRedAfterRawSqlEditNamingTheEntry(DatabaseFile file, @TempDir Path keys)
            throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 10, 11);
        VerifyOutcome before = audit.review().verify(n -> { });
        assertThat(before).isInstanceOfSatisfying(VerifyOutcome.Intact.class,
                ok -> assertThat(ok.entries()).isEqualTo(audit.log.size()));

        audit.tamper(41, "FAILED");
        VerifyOutcome after = audit.review().verify(n -> { });
        assertThat(after).as(AuditVerifier.verify(audit.db).summary()).isInstanceOfSatisfying(
                VerifyOutcome.Broken.class, bad -> {
                    assertThat(bad.firstBadSeq()).isEqualTo(41);
                    assertThat(bad.reason()).isEqualTo("LEAF_MISMATCH");
                });
    }

    @Test
    void signOffNamesTheTreeHeadAndMarksTheDay(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 6, 13);
        AuditLogReview review = audit.review();
        LocalDate day = START.toLocalDate();
        DayStatus before = review.days(day, day).get(0);
        assertThat(before.signedOff()).isFalse();
        assertThat(before.entries()).isPositive();

        DayStatus after = review.signOff(day, "manager01", "checked the two aborts");

        assertThat(after.signedOff()).isTrue();
        assertThat(after.signedOffBy()).isEqualTo("manager01");
        assertThat(after.treeSize()).isPositive();
        assertThat(review.days(day.plusDays(1), day.plusDays(1)).get(0).signedOff()).isFalse();
        ReviewRow entry = review.page(new ReviewFilter(null, null, null, null, "DAILY_REVIEW_SIGNED_OFF", null, null),
                AuditSort.newestFirst(), 0, 1).get(0);
        assertThat(review.detail(entry.seq()).detailsJson()).contains("\"day\":\"" + day + "\"")
                .contains("\"treeSize\":" + after.treeSize());
        assertThat(review.verify(n -> { })).isInstanceOf(VerifyOutcome.Intact.class);
    }
}
