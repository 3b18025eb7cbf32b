package bank.ushield.audit.stats;

import java.time.LocalDate;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

/**
 * The aggregate queries of {@link AuditStatistics} over audit_entry, or over every log of a branch database
 * (branch_audit_entry: a case resumed at another counter is one case there too); times are stored (UTC) texts.
 */
final class AuditStatisticsStore {

    private final Jdbi jdbi;
    private final String table;

    AuditStatisticsStore(Jdbi jdbi, boolean branch) {
        this.jdbi = jdbi;
        this.table = branch && jdbi.withHandle(bank.ushield.db.Engine::of) == bank.ushield.db.Engine.POSTGRESQL
                ? "branch_audit_entry" : "audit_entry";
    }

    List<AuditStatistics.DayCount> renewalsPerDay(String shift, String from, String to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT day, count(*) AS n FROM (
                            SELECT %s AS day FROM %s
                            WHERE event_type = 'CASE_COMPLETED' AND at >= :from AND at < :to) d
                        WHERE day IS NOT NULL GROUP BY day ORDER BY day""".formatted(ReviewStore.localDay(h, "at"), table))
                .bind("shift", shift).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new AuditStatistics.DayCount(LocalDate.parse(rs.getString("day")), rs.getLong("n")))
                .list());
    }

    List<AuditStatistics.KeyCount> renewalsPerTeller(String from, String to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT actor, count(*) AS n FROM %s
                        WHERE event_type = 'CASE_COMPLETED' AND at >= :from AND at < :to
                        GROUP BY actor ORDER BY n DESC, actor""".formatted(table))
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new AuditStatistics.KeyCount(rs.getString("actor"), rs.getLong("n")))
                .list());
    }

    List<AuditStatistics.KeyCount> failureReasons(String from, String to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(json_extract(f.details, '$.code'), json_extract(f.details, '$.problem'),
                                        json_extract(f.details, '$.reason'), f.event_type) AS reason,
                               count(DISTINCT coalesce('case ' || f.case_id, 'entry ' || f.seq)) AS n
                        FROM %1$s f
                        WHERE f.at >= :from AND f.at < :to
                          AND (f.outcome IN ('FAILED', 'REFUSED')
                               OR (f.event_type = 'CASE_ABORTED'
                                   AND (f.case_id IS NULL OR NOT EXISTS (
                                        SELECT 1 FROM %1$s g
                                        WHERE g.case_id = f.case_id AND g.at >= :from AND g.at < :to
                                          AND g.outcome IN ('FAILED', 'REFUSED')))))
                        GROUP BY reason ORDER BY n DESC, reason""".formatted(table))
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new AuditStatistics.KeyCount(rs.getString("reason"), rs.getLong("n")))
                .list());
    }

    List<AuditStatistics.DayAverage> machineTimePerDay(String shift, String from, String to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT day, avg(secs) AS secs, count(*) AS n FROM (
                            SELECT %2$s AS day,
                                   %3$s AS secs
                            FROM %1$s i
                            WHERE i.event_type = 'CASE_CERT_INSTALLED' AND i.at >= :from AND i.at < :to
                              AND i.case_id IS NOT NULL
                              AND EXISTS (SELECT 1 FROM %1$s t
                                          WHERE t.case_id = i.case_id AND t.event_type = 'CASE_TOKEN_VERIFIED')) d
                        WHERE day IS NOT NULL GROUP BY day ORDER BY day""".formatted(table, ReviewStore.localDay(h, "i.at"),
                        ReviewStore.secondsBetween(h, "i.at", "(SELECT min(t.at) FROM " + table + " t "
                                + "WHERE t.case_id = i.case_id AND t.event_type = 'CASE_TOKEN_VERIFIED')")))
                .bind("shift", shift).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new AuditStatistics.DayAverage(LocalDate.parse(rs.getString("day")), rs.getDouble("secs"),
                        rs.getLong("n")))
                .list());
    }

    List<AuditStatistics.KeyCount> outcomes(String from, String to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT outcome, count(*) AS n FROM %s WHERE at >= :from AND at < :to
                        GROUP BY outcome ORDER BY outcome""".formatted(table))
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new AuditStatistics.KeyCount(rs.getString("outcome"), rs.getLong("n")))
                .list());
    }
}
