package bank.ushield.audit.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Database;

/**
 * Aggregates over the audit log for a period of local days: completed renewals per day and per teller, failure
 * reasons, and average machine time per case. Days are the branch's local days (a fixed offset, as China has no
 * daylight saving time); entries are stored in UTC.
 */
public final class AuditStatistics {

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Jdbi jdbi;
    private final ZoneOffset offset;

    public AuditStatistics(Database database, ZoneId zone) {
        this.jdbi = Objects.requireNonNull(database, "database").jdbi();
        this.offset = zone.getRules().getOffset(Instant.now());
    }

    /** A count for one local day. */
    public record DayCount(LocalDate day, long count) {
    }

    /** A count for one key (a teller's login, a failure reason). */
    public record KeyCount(String key, long count) {
    }

    /** The average seconds of machine time of the cases whose certificate was installed that day. */
    public record DayAverage(LocalDate day, double averageSeconds, long cases) {
    }

    /** Renewals completed per local day, oldest first; days without renewals are left out. */
    public List<DayCount> renewalsPerDay(LocalDate from, LocalDate toInclusive) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT date(at, :shift) AS day, count(*) AS n FROM audit_entry
                        WHERE event_type = 'CASE_COMPLETED' AND at >= :from AND at < :to
                        GROUP BY day ORDER BY day""")
                .bind("shift", shift()).bind("from", start(from)).bind("to", start(toInclusive.plusDays(1)))
                .map((rs, ctx) -> new DayCount(LocalDate.parse(rs.getString("day")), rs.getLong("n")))
                .list());
    }

    /** Renewals completed per teller in the period, most first. */
    public List<KeyCount> renewalsPerTeller(LocalDate from, LocalDate toInclusive) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT actor, count(*) AS n FROM audit_entry
                        WHERE event_type = 'CASE_COMPLETED' AND at >= :from AND at < :to
                        GROUP BY actor ORDER BY n DESC, actor""")
                .bind("from", start(from)).bind("to", start(toInclusive.plusDays(1)))
                .map((rs, ctx) -> new KeyCount(rs.getString("actor"), rs.getLong("n")))
                .list());
    }

    /**
     * Why things failed in the period, most frequent first, counted once per reason per case: a case with two
     * wrong PINs, or a check failed twice, counts once for that reason. The reason is an entry's detail
     * {@code code} (a check's reason code), else {@code problem} (a token step's problem), else {@code reason}
     * (an abort, a login, a refusal), else its event type. A case's abort counts only when the case has no failed
     * or refused entry in the period (a customer who walked away), so one failure is not counted again as the
     * abort it caused. Entries without a case (logins, batches) count one each.
     */
    public List<KeyCount> failureReasons(LocalDate from, LocalDate toInclusive) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(json_extract(f.details, '$.code'), json_extract(f.details, '$.problem'),
                                        json_extract(f.details, '$.reason'), f.event_type) AS reason,
                               count(DISTINCT coalesce('case ' || f.case_id, 'entry ' || f.seq)) AS n
                        FROM audit_entry f
                        WHERE f.at >= :from AND f.at < :to
                          AND (f.outcome IN ('FAILED', 'REFUSED')
                               OR (f.event_type = 'CASE_ABORTED'
                                   AND (f.case_id IS NULL OR NOT EXISTS (
                                        SELECT 1 FROM audit_entry g
                                        WHERE g.case_id = f.case_id AND g.at >= :from AND g.at < :to
                                          AND g.outcome IN ('FAILED', 'REFUSED')))))
                        GROUP BY reason ORDER BY n DESC, reason""")
                .bind("from", start(from)).bind("to", start(toInclusive.plusDays(1)))
                .map((rs, ctx) -> new KeyCount(rs.getString("reason"), rs.getLong("n")))
                .list());
    }

    /**
     * Average machine time per case and local day: from the case's token check to its certificate install (key
     * generation on the token, request, head-office answer, certificate write), for cases installed that day.
     */
    public List<DayAverage> machineTimePerDay(LocalDate from, LocalDate toInclusive) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT date(i.at, :shift) AS day,
                               avg((julianday(i.at) - julianday(
                                   (SELECT min(t.at) FROM audit_entry t
                                    WHERE t.case_id = i.case_id AND t.event_type = 'CASE_TOKEN_VERIFIED'))) * 86400.0)
                               AS secs,
                               count(*) AS n
                        FROM audit_entry i
                        WHERE i.event_type = 'CASE_CERT_INSTALLED' AND i.at >= :from AND i.at < :to
                          AND i.case_id IS NOT NULL
                          AND EXISTS (SELECT 1 FROM audit_entry t
                                      WHERE t.case_id = i.case_id AND t.event_type = 'CASE_TOKEN_VERIFIED')
                        GROUP BY day ORDER BY day""")
                .bind("shift", shift()).bind("from", start(from)).bind("to", start(toInclusive.plusDays(1)))
                .map((rs, ctx) -> new DayAverage(LocalDate.parse(rs.getString("day")), rs.getDouble("secs"),
                        rs.getLong("n")))
                .list());
    }

    /** Counts of one local day's entries by outcome (OK, FAILED, REFUSED, INFO), for the daily review. */
    public List<KeyCount> outcomesOfDay(LocalDate day) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT outcome, count(*) AS n FROM audit_entry WHERE at >= :from AND at < :to
                        GROUP BY outcome ORDER BY outcome""")
                .bind("from", start(day)).bind("to", start(day.plusDays(1)))
                .map((rs, ctx) -> new KeyCount(rs.getString("outcome"), rs.getLong("n")))
                .list());
    }

    /** The stored (UTC) time text where a local day starts. */
    public String start(LocalDate day) {
        return STORED.format(day.atStartOfDay().toInstant(offset));
    }

    private String shift() {
        return (offset.getTotalSeconds() >= 0 ? "+" : "") + offset.getTotalSeconds() + " seconds";
    }
}
