package bank.ushield.renewal;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Which workstation drives an open case (ADR 0087): a case is served at one counter at a time. {@code takenFrom} and
 * {@code takenBy} name the workstation whose claim a manager authorised taking over, and the manager; null otherwise.
 *
 * @param heldHere true when the claim is this workstation's own
 */
public record CaseClaim(long caseId, String workstationId, String tellerLogin, Instant claimedAt, Instant touchedAt,
                        String takenFrom, String takenBy, boolean heldHere) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public CaseClaim {
        Objects.requireNonNull(workstationId, "workstationId");
        Objects.requireNonNull(tellerLogin, "tellerLogin");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(touchedAt, "touchedAt");
    }

    /** A time of the claim as the branch reads it (its time zone, to the minute). */
    public static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    /**
     * The claim in the teller's words, e.g. "Served at workstation 0102-W01 by teller01 since 2026-12-06 10:32 (last
     * step 10:35)" in the locale (zh_CN or en).
     */
    public String words(Locale locale, ZoneId zone) {
        String pattern = Problem.bundle(locale).getString(heldHere ? "claim.heldHere" : "claim.heldElsewhere");
        return new MessageFormat(pattern, locale).format(new Object[] {workstationId, tellerLogin,
                when(claimedAt, zone), when(touchedAt, zone)});
    }
}
