package bank.ushield.audit.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import bank.ushield.db.Database;

/**
 * The manager's review queries over the audit log (the session's own, or every workstation's of a branch with
 * {@link #branch}): a filtered count, one sorted page, a day's exceptions and failures, per-day totals and the day
 * sign-offs. Each filter and each order is served by an audit_entry index;
 * nothing ever reads the whole table into memory.
 */
public final class ReviewQueries {

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    public static final String SIGN_OFF_TYPE = "DAILY_REVIEW_SIGNED_OFF";

    private final ReviewStore store;
    private final ZoneOffset offset;
    /** The counts of the last {@link #pageInValueOrder} selection (one screen pages through one selection). */
    private volatile CachedCounts lastCounts;

    /** The queries over the session's own log. */
    public ReviewQueries(Database database, ZoneId zone) {
        this(database, zone, false);
    }

    private ReviewQueries(Database database, ZoneId zone, boolean branch) {
        this.offset = zone.getRules().getOffset(Instant.now());
        this.store = new ReviewStore(Objects.requireNonNull(database, "database").jdbi(), this::start, branch);
    }

    /**
     * The queries over every workstation's log of a branch database, each row naming its workstation (on a SQLite
     * file: its one log, as {@link #ReviewQueries(Database, ZoneId)}).
     */
    public static ReviewQueries branch(Database database, ZoneId zone) {
        return new ReviewQueries(database, zone, true);
    }

    /**
     * One entry as the review table shows it (event type and outcome as stored text).
     *
     * @param workstation the workstation whose log holds the entry (with {@code seq} it names the entry in a branch)
     */
    public record Row(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                      String eventType, String outcome, String workstation) {

        /** A row of an unnamed workstation's log. */
        public Row(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                   String eventType, String outcome) {
            this(seq, at, actor, role, caseId, customerRef, eventType, outcome, null);
        }
    }

    /**
     * Filter; null fields do not filter. Days are the branch's local days, both inclusive.
     *
     * @param workstation only this workstation's log (branch queries)
     */
    public record Filter(LocalDate from, LocalDate to, String actor, Long caseId, String eventType, String outcome,
                         String customerRef, String workstation) {

        /** A filter over every log. */
        public Filter(LocalDate from, LocalDate to, String actor, Long caseId, String eventType, String outcome,
                      String customerRef) {
            this(from, to, actor, caseId, eventType, outcome, customerRef, null);
        }
    }

    /** Whether rows here come from several workstations' logs (a branch on PostgreSQL). */
    public boolean severalLogs() {
        return store.severalLogs();
    }

    /** The workstations whose logs are read here, by id (on a SQLite file: its one workstation, if it has entries). */
    public List<String> workstations() {
        return store.workstations();
    }

    /** The names the branch gave its workstations, by id (from the workstation table). */
    public Map<String, String> workstationNames() {
        return store.workstationNames();
    }

    /** Orders served by an index: the sequence (= time of writing), or a column then time. */
    public enum Order {
        SEQ("seq"), TIME("at, seq"), ACTOR("actor, at, seq"), CASE("case_id, at, seq"),
        EVENT("event_type, at, seq"), OUTCOME("outcome, at, seq");

        private final String columns;

        Order(String columns) {
            this.columns = columns;
        }
    }

    /** One local day: entries, how many need attention, and its sign-off if any. */
    public record Day(LocalDate day, long entries, long attention, Row signOff, String signOffDetails) {
    }

    public long count(Filter filter) {
        return store.count(filter);
    }

    public List<Row> page(Filter filter, Order order, boolean ascending, long offsetRows, int limit) {
        String direction = ascending ? " ASC" : " DESC";
        String columns = order.columns;
        if (store.severalLogs()) {
            // A sequence number orders one log only: across logs, time then workstation then sequence.
            columns = order == Order.SEQ ? "at, workstation, seq" : columns.replace("seq", "workstation, seq");
        }
        String orderBy = String.join(direction + ", ", columns.split(", ")) + direction;
        return store.page(filter, orderBy, offsetRows, limit);
    }

    /**
     * One page sorted by a value column (event type, outcome or staff) in an order the caller gives, e.g. by the
     * labels a screen shows for the stored codes in its language, then by time: a count per value under the filter
     * (served by the column's index), then, for each value the page reaches, an index seek with the filter narrowed
     * to that value. A {@code CASE} in ORDER BY would give the same rows but sort every matching entry for each
     * page; this never reads more than the page and the skipped index entries of one value. Values found but not
     * in {@code valueOrder} come after the given ones, by their stored text; descending reverses the whole order.
     */
    public List<Row> pageInValueOrder(Filter filter, Order order, List<String> valueOrder, boolean ascending,
                                      long offsetRows, int limit) {
        Map<String, Long> counts = countsForPaging(filter, order);
        List<String> values = new ArrayList<>();
        for (String v : valueOrder) {
            if (counts.containsKey(v) && !values.contains(v)) {
                values.add(v);
            }
        }
        counts.keySet().stream().filter(v -> !values.contains(v)).sorted().forEach(values::add);
        if (!ascending) {
            java.util.Collections.reverse(values);
        }
        List<Row> rows = new ArrayList<>();
        long skip = offsetRows;
        for (String v : values) {
            long n = counts.get(v);
            if (skip >= n) {
                skip -= n;
                continue;
            }
            int take = (int) Math.min(limit - rows.size(), n - skip);
            rows.addAll(page(narrowed(filter, order, v), order, ascending, skip, take));
            skip = 0;
            if (rows.size() >= limit) {
                break;
            }
        }
        return rows;
    }

    /**
     * The per-value counts for paging, kept while the log has not grown: the log is append-only (triggers refuse
     * UPDATE and DELETE), so the same filter over the same last entry has the same counts, and turning pages then
     * costs only the seeks, not a count over the whole selection each time.
     */
    private Map<String, Long> countsForPaging(Filter filter, Order order) {
        Long last = store.lastSeq();
        CachedCounts cached = lastCounts;
        if (cached != null && cached.filter().equals(filter) && cached.order() == order
                && Objects.equals(cached.lastSeq(), last)) {
            return cached.counts();
        }
        Map<String, Long> counts = countBy(filter, order);
        lastCounts = new CachedCounts(filter, order, last, counts);
        return counts;
    }

    private record CachedCounts(Filter filter, Order order, Long lastSeq, Map<String, Long> counts) {
    }

    /** How many matching entries each stored value of a value column (event type, outcome, staff) has. */
    public Map<String, Long> countBy(Filter filter, Order order) {
        return store.countBy(filter, valueColumn(order));
    }

    private static String valueColumn(Order order) {
        return switch (order) {
            case EVENT -> "event_type";
            case OUTCOME -> "outcome";
            case ACTOR -> "actor";
            default -> throw new IllegalArgumentException("Not a column of stored values: " + order);
        };
    }

    private static Filter narrowed(Filter f, Order order, String value) {
        return switch (order) {
            case EVENT -> new Filter(f.from(), f.to(), f.actor(), f.caseId(), value, f.outcome(), f.customerRef(),
                    f.workstation());
            case OUTCOME -> new Filter(f.from(), f.to(), f.actor(), f.caseId(), f.eventType(), value, f.customerRef(),
                    f.workstation());
            case ACTOR -> new Filter(f.from(), f.to(), value, f.caseId(), f.eventType(), f.outcome(), f.customerRef(),
                    f.workstation());
            default -> throw new IllegalArgumentException("Not a column of stored values: " + order);
        };
    }

    /** The masked details JSON of one entry. */
    public Optional<String> details(long seq) {
        return store.details(seq);
    }

    public Optional<Row> row(long seq) {
        return store.row(seq);
    }

    /** One entry of one workstation's log (the workstation is ignored over one log). */
    public Optional<Row> row(String workstation, long seq) {
        return store.row(workstation, seq);
    }

    /** The masked details JSON of one entry of one workstation's log. */
    public Optional<String> details(String workstation, long seq) {
        return store.details(workstation, seq);
    }

    /** A local day's exceptions and failures, oldest first. */
    public List<Row> attention(LocalDate day, int limit) {
        return store.attention(day, limit);
    }

    /** Each local day of the range, oldest first, with its counts and its sign-off (the latest, if several). */
    public List<Day> days(LocalDate from, LocalDate toInclusive) {
        String shift = (offset.getTotalSeconds() >= 0 ? "+" : "") + offset.getTotalSeconds() + " seconds";
        Map<LocalDate, long[]> counts = store.dayCounts(shift, from, toInclusive);
        Map<LocalDate, ReviewStore.SignOff> signOffs = store.signOffs(SIGN_OFF_TYPE);
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(toInclusive); d = d.plusDays(1)) {
            long[] c = counts.getOrDefault(d, new long[2]);
            ReviewStore.SignOff s = signOffs.get(d);
            days.add(new Day(d, c[0], c[1], s == null ? null : s.row(), s == null ? null : s.details()));
        }
        return days;
    }

    /** The stored (UTC) time text where a local day starts. */
    public String start(LocalDate day) {
        return STORED.format(day.atStartOfDay().toInstant(offset));
    }
}
