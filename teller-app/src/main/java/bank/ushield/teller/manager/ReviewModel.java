package bank.ushield.teller.manager;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.util.List;
import java.util.Objects;

import bank.ushield.renewal.review.AuditReview;
import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.EntryDetail;
import bank.ushield.renewal.review.ReviewFilter;
import bank.ushield.renewal.review.ReviewRow;

/**
 * State of the audit review screen, Swing-free: the filter, the sort, which page is shown, the page's rows and
 * the selected entry. It never holds more than one page; the screen loads pages through {@link AuditReview} off
 * the EDT and hands results back with {@link #showPage}. Fires property changes for the view.
 */
public final class ReviewModel {

    public static final String ROWS = "rows";
    public static final String DETAIL = "detail";
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final PropertyChangeSupport changes = new PropertyChangeSupport(this);
    private final int pageSize;
    private ReviewFilter query = ReviewFilter.all();
    private AuditSort sort = AuditSort.newestFirst();
    private long total;
    private long pageIndex;
    private List<ReviewRow> rows = List.of();
    private EntryDetail detail;
    /** Increases with every request so that a late answer to an old request is dropped. */
    private long generation;

    public ReviewModel(int pageSize) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("page size must be positive");
        }
        this.pageSize = pageSize;
    }

    public ReviewModel() {
        this(DEFAULT_PAGE_SIZE);
    }

    /** A page to fetch: what the screen passes to {@link AuditReview#page}. */
    public record PageRequest(long generation, ReviewFilter query, AuditSort sort, long offset, int limit,
                              boolean recount) {
    }

    /** A new filter: back to the first page, count again. */
    public PageRequest filter(ReviewFilter newQuery) {
        query = Objects.requireNonNull(newQuery);
        pageIndex = 0;
        return request(true);
    }

    /** Every entry of one case, in the order they were written, from the first page. */
    public PageRequest caseEntries(long caseId) {
        query = new ReviewFilter(null, null, null, caseId, null, null, null);
        sort = new AuditSort(AuditSort.Column.TIME, true);
        pageIndex = 0;
        return request(true);
    }

    /** A click on a column header. */
    public PageRequest sortBy(AuditSort.Column column) {
        sort = sort.clickedOn(column);
        pageIndex = 0;
        return request(false);
    }

    public PageRequest firstPage() {
        pageIndex = 0;
        return request(false);
    }

    public PageRequest nextPage() {
        pageIndex = Math.min(pageIndex + 1, Math.max(0, pageCount() - 1));
        return request(false);
    }

    public PageRequest previousPage() {
        pageIndex = Math.max(0, pageIndex - 1);
        return request(false);
    }

    public PageRequest lastPage() {
        pageIndex = Math.max(0, pageCount() - 1);
        return request(false);
    }

    /** Reloads the current page and the count (after a sign-off or a verification). */
    public PageRequest reload() {
        return request(true);
    }

    private PageRequest request(boolean recount) {
        generation++;
        return new PageRequest(generation, query, sort, pageIndex * pageSize, pageSize, recount);
    }

    /**
     * Shows a fetched page; answers to superseded requests are ignored.
     *
     * @param newTotal the count when the request asked for one, else ignored
     * @return whether the page was shown
     */
    public boolean showPage(PageRequest request, long newTotal, List<ReviewRow> pageRows) {
        if (request.generation() != generation) {
            return false;
        }
        if (request.recount()) {
            total = newTotal;
        }
        List<ReviewRow> old = rows;
        rows = List.copyOf(pageRows);
        setDetail(null);
        changes.firePropertyChange(ROWS, old, rows);
        return true;
    }

    public void setDetail(EntryDetail newDetail) {
        EntryDetail old = detail;
        detail = newDetail;
        changes.firePropertyChange(DETAIL, old, newDetail);
    }

    public List<ReviewRow> rows() {
        return rows;
    }

    public EntryDetail detail() {
        return detail;
    }

    public ReviewFilter query() {
        return query;
    }

    public AuditSort sort() {
        return sort;
    }

    public long total() {
        return total;
    }

    public long pageIndex() {
        return pageIndex;
    }

    public int pageSize() {
        return pageSize;
    }

    public long pageCount() {
        return (total + pageSize - 1) / pageSize;
    }

    /** 1-based number of the first row shown (0 when empty). */
    public long firstRowNumber() {
        return rows.isEmpty() ? 0 : pageIndex * pageSize + 1;
    }

    public long lastRowNumber() {
        return pageIndex * pageSize + rows.size();
    }

    public boolean hasNext() {
        return pageIndex + 1 < pageCount();
    }

    public boolean hasPrevious() {
        return pageIndex > 0;
    }

    public void addPropertyChangeListener(PropertyChangeListener l) {
        changes.addPropertyChangeListener(l);
    }
}
