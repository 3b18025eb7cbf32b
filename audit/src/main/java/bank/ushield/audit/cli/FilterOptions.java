package bank.ushield.audit.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditQuery;
import bank.ushield.db.Branch;
import picocli.CommandLine.Option;

/** The search filters shared by {@code search} and {@code export}. */
final class FilterOptions {

    @Option(names = "--from", description = "From this day (yyyy-MM-dd, in --zone) or instant (ISO-8601 UTC), inclusive.")
    String from;

    @Option(names = "--to", description = "Up to this day (inclusive) or instant (exclusive).")
    String to;

    @Option(names = "--zone", defaultValue = Branch.DEFAULT_ZONE_ID, description = "Time zone of days (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--actor", description = "Staff login.")
    String actor;

    @Option(names = "--case", description = "Renewal case id.")
    Long caseId;

    @Option(names = "--customer-ref", description = "Customer reference (c-... key) as shown on screens.")
    String customerRef;

    @Option(names = "--type", description = "Event type; repeat for several. One of: ${COMPLETION-CANDIDATES}")
    List<AuditEventType> types = new ArrayList<>();

    @Option(names = "--outcome", description = "OK, FAILED, REFUSED or INFO.")
    AuditOutcome outcome;

    @Option(names = "--newest-first", description = "Newest entries first.")
    boolean newestFirst;

    AuditQuery.Builder query(int limit) {
        AuditQuery.Builder b = AuditQuery.builder().actor(actor).caseId(caseId).customerRef(customerRef)
                .outcome(outcome).newestFirst(newestFirst).limit(limit);
        if (from != null) {
            b.from(instant(from, false));
        }
        if (to != null) {
            b.to(instant(to, true));
        }
        types.forEach(b::type);
        return b;
    }

    private Instant instant(String text, boolean endOfDay) {
        if (text.length() == 10) {
            LocalDate day = LocalDate.parse(text);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        }
        return Instant.parse(text);
    }
}
