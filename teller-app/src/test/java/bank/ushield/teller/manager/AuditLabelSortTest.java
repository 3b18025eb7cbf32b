package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.Collator;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.review.AuditFixture;
import bank.ushield.renewal.review.AuditLogReview;
import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.ReviewFilter;
import bank.ushield.renewal.review.ReviewRow;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** The review service sorts coded columns by the labels the screens show (ADR 0054), in every language. */
@ExtendWith(DatabaseFileExtension.class)
class AuditLabelSortTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, AuditFixture.ZONE);

    @Test
    void sortingByEventOrOutcomeFollowsTheShownLabelsInTheCurrentLanguage(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(3, 10, 3);
        AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder);
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
}
