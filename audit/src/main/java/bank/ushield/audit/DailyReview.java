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
    /** The branch sign-off's detail naming every log's head it covered (docs/adr/0089). */
    public static final String LOGS_DETAIL = "logs";

    private final AuditLog log;
    private final ZoneId zone;
    private final java.util.Collection<java.security.PublicKey> headOffice;

    /** Days are counted in the branch's time zone (e.g. Asia/Shanghai); stored acknowledgements are trusted. */
    public DailyReview(AuditLog log, ZoneId zone) {
        this(log, zone, java.util.List.of());
    }

    /** As above, re-checking every stored head-office acknowledgement against head office's pinned keys. */
    public DailyReview(AuditLog log, ZoneId zone, java.util.Collection<java.security.PublicKey> headOffice) {
        this.log = log;
        this.zone = zone;
        this.headOffice = java.util.List.copyOf(headOffice);
    }

    /** What one day of the log holds. */
    public record DaySummary(LocalDate day, long entries, long failures, Long firstSeq, Long lastSeq, String lastLeafHash) {
    }

    /** Counts and bounds of the day's entries (sign-offs of other days included: they are entries too). */
    public DaySummary summarise(LocalDate day) {
        return summarise(day, Long.MAX_VALUE);
    }

    private DaySummary summarise(LocalDate day, long below) {
        String from = AuditEntry.formatTime(day.atStartOfDay(zone).toInstant());
        String to = AuditEntry.formatTime(day.plusDays(1).atStartOfDay(zone).toInstant());
        AuditEntryStore.DayCounts c = log.jdbi().withHandle(h -> AuditEntryStore.dayCounts(h, from, to, below));
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
        return signOff(managerLogin, role, day, comment, null, java.util.Map.of());
    }

    /**
     * Signs the day off as far as a verification reached: only entries before {@code verified.size()} count, and a
     * day ending there names exactly the verified head (nothing appended after the check is signed).
     *
     * @param verified the head {@link AuditVerifier} recomputed, or null to take the stored tree as it is
     * @param extra    further details to record (e.g. exceptions flagged for the next level)
     */
    public AuditEntry signOff(String managerLogin, String role, LocalDate day, String comment, TreeHead verified,
                              java.util.Map<String, Object> extra) {
        return signOff(managerLogin, role, day, comment, verified, extra, null);
    }

    /**
     * Signs a branch's day off in this workstation's log (docs/adr/0089): as above for this log (which may have no
     * entry that day), and the entry names, in {@value #LOGS_DETAIL}, the verified head of every
     * workstation's log it covered ({@link #namedHead}), so a later rewrite of any of them is caught
     * by bank.ushield.audit.branch.BranchAuditLogs. The caller checked that the branch has entries that day.
     *
     * @param verified this log's head as {@link AuditVerifier} recomputed it
     * @param logs     every log's verified head, this one's included
     */
    public AuditEntry signOffBranch(String managerLogin, String role, LocalDate day, String comment, TreeHead verified,
                                    java.util.List<java.util.Map<String, Object>> logs,
                                    java.util.Map<String, Object> extra) {
        return signOff(managerLogin, role, day, comment, java.util.Objects.requireNonNull(verified, "verified"), extra,
                java.util.List.copyOf(logs));
    }

    private AuditEntry signOff(String managerLogin, String role, LocalDate day, String comment, TreeHead verified,
                               java.util.Map<String, Object> extra, java.util.List<java.util.Map<String, Object>> logs) {
        if (!MANAGER_ROLE.equals(role)) {
            throw new AuditException(AuditException.Code.NOT_AUTHORISED, "Only a branch manager can sign off the audit log.");
        }
        // Issue 21: never sign a log that contradicts what head office acknowledged.
        AnchorCheck.Result anchor = AnchorCheck.check(log.jdbi(), log.workstation(), Optional.empty(), headOffice);
        if (!anchor.ok()) {
            throw new AuditException(AuditException.Code.ANCHOR_CONTRADICTED, "The audit log cannot be signed off: "
                    + anchor.message() + ".");
        }
        DaySummary s = summarise(day, verified == null ? Long.MAX_VALUE : verified.size());
        if (s.entries() == 0 && logs == null) {
            throw new AuditException(AuditException.Code.NOTHING_TO_DO, "There are no audit entries on " + day + " to sign off.");
        }
        // Below the verified size every stored node was just checked, so a prefix head read from them is verified.
        TreeHead head = s.entries() == 0 || verified != null && s.lastSeq() + 1 == verified.size() ? verified
                : log.treeHead(s.lastSeq() + 1);
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
        if (logs != null) {
            event.detail("scope", "BRANCH").detail(LOGS_DETAIL, logs);
        }
        if (comment != null && !comment.isBlank()) {
            event.detail("comment", comment.strip());
        }
        extra.forEach(event::detail);
        return log.append(event.build());
    }

    /** What a branch sign-off names of one log: its workstation, and the head's size and root. */
    public static java.util.Map<String, Object> namedHead(String workstation, TreeHead head) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("workstation", workstation);
        m.put("treeSize", head.size());
        m.put("rootHash", HexFormat.of().formatHex(head.rootHash()));
        return m;
    }

    /** The newest sign-off of the day, if the day was signed off. */
    public Optional<AuditEntry> signOffOf(LocalDate day) {
        Optional<Long> seq = log.jdbi().withHandle(h -> AuditEntryStore.lastSignOffSeq(h, day.toString()));
        return seq.flatMap(log::entry);
    }
}
