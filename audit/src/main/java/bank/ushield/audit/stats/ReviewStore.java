package bank.ushield.audit.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import bank.ushield.audit.stats.ReviewQueries.Filter;
import bank.ushield.audit.stats.ReviewQueries.Row;

/** The SQL of {@link ReviewQueries} over audit_entry; times are stored (UTC) texts. */
final class ReviewStore {

    /** Entries a manager must look at in the daily review, besides failed and refused ones. */
    static final String ATTENTION = "(outcome IN ('FAILED', 'REFUSED') OR event_type IN ('CASE_ABORTED', "
            + "'MANAGER_AUTHORISATION_GRANTED', 'MANAGER_AUTHORISATION_REFUSED', 'CASE_EXCEPTION_RAISED', "
            + "'CASE_EXCEPTION_AUTHORISED', 'CASE_AUTHORISATION_REFUSED', 'CASE_TAKEN_OVER'))";
    private static final String ROW_COLUMNS = "seq, at, actor, role, case_id, customer_ref, event_type, outcome";

    private final Jdbi jdbi;
    private final Function<LocalDate, String> start;

    /** @param start the stored time text where a local day starts */
    ReviewStore(Jdbi jdbi, Function<LocalDate, String> start) {
        this.jdbi = jdbi;
        this.start = start;
    }

    long count(Filter filter) {
        Where where = where(filter);
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT count(*) FROM audit_entry" + where.sql), where)
                .mapTo(Long.class).one());
    }

    /** @param orderBy an ORDER BY list of audit_entry columns with their directions */
    List<Row> page(Filter filter, String orderBy, long offsetRows, int limit) {
        Where where = where(filter);
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT " + ROW_COLUMNS + " FROM audit_entry"
                                + where.sql + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"), where)
                .bind("limit", limit).bind("offset", offsetRows)
                .map((rs, ctx) -> row(rs)).list());
    }

    /** The last sequence number, null when the log is empty. */
    Long lastSeq() {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(seq) FROM audit_entry").mapTo(Long.class).one());
    }

    /** How many matching entries each stored value of {@code column} has (null values left out). */
    Map<String, Long> countBy(Filter filter, String column) {
        Where where = where(filter);
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> bind(h.createQuery("SELECT " + column + " AS v, count(*) AS n FROM audit_entry"
                        + where.sql + " GROUP BY " + column), where)
                .map((rs, ctx) -> {
                    counts.put(rs.getString("v"), rs.getLong("n"));
                    return null;
                }).list());
        counts.remove(null);
        return Collections.unmodifiableMap(counts);
    }

    Optional<String> details(long seq) {
        return jdbi.withHandle(h -> h.createQuery("SELECT details FROM audit_entry WHERE seq = :seq")
                .bind("seq", seq).mapTo(String.class).findOne());
    }

    Optional<Row> row(long seq) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ROW_COLUMNS + " FROM audit_entry WHERE seq = :seq")
                .bind("seq", seq).map((rs, ctx) -> row(rs)).findOne());
    }

    List<Row> attention(LocalDate day, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ROW_COLUMNS + " FROM audit_entry "
                                + "WHERE at >= :from AND at < :to AND " + ATTENTION + " ORDER BY seq LIMIT :limit")
                .bind("from", start.apply(day)).bind("to", start.apply(day.plusDays(1))).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * Entries and entries needing attention per local day ({@code shift} moves UTC to local time); an entry whose
     * time does not parse (a damaged file, named by verify) has no day and is left out rather than stopping this.
     */
    Map<LocalDate, long[]> dayCounts(String shift, LocalDate from, LocalDate toInclusive) {
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT date(at, :shift) AS day, count(*) AS n, sum(CASE WHEN %s THEN 1 ELSE 0 END) AS a
                        FROM audit_entry WHERE at >= :from AND at < :to GROUP BY day HAVING day IS NOT NULL""".formatted(ATTENTION))
                .bind("shift", shift).bind("from", start.apply(from)).bind("to", start.apply(toInclusive.plusDays(1)))
                .map((rs, ctx) -> {
                    counts.put(LocalDate.parse(rs.getString("day")), new long[] {rs.getLong("n"), rs.getLong("a")});
                    return null;
                }).list());
        return counts;
    }

    /** A sign-off entry and its details JSON. */
    record SignOff(Row row, String details) {
    }

    /** The sign-offs of entries of {@code type} by the day they sign off; the latest wins. */
    Map<LocalDate, SignOff> signOffs(String type) {
        Map<LocalDate, SignOff> signOffs = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + ROW_COLUMNS + ", details, "
                                + "json_extract(details, '$.day') AS signed_day "
                                + "FROM audit_entry WHERE event_type = :type ORDER BY seq")
                .bind("type", type)
                .map((rs, ctx) -> {
                    String details = rs.getString("details");
                    String day = rs.getString("signed_day");
                    if (day != null) {
                        signOffs.put(LocalDate.parse(day), new SignOff(row(rs), details));
                    }
                    return null;
                }).list());
        return signOffs;
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private Where where(Filter f) {
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.from() != null) {
            terms.add("at >= :from");
            params.put("from", start.apply(f.from()));
        }
        if (f.to() != null) {
            terms.add("at < :to");
            params.put("to", start.apply(f.to().plusDays(1)));
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
        return new Row(rs.getLong("seq"), bank.ushield.audit.AuditEntry.storedTime(rs.getLong("seq"), rs.getString("at")), rs.getString("actor"),
                rs.getString("role"), caseOrNull, rs.getString("customer_ref"), rs.getString("event_type"),
                rs.getString("outcome"));
    }
}
