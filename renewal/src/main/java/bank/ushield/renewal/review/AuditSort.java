package bank.ushield.renewal.review;

/** The column the review table is sorted by, and the direction; each column is served by an index. */
public record AuditSort(Column column, boolean ascending) {

    /** Sortable columns of the review table. */
    public enum Column { SEQ, TIME, ACTOR, CASE, EVENT, OUTCOME }

    /** Newest first: what a manager wants to see on opening the review. */
    public static AuditSort newestFirst() {
        return new AuditSort(Column.SEQ, false);
    }

    /** The same column in the other direction, or the new column ascending. */
    public AuditSort clickedOn(Column clicked) {
        return clicked == column ? new AuditSort(column, !ascending) : new AuditSort(clicked, true);
    }
}
