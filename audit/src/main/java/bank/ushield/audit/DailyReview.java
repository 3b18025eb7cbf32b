package bank.ushield.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A branch manager's daily review of the audit log: what a day holds, and the sign-off, which is itself an audit
 * entry naming the last entry and leaf hash it covered and the tree root over everything up to it.
 */
public final class DailyReview {

    /** The role allowed to sign a day off. */
    public static final String MANAGER_ROLE = "MANAGER";

    private final AuditLog log;
    private final ZoneId zone;

    /** Days are counted in the branch's time zone (e.g. Asia/Shanghai). */
    public DailyReview(AuditLog log, ZoneId zone) {
        this.log = log;
        this.zone = zone;
    }

    /** What one day of the log holds. */
    public record DaySummary(LocalDate day, long entries, long failures, Long firstSeq, Long lastSeq, String lastLeafHash) {
    }

    /** Counts and bounds of the day's entries (sign-offs of other days included: they are entries too). */
    public DaySummary summarise(LocalDate day) {
        String from = AuditEntry.formatTime(day.atStartOfDay(zone).toInstant());
        String to = AuditEntry.formatTime(day.plusDays(1).atStartOfDay(zone).toInstant());
        AuditEntryStore.DayCounts c = log.jdbi().withHandle(h -> AuditEntryStore.dayCounts(h, from, to));
        String hash = c.lastSeq() == null ? null : log.entry(c.lastSeq()).map(AuditEntry::leafHashHex).orElse(null);
        return new DaySummary(day, c.entries(), c.failures(), c.firstSeq(), c.lastSeq(), hash);
    }

    /**
     * Signs the day off: records DAILY_REVIEW_SIGNED_OFF naming the day's last entry, its leaf hash, and the tree
     * head over all entries up to it.
     *
     * @throws AuditException NOT_AUTHORISED unless {@code role} is MANAGER; NOTHING_TO_DO for an empty day
     */
    public AuditEntry signOff(String managerLogin, String role, LocalDate day, String comment) {
        return signOff(managerLogin, role, day, comment, java.util.Map.of());
    }

    /** As {@link #signOff(String, String, LocalDate, String)}, recording {@code extra} details (e.g. flagged items). */
    public AuditEntry signOff(String managerLogin, String role, LocalDate day, String comment,
                              java.util.Map<String, Object> extra) {
        if (!MANAGER_ROLE.equals(role)) {
            throw new AuditException(AuditException.Code.NOT_AUTHORISED, "Only a branch manager can sign off the audit log.");
        }
        DaySummary s = summarise(day);
        if (s.entries() == 0) {
            throw new AuditException(AuditException.Code.NOTHING_TO_DO, "There are no audit entries on " + day + " to sign off.");
        }
        TreeHead head = log.treeHead(s.lastSeq() + 1);
        AuditEvent.Builder event = AuditEvent.builder(AuditEventType.DAILY_REVIEW_SIGNED_OFF, AuditOutcome.OK)
                .actor(managerLogin, role)
                .detail("day", day.toString())
                .detail("zone", zone.getId())
                .detail("entries", s.entries())
                .detail("failures", s.failures())
                .detail("firstSeq", s.firstSeq())
                .detail("lastSeq", s.lastSeq())
                .detail("lastLeafHash", s.lastLeafHash())
                .detail("treeSize", head.size())
                .detail("rootHash", HexFormat.of().formatHex(head.rootHash()));
        if (comment != null && !comment.isBlank()) {
            event.detail("comment", comment.strip());
        }
        extra.forEach(event::detail);
        return log.append(event.build());
    }

    /** The newest sign-off of the day, if the day was signed off. */
    public Optional<AuditEntry> signOffOf(LocalDate day) {
        Optional<Long> seq = log.jdbi().withHandle(h -> AuditEntryStore.lastSignOffSeq(h, day.toString()));
        return seq.flatMap(log::entry);
    }
}
