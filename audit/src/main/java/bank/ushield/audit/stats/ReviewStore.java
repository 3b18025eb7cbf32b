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

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import bank.ushield.db.Engine;

import bank.ushield.audit.stats.ReviewQueries.Filter;
import bank.ushield.audit.stats.ReviewQueries.Row;

/**
 * The SQL of {@link ReviewQueries} over audit_entry (the session's own log), or over every workstation's log of a
 * branch database (branch_audit_entry on PostgreSQL; on SQLite the file's one log); times are stored (UTC) texts.
 */
final class ReviewStore {

    /** Entries a manager must look at in the daily review, besides failed and refused ones. */
    static final String ATTENTION = "(outcome IN ('FAILED', 'REFUSED') OR event_type IN ('CASE_ABORTED', "
            + "'MANAGER_AUTHORISATION_GRANTED', 'MANAGER_AUTHORISATION_REFUSED', 'CASE_EXCEPTION_RAISED', "
            + "'CASE_EXCEPTION_AUTHORISED', 'CASE_AUTHORISATION_REFUSED', 'CASE_TAKEN_OVER'))";
    private static final String ROW_COLUMNS = "seq, at, actor, role, case_id, customer_ref, event_type, outcome, "
            + "workstation";

    private final Jdbi jdbi;
    private final Function<LocalDate, String> start;
    /** audit_entry, or branch_audit_entry for every log of a branch database. */
    private final String table;
    /** Whether rows of several logs meet here: a sequence number then names an entry only with its workstation. */
    private final boolean severalLogs;

    /** @param start the stored time text where a local day starts */
    ReviewStore(Jdbi jdbi, Function<LocalDate, String> start) {
        this(jdbi, start, false);
    }

    /**
     * The workstations with entries, as CTE {@code w(id)} (plus one NULL row): an index skip-scan, one probe per
     * workstation, instead of a DISTINCT over every entry of the branch.
     */
    private static final String WORKSTATIONS_WITH_A_LOG = """
            WITH RECURSIVE w(id) AS (
                SELECT min(workstation) FROM branch_audit_entry
                UNION ALL
                SELECT (SELECT min(workstation) FROM branch_audit_entry WHERE workstation > w.id)
                  FROM w WHERE w.id IS NOT NULL)
            """;

    /** @param branch read every workstation's log of a branch database (the one log of a SQLite file) */
    ReviewStore(Jdbi jdbi, Function<LocalDate, String> start, boolean branch) {
        this.jdbi = jdbi;
        this.start = start;
        this.severalLogs = branch && jdbi.withHandle(Engine::of) == Engine.POSTGRESQL;
        this.table = severalLogs ? "branch_audit_entry" : "audit_entry";
    }

    boolean severalLogs() {
        return severalLogs;
    }

    /**
     * The local day of a stored time, in each engine's SQL ({@code shift} is bound as "+28800 seconds"); SQLite's
     * date() gives NULL for a time that does not parse, PostgreSQL fails on it (verify names such an entry).
     */
    static String localDay(Handle h, String column) {
        return Engine.of(h) == Engine.POSTGRESQL
                ? "to_char(CAST(" + column + " AS timestamp) + CAST(:shift AS interval), 'YYYY-MM-DD')"
                : "date(" + column + ", :shift)";
    }

    /** Seconds from one stored time to a later one, in each engine's SQL (SQLite's julianday() is not PostgreSQL's). */
    static String secondsBetween(Handle h, String later, String earlier) {
        return Engine.of(h) == Engine.POSTGRESQL
                ? "extract(epoch FROM (CAST(" + later + " AS timestamp) - CAST(" + earlier + " AS timestamp)))"
                : "(julianday(" + later + ") - julianday(" + earlier + ")) * 86400.0";
    }

    /** The workstations whose logs this database holds, by id (an index seek per workstation, not a scan). */
    List<String> workstations() {
        if (!severalLogs) {
            return jdbi.withHandle(h -> h.createQuery("SELECT workstation FROM audit_entry ORDER BY seq DESC LIMIT 1")
                    .mapTo(String.class).list());
        }
        return jdbi.withHandle(h -> h.createQuery(WORKSTATIONS_WITH_A_LOG + "SELECT id FROM w WHERE id IS NOT NULL ORDER BY id")
                .mapTo(String.class).list());
    }

    /** The names the branch gave its workstations (the workstation table), by id. */
    Map<String, String> workstationNames() {
        Map<String, String> names = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, name FROM workstation ORDER BY id")
                .map((rs, ctx) -> names.put(rs.getString(1), rs.getString(2))).list());
        return names;
    }

    long count(Filter filter) {
        Where where = where(filter);
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT count(*) FROM " + table + where.sql), where)
                .mapTo(Long.class).one());
    }

    /** @param orderBy an ORDER BY list of audit_entry columns with their directions */
    List<Row> page(Filter filter, String orderBy, long offsetRows, int limit) {
        Where where = where(filter);
        return jdbi.withHandle(h -> bind(h.createQuery("SELECT " + ROW_COLUMNS + " FROM " + table
                                + where.sql + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"), where)
                .bind("limit", limit).bind("offset", offsetRows)
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * The last sequence number, null when the log is empty; over several logs the sum of their sizes (the logs are
     * append-only, so it grows with any append).
     */
    Long lastSeq() {
        if (severalLogs) {
            return jdbi.withHandle(h -> h.createQuery(WORKSTATIONS_WITH_A_LOG + """
                            SELECT sum((SELECT max(seq) + 1 FROM branch_audit_entry e WHERE e.workstation = w.id))
                              FROM w WHERE id IS NOT NULL""")
                    .mapTo(Long.class).one());
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT max(seq) FROM audit_entry").mapTo(Long.class).one());
    }

    /** How many matching entries each stored value of {@code column} has (null values left out). */
    Map<String, Long> countBy(Filter filter, String column) {
        Where where = where(filter);
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> bind(h.createQuery("SELECT " + column + " AS v, count(*) AS n FROM " + table
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

    /** One entry of one workstation's log (over one log the workstation is not needed). */
    Optional<Row> row(String workstation, long seq) {
        if (!severalLogs || workstation == null) {
            return row(seq);
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ROW_COLUMNS + " FROM branch_audit_entry "
                        + "WHERE workstation = :ws AND seq = :seq")
                .bind("ws", workstation).bind("seq", seq).map((rs, ctx) -> row(rs)).findOne());
    }

    /** The details of one entry of one workstation's log. */
    Optional<String> details(String workstation, long seq) {
        if (!severalLogs || workstation == null) {
            return details(seq);
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT details FROM branch_audit_entry "
                        + "WHERE workstation = :ws AND seq = :seq")
                .bind("ws", workstation).bind("seq", seq).mapTo(String.class).findOne());
    }

    List<Row> attention(LocalDate day, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ROW_COLUMNS + " FROM " + table
                                + " WHERE at >= :from AND at < :to AND " + ATTENTION + " ORDER BY "
                                + (severalLogs ? "at, workstation, seq" : "seq") + " LIMIT :limit")
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
                        SELECT day, count(*) AS n, sum(a) AS a FROM (
                            SELECT %s AS day, CASE WHEN %s THEN 1 ELSE 0 END AS a
                            FROM %s WHERE at >= :from AND at < :to) d
                        WHERE day IS NOT NULL GROUP BY day""".formatted(localDay(h, "at"), ATTENTION, table))
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
                                + "FROM " + table + " WHERE event_type = :type ORDER BY at, seq")
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
        if (f.workstation() != null) {
            terms.add("workstation = :workstation");
            params.put("workstation", f.workstation());
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
                rs.getString("outcome"), rs.getString("workstation"));
    }
}
