package bank.ushield.audit;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A manager's filter over the audit log. Every criterion is optional; results are sorted by time (then sequence) and
 * paged by a cursor, so no query loads the whole table. Build with {@link #builder()}.
 *
 * @param from inclusive lower time bound, or null
 * @param to exclusive upper time bound, or null
 * @param types event types to include; empty means all
 * @param limit page size (1 to 1000)
 * @param after the cursor of the previous page, or null for the first page
 */
public record AuditQuery(Instant from, Instant to, String actor, Long caseId, String customerRef,
                         Set<AuditEventType> types, AuditOutcome outcome, int limit, boolean newestFirst,
                         Cursor after) {

    /** Where a page ended: the time text and sequence number of its last entry. */
    public record Cursor(String at, long seq) {
        static Cursor of(AuditEntry e) {
            return new Cursor(e.atText(), e.seq());
        }
    }

    public AuditQuery {
        types = types == null || types.isEmpty() ? Set.of() : Set.copyOf(types);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    /** The same filter, for the page after {@code cursor}. */
    public AuditQuery after(Cursor cursor) {
        return new AuditQuery(from, to, actor, caseId, customerRef, types, outcome, limit, newestFirst, cursor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AuditQuery}. */
    public static final class Builder {
        private Instant from;
        private Instant to;
        private String actor;
        private Long caseId;
        private String customerRef;
        private final Set<AuditEventType> types = EnumSet.noneOf(AuditEventType.class);
        private AuditOutcome outcome;
        private int limit = 50;
        private boolean newestFirst;

        public Builder from(Instant from) {
            this.from = from;
            return this;
        }

        public Builder to(Instant to) {
            this.to = to;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder caseId(Long caseId) {
            this.caseId = caseId;
            return this;
        }

        /** A reference from {@link CustomerRef#of} for the customer the manager asks about. */
        public Builder customerRef(String customerRef) {
            this.customerRef = customerRef;
            return this;
        }

        public Builder type(AuditEventType type) {
            this.types.add(type);
            return this;
        }

        public Builder outcome(AuditOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder newestFirst(boolean newestFirst) {
            this.newestFirst = newestFirst;
            return this;
        }

        public AuditQuery build() {
            return new AuditQuery(from, to, actor, caseId, customerRef, types, outcome, limit, newestFirst, null);
        }
    }
}
