package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.ReviewFilter;
import bank.ushield.renewal.review.ReviewRow;

class ReviewModelTest {

    private static List<ReviewRow> rows(long from, int n) {
        return LongStream.range(from, from + n)
                .mapToObj(i -> new ReviewRow(i, Instant.EPOCH, "t1", "TELLER", null, null, "CASE_OPENED", "OK"))
                .toList();
    }

    @Test
    void pagesThroughTheCountWithoutHoldingMoreThanAPage() {
        ReviewModel model = new ReviewModel(100);
        ReviewModel.PageRequest first = model.filter(ReviewFilter.all());
        assertThat(first.offset()).isZero();
        assertThat(first.recount()).isTrue();
        model.showPage(first, 1_000_001, rows(0, 100));
        assertThat(model.pageCount()).isEqualTo(10_001);

        ReviewModel.PageRequest last = model.lastPage();
        assertThat(last.offset()).isEqualTo(1_000_000);
        model.showPage(last, 0, rows(1_000_000, 1));
        assertThat(model.total()).isEqualTo(1_000_001);
        assertThat(model.firstRowNumber()).isEqualTo(1_000_001);
        assertThat(model.hasNext()).isFalse();
        assertThat(model.nextPage().offset()).isEqualTo(1_000_000);
        assertThat(model.previousPage().offset()).isEqualTo(999_900);
        assertThat(model.rows()).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void aLateAnswerToAnOldRequestIsDropped() {
        ReviewModel model = new ReviewModel(10);
        ReviewModel.PageRequest old = model.filter(ReviewFilter.all());
        ReviewModel.PageRequest current = model.filter(new ReviewFilter(null, null, "t2", null, null, null, null));
        List<Object> fired = new ArrayList<>();
        model.addPropertyChangeListener(e -> fired.add(e.getPropertyName()));

        assertThat(model.showPage(old, 50, rows(0, 10))).isFalse();
        assertThat(model.showPage(current, 3, rows(0, 3))).isTrue();
        assertThat(model.total()).isEqualTo(3);
        assertThat(fired).contains(ReviewModel.ROWS);
    }

    @Test
    void sortingTogglesDirectionAndStartsAtTheFirstPage() {
        ReviewModel model = new ReviewModel(10);
        model.showPage(model.filter(ReviewFilter.all()), 100, rows(0, 10));
        model.showPage(model.nextPage(), 0, rows(10, 10));
        ReviewModel.PageRequest byActor = model.sortBy(AuditSort.Column.ACTOR);
        assertThat(byActor.offset()).isZero();
        assertThat(byActor.sort()).isEqualTo(new AuditSort(AuditSort.Column.ACTOR, true));
        assertThat(model.sortBy(AuditSort.Column.ACTOR).sort().ascending()).isFalse();
    }
}
