package bank.ushield.audit.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import bank.ushield.db.Database;

/**
 * Aggregates over the audit log for a period of local days: completed renewals per day and per teller, failure
 * reasons, and average machine time per case. Days are the branch's local days (a fixed offset, as China has no
 * daylight saving time); entries are stored in UTC.
 */
public final class AuditStatistics {

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AuditStatisticsStore store;
    private final ZoneOffset offset;

    /** The aggregates of the session's own log. */
    public AuditStatistics(Database database, ZoneId zone) {
        this(database, zone, false);
    }

    private AuditStatistics(Database database, ZoneId zone, boolean branch) {
        this.store = new AuditStatisticsStore(Objects.requireNonNull(database, "database").jdbi(), branch);
        this.offset = zone.getRules().getOffset(Instant.now());
    }

    /** The aggregates over every workstation's log of a branch database (on a SQLite file: its one log). */
    public static AuditStatistics branch(Database database, ZoneId zone) {
        return new AuditStatistics(database, zone, true);
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
        return store.renewalsPerDay(shift(), start(from), start(toInclusive.plusDays(1)));
    }

    /** Renewals completed per teller in the period, most first. */
    public List<KeyCount> renewalsPerTeller(LocalDate from, LocalDate toInclusive) {
        return store.renewalsPerTeller(start(from), start(toInclusive.plusDays(1)));
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
        return store.failureReasons(start(from), start(toInclusive.plusDays(1)));
    }

    /**
     * Average machine time per case and local day: from the case's token check to its certificate install (key
     * generation on the token, request, head-office answer, certificate write), for cases installed that day.
     */
    public List<DayAverage> machineTimePerDay(LocalDate from, LocalDate toInclusive) {
        return store.machineTimePerDay(shift(), start(from), start(toInclusive.plusDays(1)));
    }

    /** Counts of one local day's entries by outcome (OK, FAILED, REFUSED, INFO), for the daily review. */
    public List<KeyCount> outcomesOfDay(LocalDate day) {
        return store.outcomes(start(day), start(day.plusDays(1)));
    }

    /** The stored (UTC) time text where a local day starts. */
    public String start(LocalDate day) {
        return STORED.format(day.atStartOfDay().toInstant(offset));
    }

    private String shift() {
        return (offset.getTotalSeconds() >= 0 ? "+" : "") + offset.getTotalSeconds() + " seconds";
    }
}
