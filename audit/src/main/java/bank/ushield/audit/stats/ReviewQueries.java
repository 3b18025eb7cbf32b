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

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import bank.ushield.db.Database;

/**
 * The manager's review queries over the audit log: a filtered count, one sorted page, a day's exceptions and
 * failures, per-day totals and the day sign-offs. Each filter and each order is served by an audit_entry index;
 * nothing ever reads the whole table into memory.
 */
public final class ReviewQueries {

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Entries a manager must look at in the daily review, besides failed and refused ones. */
    static final String ATTENTION = "(outcome IN ('FAILED', 'REFUSED') OR event_type IN ('CASE_ABORTED', "
            + "'MANAGER_AUTHORISATION_GRANTED', 'MANAGER_AUTHORISATION_REFUSED', 'CASE_EXCEPTION_RAISED', "
            + "'CASE_EXCEPTION_AUTHORISED', 'CASE_AUTHORISATION_REFUSED'))";
    public static final String SIGN_OFF_TYPE = "DAILY_REVIEW_SIGNED_OFF";

    private final Jdbi jdbi;
    private final ZoneOffset offset;
    /** The counts of the last {@link #pageInValueOrder} selection (one screen pages through one selection). */
    private volatile CachedCounts lastCounts;

    public ReviewQueries(Database database, ZoneId zone) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
        this.offset = zone.getRules().getOffset(Instant.now());
    }

    /** One entry as the review table shows it (event type and outcome as stored text). */
    public record Row(long seq, Instant at, String actor, String role, Long caseId, String customerRef,
                      String eventType, String outcome) {
    }

    /** Filter; null fields do not filter. Days are the branch's local days, both inclusive. */
    public record Filter(LocalDate from, LocalDate to, String actor, Long caseId, String eventType, String outcome,
                         String customerRef) {
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
        Where where = where(filter);
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT count(*) FROM audit_entry" + where.sql), where)
                .mapTo(Long.class).one());
    }

    public List<Row> page(Filter filter, Order order, boolean ascending, long offsetRows, int limit) {
        Where where = where(filter);
        String direction = ascending ? " ASC" : " DESC";
        String orderBy = String.join(direction + ", ", order.columns.split(", ")) + direction;
        return jdbi.withHandle(h -> bind(h.createQuery(
                        "SELECT seq, at, actor, role, case_id, customer_ref, event_type, outcome FROM audit_entry"
                                + where.sql + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"), where)
                .bind("limit", limit).bind("offset", offsetRows)
                .map((rs, ctx) -> row(rs)).list());
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
        Long last = jdbi.withHandle(h -> h.createQuery("SELECT max(seq) FROM audit_entry").mapTo(Long.class).one());
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
        String column = valueColumn(order);
        Where where = where(filter);
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> bind(h.createQuery("SELECT " + column + " AS v, count(*) AS n FROM audit_entry"
                        + where.sql + " GROUP BY " + column), where)
                .map((rs, ctx) -> {
                    counts.put(rs.getString("v"), rs.getLong("n"));
                    return null;
                }).list());
        counts.remove(null);
        return java.util.Collections.unmodifiableMap(counts);
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
            case EVENT -> new Filter(f.from(), f.to(), f.actor(), f.caseId(), value, f.outcome(), f.customerRef());
            case OUTCOME -> new Filter(f.from(), f.to(), f.actor(), f.caseId(), f.eventType(), value, f.customerRef());
            case ACTOR -> new Filter(f.from(), f.to(), value, f.caseId(), f.eventType(), f.outcome(), f.customerRef());
            default -> throw new IllegalArgumentException("Not a column of stored values: " + order);
        };
    }

    /** The masked details JSON of one entry. */
    public Optional<String> details(long seq) {
        return jdbi.withHandle(h -> h.createQuery("SELECT details FROM audit_entry WHERE seq = :seq")
                .bind("seq", seq).mapTo(String.class).findOne());
    }

    public Optional<Row> row(long seq) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT seq, at, actor, role, case_id, customer_ref, event_type, outcome FROM audit_entry "
                                + "WHERE seq = :seq").bind("seq", seq)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    /** A local day's exceptions and failures, oldest first. */
    public List<Row> attention(LocalDate day, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT seq, at, actor, role, case_id, customer_ref, event_type, outcome FROM audit_entry "
                                + "WHERE at >= :from AND at < :to AND " + ATTENTION + " ORDER BY seq LIMIT :limit")
                .bind("from", start(day)).bind("to", start(day.plusDays(1))).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list());
    }

    /** Each local day of the range, oldest first, with its counts and its sign-off (the latest, if several). */
    public List<Day> days(LocalDate from, LocalDate toInclusive) {
        String shift = (offset.getTotalSeconds() >= 0 ? "+" : "") + offset.getTotalSeconds() + " seconds";
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT date(at, :shift) AS day, count(*) AS n, sum(CASE WHEN %s THEN 1 ELSE 0 END) AS a
                        FROM audit_entry WHERE at >= :from AND at < :to GROUP BY day""".formatted(ATTENTION))
                .bind("shift", shift).bind("from", start(from)).bind("to", start(toInclusive.plusDays(1)))
                .map((rs, ctx) -> {
                    counts.put(LocalDate.parse(rs.getString("day")), new long[] {rs.getLong("n"), rs.getLong("a")});
                    return null;
                }).list());
        Map<LocalDate, Object[]> signOffs = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(
                        "SELECT seq, at, actor, role, case_id, customer_ref, event_type, outcome, details, "
                                + "json_extract(details, '$.day') AS signed_day "
                                + "FROM audit_entry WHERE event_type = :type ORDER BY seq")
                .bind("type", SIGN_OFF_TYPE)
                .map((rs, ctx) -> {
                    String details = rs.getString("details");
                    String day = rs.getString("signed_day");
                    if (day != null) {
                        signOffs.put(LocalDate.parse(day), new Object[] {row(rs), details});
                    }
                    return null;
                }).list());
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(toInclusive); d = d.plusDays(1)) {
            long[] c = counts.getOrDefault(d, new long[2]);
            Object[] s = signOffs.get(d);
            days.add(new Day(d, c[0], c[1], s == null ? null : (Row) s[0], s == null ? null : (String) s[1]));
        }
        return days;
    }

    /** The stored (UTC) time text where a local day starts. */
    public String start(LocalDate day) {
        return STORED.format(day.atStartOfDay().toInstant(offset));
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private Where where(Filter f) {
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.from() != null) {
            terms.add("at >= :from");
            params.put("from", start(f.from()));
        }
        if (f.to() != null) {
            terms.add("at < :to");
            params.put("to", start(f.to().plusDays(1)));
        }
        if (f.actor() != null) {
            terms.add("actor = :actor");
            params.put("actor", f.actor());
        }
        if (f.caseId() != null) {
            terms.add("case_id = :caseId");
            params.put("caseId", f.caseId());
        }
        if (f.eventType() != null) {
            terms.add("event_type = :eventType");
            params.put("eventType", f.eventType());
        }
        if (f.outcome() != null) {
            terms.add("outcome = :outcome");
            params.put("outcome", f.outcome());
        }
        if (f.customerRef() != null) {
            terms.add("customer_ref = :customerRef");
            params.put("customerRef", f.customerRef());
        }
        return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), params);
    }

    private static Query bind(Query q, Where where) {
        where.params().forEach(q::bind);
        return q;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long caseId = rs.getLong("case_id");
        Long caseOrNull = rs.wasNull() ? null : caseId;
        return new Row(rs.getLong("seq"), Instant.parse(rs.getString("at")), rs.getString("actor"),
                rs.getString("role"), caseOrNull, rs.getString("customer_ref"), rs.getString("event_type"),
                rs.getString("outcome"));
    }
}
