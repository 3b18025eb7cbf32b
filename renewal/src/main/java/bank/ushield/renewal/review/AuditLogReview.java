package bank.ushield.renewal.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditExport;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.DailyReview;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.branch.BranchAuditLogs;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.TreeHead;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.Database;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.receipt.EvidenceSummaryPdf;

/**
 * {@link AuditReview} over the audit module: queries through {@link ReviewQueries}, proofs and verification
 * through {@link AuditLog} and {@link AuditVerifier}, sign-off through {@link DailyReview} after signing a tree
 * head, exports through {@link AuditExport} plus a signed PDF summary.
 */
public final class AuditLogReview implements AuditReview {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database database;
    private final AuditLog log;
    private final WorkstationKeys keys;
    private final ReviewQueries queries;
    private final AuditStatistics statistics;
    private final ZoneId zone;
    private final LabelOrder labelOrder;
    private final ReviewCaseStore caseStore;
    private final java.time.Clock clock;
    private final List<java.security.PublicKey> headOffice;
    /** Every workstation's log of the branch (this one only on a SQLite file). */
    private BranchAuditLogs branch;
    /** Checks a co-signer's login; null: co-signing is not offered. */
    private bank.ushield.renewal.StaffDirectory staff;
    /** Up to this many entries the manager's verify runs SQLite's full file check too (ADR 0093). */
    private long fullCheckUpTo = AuditVerifier.FULL_CHECK_UP_TO;

    /** {@code labelOrder} is the screen's order of the shown labels, which the event and outcome sorts follow. */
    public AuditLogReview(Database database, AuditLog log, WorkstationKeys keys, ZoneId zone, LabelOrder labelOrder) {
        this(database, log, keys, zone, labelOrder, java.time.Clock.system(zone));
    }

    /**
     * The production form: {@code headOffice} are head office's pinned sync keys, against which verify and the
     * sign-off re-check every stored acknowledgement (a row in the file proves nothing by itself).
     */
    public AuditLogReview(Database database, AuditLog log, WorkstationKeys keys, ZoneId zone, LabelOrder labelOrder,
                          List<java.security.PublicKey> headOffice) {
        this(database, log, keys, zone, labelOrder, java.time.Clock.system(zone), headOffice);
    }

    /** As above, with the clock that says which days are over (training and tests). */
    public AuditLogReview(Database database, AuditLog log, WorkstationKeys keys, ZoneId zone, LabelOrder labelOrder,
                          java.time.Clock clock) {
        this(database, log, keys, zone, labelOrder, clock, List.of());
    }

    /** As above, with head office's pinned keys (see the production form). */
    public AuditLogReview(Database database, AuditLog log, WorkstationKeys keys, ZoneId zone, LabelOrder labelOrder,
                          java.time.Clock clock, List<java.security.PublicKey> headOffice) {
        this.headOffice = List.copyOf(headOffice);
        this.clock = clock;
        this.database = database;
        this.log = log;
        this.keys = keys;
        this.zone = zone;
        this.labelOrder = labelOrder;
        // The branch's review: every workstation's log of a branch database (the one log of a SQLite file).
        this.queries = ReviewQueries.branch(database, zone);
        this.statistics = AuditStatistics.branch(database, zone);
        this.branch = new BranchAuditLogs(database, log.workstation(),
                ws -> ws.equals(log.workstation()) ? List.of(keys.certificate()) : List.of(), headOffice);
        this.caseStore = new ReviewCaseStore(database.jdbi());
    }

    /** The manager's filter as the audit module's export query (time-ordered, the whole selection). */
    bank.ushield.audit.AuditQuery exportQuery(ReviewFilter q) {
        if (q.workstation() != null && !q.workstation().equals(log.workstation())) {
            // The evidence is signed with this workstation's key over its own log: another's cannot be exported here.
            throw new RenewalException(Problem.of(ProblemCode.AUDIT_EXPORT_OWN_LOG_ONLY, q.workstation(),
                    log.workstation()));
        }
        bank.ushield.audit.AuditQuery.Builder b = bank.ushield.audit.AuditQuery.builder().limit(1000);
        if (q.from() != null) {
            b.from(q.from().atStartOfDay(zone).toInstant());
        }
        if (q.to() != null) {
            b.to(q.to().plusDays(1).atStartOfDay(zone).toInstant());
        }
        if (q.teller() != null) {
            b.actor(q.teller());
        }
        if (q.caseId() != null) {
            b.caseId(q.caseId());
        }
        if (q.customerRef() != null) {
            b.customerRef(q.customerRef());
        }
        if (q.eventType() != null) {
            b.type(AuditEventType.valueOf(q.eventType()));
        }
        if (q.outcome() != null) {
            b.outcome(AuditOutcome.valueOf(q.outcome()));
        }
        return b.build();
    }

    static ReviewQueries.Filter filter(ReviewFilter q) {
        return new ReviewQueries.Filter(q.from(), q.to(), q.teller(), q.caseId(), q.eventType(), q.outcome(),
                q.customerRef(), q.workstation());
    }

    /**
     * The page's rows with what a manager reads: the receipt's case number, the masked customer, which check and
     * why (from each entry's masked details). One details read per row of the page and one case query per page.
     */
    private List<ReviewRow> rows(List<ReviewQueries.Row> page) {
        Map<Long, ReviewCaseStore.CaseLabel> cases = caseStore.labels(page.stream().map(ReviewQueries.Row::caseId)
                .filter(java.util.Objects::nonNull).toList());
        List<ReviewRow> rows = new ArrayList<>(page.size());
        for (ReviewQueries.Row r : page) {
            com.fasterxml.jackson.databind.JsonNode d = details(r.workstation(), r.seq());
            ReviewCaseStore.CaseLabel c = r.caseId() == null ? null : cases.get(r.caseId());
            String caseNo = text(d, "caseNo");
            if (caseNo == null && c != null) {
                caseNo = c.caseNo();
            }
            String reason = text(d, "code");
            for (String key : new String[] {"problem", "reason", "exception"}) {
                if (reason == null) {
                    reason = text(d, key);
                }
            }
            String authorisedBy = text(d, "authorisedBy");
            if (authorisedBy == null && "MANAGER_AUTHORISATION_GRANTED".equals(r.eventType())) {
                authorisedBy = r.actor();
            }
            rows.add(new ReviewRow(r.seq(), r.at(), r.actor(), r.role(), r.caseId(), r.customerRef(), r.eventType(),
                    r.outcome(), caseNo, c == null ? null : c.maskedCustomer(), text(d, "check"), reason,
                    text(d, "teller"), authorisedBy, r.workstation()));
        }
        return rows;
    }

    private com.fasterxml.jackson.databind.JsonNode details(String workstation, long seq) {
        try {
            return queries.details(workstation, seq).map(text -> {
                try {
                    return JSON.readTree(text);
                } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                    return null;
                }
            }).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode d, String key) {
        if (d == null || !d.hasNonNull(key) || d.get(key).isContainerNode()) {
            return null;
        }
        String t = d.get(key).asText();
        return t.isBlank() ? null : t;
    }

    @Override
    public long count(ReviewFilter query) {
        return queries.count(filter(query));
    }

    @Override
    public List<ReviewRow> page(ReviewFilter query, AuditSort sort, long offset, int limit) {
        ReviewQueries.Order order = ReviewQueries.Order.valueOf(sort.column().name());
        if (sort.column() == AuditSort.Column.EVENT || sort.column() == AuditSort.Column.OUTCOME) {
            // The table shows labels, so it sorts by them (current language), paging one code at a time (ADR 0054).
            return rows(queries.pageInValueOrder(filter(query), order, labelOrder.codesInLabelOrder(sort.column()),
                    sort.ascending(), offset, limit));
        }
        return rows(queries.page(filter(query), order, sort.ascending(), offset, limit));
    }

    @Override
    public ReviewCharts charts(LocalDate from, LocalDate toInclusive) {
        return new ReviewCharts(
                everyDay(from, toInclusive, statistics.renewalsPerDay(from, toInclusive)),
                keyCounts(statistics.renewalsPerTeller(from, toInclusive)),
                keyCounts(statistics.failureReasons(from, toInclusive)),
                statistics.machineTimePerDay(from, toInclusive).stream()
                        .map(d -> new ReviewCharts.DayAverage(d.day(), d.averageSeconds(), d.cases())).toList());
    }

    /** One count per day of the window, zero where nothing was renewed, so the chart shows the whole window. */
    private static List<ReviewCharts.DayCount> everyDay(LocalDate from, LocalDate toInclusive,
                                                        List<AuditStatistics.DayCount> counts) {
        Map<LocalDate, Long> byDay = new java.util.HashMap<>();
        counts.forEach(d -> byDay.put(d.day(), d.count()));
        return from.datesUntil(toInclusive.plusDays(1))
                .map(day -> new ReviewCharts.DayCount(day, byDay.getOrDefault(day, 0L))).toList();
    }

    private static List<ReviewCharts.KeyCount> keyCounts(List<AuditStatistics.KeyCount> counts) {
        return counts.stream().map(k -> new ReviewCharts.KeyCount(k.key(), k.count())).toList();
    }

    @Override
    public EntryDetail detail(long seq) {
        return detail(log, keys.certificate(), rows(List.of(queries.row(seq).orElseThrow())).get(0));
    }

    @Override
    public EntryDetail detail(String workstation, long seq) {
        if (workstation == null || workstation.equals(log.workstation())) {
            return detail(seq);
        }
        ReviewRow row = rows(List.of(queries.row(workstation, seq).orElseThrow(() ->
                new IllegalArgumentException("No audit entry " + seq + " of workstation " + workstation)))).get(0);
        // Another workstation's log, read as that workstation; its heads checked with the key stored in its log.
        return branch.read(workstation, db -> {
            try (AuditLog other = AuditLog.open(db, workstation)) {
                java.security.cert.X509Certificate signer = other.latestCheckpoint()
                        .flatMap(h -> other.storedSigner(h.keyId())).orElse(null);
                return detail(other, signer, row);
            }
        });
    }

    /** The entry's details and its inclusion proof in {@code log}, the head's signature checked with {@code signer}. */
    private static EntryDetail detail(AuditLog log, java.security.cert.X509Certificate signer, ReviewRow row) {
        long seq = row.seq();
        AuditEntry entry = log.entry(seq).orElseThrow(() ->
                new IllegalArgumentException("No audit entry " + seq));
        Optional<SignedTreeHead> head = log.latestCheckpoint();
        if (head.isEmpty() || seq >= head.get().head().size()) {
            return new EntryDetail(row, entry.details(), entry.leafHashHex(),
                    head.map(h -> h.head().size()).orElse(0L), head.map(h -> h.head().rootHex()).orElse(""),
                    head.map(SignedTreeHead::signedAt).orElse(null), List.of(), false);
        }
        SignedTreeHead sth = head.get();
        List<byte[]> proof = log.inclusionProof(seq, sth.head().size());
        // The proof must lead from this entry's recomputed leaf to the signed root, and the head must be signed.
        byte[] leaf = MerkleTree.leafHash(entry.leafData());
        boolean checked = MerkleTree.verifyInclusion(seq, sth.head().size(), leaf, proof, sth.head().rootHash())
                && signer != null && sth.verify(signer.getPublicKey());
        HexFormat hex = HexFormat.of();
        return new EntryDetail(row, entry.details(), entry.leafHashHex(), sth.head().size(), sth.head().rootHex(),
                sth.signedAt(), proof.stream().map(hex::formatHex).toList(), checked);
    }

    @Override
    public VerifyOutcome verify(LongConsumer progress) {
        VerifyReport report = AuditVerifier.verify(database.jdbi(), List.of(keys.certificate()),
                AuditVerifier.Depth.CONTENT, fullCheckUpTo);
        progress.accept(report.entries());
        if (!report.ok()) {
            VerifyReport.Problem p = report.problem();
            return new VerifyOutcome.Broken(p.seq(), p.kind().name(), p.message());
        }
        // Like the sign-off: a file that checks on its own may still be a rollback or a rewrite head office saw.
        AnchorCheck.Result anchor = anchor();
        if (!anchor.ok()) {
            return new VerifyOutcome.Contradicted(anchor.kind().name(), anchor.acknowledgedSize(),
                    anchor.acknowledgedAt(), anchor.logSize(), anchor.message());
        }
        return new VerifyOutcome.Intact(report.entries(), report.head().size(), report.head().rootHex(),
                report.signedEntries());
    }

    @Override
    public List<ReviewWorkstation> workstations() {
        return branch.workstations().stream().map(w -> new ReviewWorkstation(w.id(), w.name(), w.own())).toList();
    }

    @Override
    public List<WorkstationOutcome> verifyBranch(LongConsumer progress) {
        return branch.verify(progress).stream().map(c -> new WorkstationOutcome(c.workstation().id(),
                c.workstation().name(), c.workstation().own(), outcome(c))).toList();
    }

    /** One log's check as the screen shows it: the first finding wins (entries, then head office, then sign-offs). */
    private static VerifyOutcome outcome(BranchAuditLogs.LogCheck c) {
        VerifyReport report = c.report();
        if (!report.ok()) {
            VerifyReport.Problem p = report.problem();
            return new VerifyOutcome.Broken(p.seq(), p.kind().name(), report.summary());
        }
        if (!c.anchor().ok()) {
            AnchorCheck.Result a = c.anchor();
            return new VerifyOutcome.Contradicted(a.kind().name(), a.acknowledgedSize(), a.acknowledgedAt(),
                    a.logSize(), a.message());
        }
        if (c.signedOff() != null) {
            BranchAuditLogs.SignOffMismatch m = c.signedOff();
            // No single entry is named: the log differs somewhere below the head the sign-off named.
            return new VerifyOutcome.Broken(-1, ReviewCodes.SIGNED_OFF_HEAD_CHANGED, m.message());
        }
        return new VerifyOutcome.Intact(report.entries(), report.head().size(), report.head().rootHex(),
                report.signedEntries());
    }

    private AnchorCheck.Result anchor() {
        return AnchorCheck.check(database.jdbi(), log.workstation(), Optional.empty(), headOffice);
    }

    @Override
    public List<ReviewRow> attention(LocalDate day, int limit) {
        List<ReviewRow> rows = rows(queries.attention(day, limit));
        // Who authorised: the manager who granted an exception in the same case that day.
        Map<Long, String> granted = new java.util.HashMap<>();
        rows.stream().filter(r -> r.caseId() != null && "MANAGER_AUTHORISATION_GRANTED".equals(r.eventType()))
                .forEach(r -> granted.putIfAbsent(r.caseId(), r.actor()));
        return rows.stream().map(r -> r.authorisedBy() == null && r.caseId() != null && granted.containsKey(r.caseId())
                ? r.withAuthorisedBy(granted.get(r.caseId())) : r).toList();
    }

    @Override
    public List<DayStatus> days(LocalDate from, LocalDate toInclusive) {
        return queries.days(from, toInclusive).stream().map(AuditLogReview::status).toList();
    }

    private static DayStatus status(ReviewQueries.Day d) {
        if (d.signOff() == null) {
            return new DayStatus(d.day(), d.entries(), d.attention(), null, null, 0);
        }
        long size;
        String coSignedBy;
        try {
            com.fasterxml.jackson.databind.JsonNode details = JSON.readTree(d.signOffDetails());
            size = details.path("treeSize").asLong();
            coSignedBy = details.hasNonNull("coSignedBy") ? details.get("coSignedBy").asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            size = 0;
            coSignedBy = null;
        }
        return new DayStatus(d.day(), d.entries(), d.attention(), d.signOff().actor(), d.signOff().at(), size,
                coSignedBy);
    }

    /**
     * Verifies the whole log first and refuses to sign one that fails; then signs exactly the verified head (a
     * signed tree head, so the sign-off names a head that is signed, not only computed) and the day up to it.
     *
     * @throws RenewalException AUDIT_LOG_NOT_INTACT or AUDIT_FILE_NOT_INTACT when verification fails
     */
    /** Makes a case's receipt PDF again (the renewal service's receipt, rendered); null: not offered. */
    private java.util.function.LongFunction<byte[]> receipts;

    /** Lets the review open a case's receipt, made by {@code render} from the case id. */
    public AuditLogReview withReceipts(java.util.function.LongFunction<byte[]> render) {
        this.receipts = render;
        return this;
    }

    @Override
    public byte[] receiptPdf(long caseId) {
        if (receipts == null) {
            return AuditReview.super.receiptPdf(caseId);
        }
        return receipts.apply(caseId);
    }

    /**
     * Checks the other workstations' logs against the certificates IT pinned at this workstation (those without one
     * against the signers stored in their own log, as before; ADR 0098).
     */
    public AuditLogReview withPinnedWorkstations(bank.ushield.audit.branch.PinnedWorkstations pinned) {
        this.branch = new BranchAuditLogs(database, log.workstation(),
                ws -> ws.equals(log.workstation()) ? List.of(keys.certificate()) : pinned.of(ws), headOffice);
        return this;
    }

    /**
     * Up to how many entries the manager's verify runs SQLite's full check of the file as well (default {@link
     * AuditVerifier#FULL_CHECK_UP_TO}); the sign-off runs it at any size (ADR 0093, 0100).
     */
    public AuditLogReview withFullCheckUpTo(long entries) {
        this.fullCheckUpTo = entries;
        return this;
    }

    /** Lets a second manager co-sign the exceptions the signer authorised, checked against this directory. */
    public AuditLogReview withStaff(bank.ushield.renewal.StaffDirectory directory) {
        this.staff = directory;
        return this;
    }

    @Override
    public DayStatus signOff(LocalDate day, String managerLogin, String comment) {
        return signOff(day, managerLogin, comment, null);
    }

    @Override
    public DayStatus signOff(LocalDate day, String managerLogin, String comment, CoSigner coSigner) {
        String coSignedBy;
        try {
            coSignedBy = coSigner == null ? null : coSignerLogin(day, managerLogin, coSigner);
        } finally {
            if (coSigner != null) {
                coSigner.wipe();
            }
        }
        if (!day.isBefore(LocalDate.now(clock.withZone(zone)))) {
            throw new ReviewException(ReviewException.Reason.DAY_NOT_CLOSED, day);
        }
        if (days(day, day).get(0).signedOff()) {
            throw new ReviewException(ReviewException.Reason.ALREADY_SIGNED_OFF, day);
        }
        if (queries.severalLogs() && days(day, day).get(0).entries() == 0) {
            // This workstation's log may be empty that day; the branch's must not be (DailyReview checks the former).
            throw new bank.ushield.audit.AuditException(bank.ushield.audit.AuditException.Code.NOTHING_TO_DO,
                    "There are no audit entries of the branch on " + day + " to sign off.");
        }
        // On a branch database every workstation's log is verified first; one that fails refuses the sign-off.
        List<BranchAuditLogs.LogCheck> logs = queries.severalLogs() ? branch.verify(n -> { }) : null;
        if (logs != null) {
            for (BranchAuditLogs.LogCheck c : logs) {
                if (!c.ok() && !c.workstation().own()) {
                    throw new RenewalException(Problem.of(ProblemCode.AUDIT_BRANCH_LOG_NOT_INTACT,
                            c.workstation().name(), c.workstation().id()), new IllegalStateException(describe(logs)));
                }
            }
        }
        VerifyReport report = logs != null
                ? logs.stream().filter(c -> c.workstation().own()).findFirst().orElseThrow().report()
                // Thorough: SQLite's full integrity check of the file too, which the default verify leaves out on a
                // large log (ADR 0093); once a day every page and index is checked before the manager signs.
                : AuditVerifier.verify(database.jdbi(), List.of(keys.certificate()), AuditVerifier.Depth.THOROUGH,
                        fullCheckUpTo);
        if (!report.ok()) {
            IllegalStateException detail = new IllegalStateException(report.summary());
            throw report.problem().seq() >= 0
                    ? new RenewalException(Problem.of(ProblemCode.AUDIT_LOG_NOT_INTACT, String.valueOf(report.problem().seq())), detail)
                    : new RenewalException(Problem.of(ProblemCode.AUDIT_FILE_NOT_INTACT), detail);
        }
        AnchorCheck.Result anchor = anchor();
        if (!anchor.ok()) {
            String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(anchor.acknowledgedAt().atZone(zone));
            throw new RenewalException(Problem.of(ProblemCode.AUDIT_ANCHOR_CONTRADICTED,
                    String.valueOf(anchor.acknowledgedSize()), at, String.valueOf(anchor.logSize())), new IllegalStateException(anchor.message()));
        }
        BranchAuditLogs.SignOffMismatch ownMismatch = logs == null ? null
                : logs.stream().filter(c -> c.workstation().own()).findFirst().orElseThrow().signedOff();
        if (ownMismatch != null) {
            // This log no longer has a head an earlier sign-off named: refused like a log broken from its start.
            throw new RenewalException(Problem.of(ProblemCode.AUDIT_LOG_NOT_INTACT, "0"),
                    new IllegalStateException(ownMismatch.message()));
        }
        // Separation of duties: what this manager authorised is not signed off by them alone, but flagged.
        List<Long> own = ownAuthorisations(day, managerLogin).stream().map(ReviewRow::seq).toList();
        Map<String, Object> extra = new java.util.LinkedHashMap<>();
        if (!own.isEmpty() && coSignedBy != null) {
            extra.put("coSignedBy", coSignedBy);
            extra.put("coSigned", own.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        } else if (!own.isEmpty()) {
            extra.put("flaggedForNextLevel", own.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
            extra.put("flagReason", "SIGNER_AUTHORISED_THE_EXCEPTION");
        }
        // The blank-token count of the day's end goes into the sign-off; a count that does not reconcile is flagged.
        bank.ushield.renewal.StockCount stock = stockCount();
        for (bank.ushield.renewal.StockState st : bank.ushield.renewal.StockState.values()) {
            extra.put("stock" + st.name(), stock.count(st));
        }
        if (!stock.reconciles()) {
            extra.put("stockDiscrepancies", stock.discrepancies().stream()
                    .map(bank.ushield.renewal.StockCount.Discrepancy::serial)
                    .collect(java.util.stream.Collectors.joining(",")));
            extra.put("stockFlag", "STOCK_COUNT_MISMATCH");
        }
        // A signed tree head of exactly what verified, so the sign-off names a head that is signed, not only computed.
        TreeHead verified = report.head();
        if (verified.size() > 0 && log.latestCheckpoint().map(c -> c.head().size()).orElse(-1L) < verified.size()) {
            log.checkpoint(keys, verified);
        }
        DailyReview review = new DailyReview(log, zone, headOffice);
        if (logs == null) {
            review.signOff(managerLogin, DailyReview.MANAGER_ROLE, day, comment, verified, extra);
            return days(day, day).get(0);
        }
        // The entry names the verified head of every log it covered, so a later rewrite of any of them is caught.
        List<Map<String, Object>> heads = logs.stream()
                .map(c -> BranchAuditLogs.namedHead(c.workstation().id(), c.report().head())).toList();
        extra.put("branchEntries", days(day, day).get(0).entries());
        review.signOffBranch(managerLogin, DailyReview.MANAGER_ROLE, day, comment, verified, heads, extra);
        return days(day, day).get(0);
    }

    /** What verify found in each workstation's log, one line each, for the Details pane and the log file. */
    private static String describe(List<BranchAuditLogs.LogCheck> logs) {
        StringBuilder b = new StringBuilder();
        for (BranchAuditLogs.LogCheck c : logs) {
            String what = !c.report().ok() ? c.report().summary()
                    : !c.anchor().ok() ? "FAILED against head office: " + c.anchor().message()
                    : c.signedOff() != null ? "FAILED: " + c.signedOff().message() : c.report().summary();
            b.append(b.length() == 0 ? "" : System.lineSeparator()).append("Workstation ").append(c.workstation().id())
                    .append(": ").append(what);
        }
        return b.toString();
    }

    /**
     * The co-signer's login once checked: another manager, whose password is right, who neither did nor authorised
     * any exception of the day that the signer authorised.
     */
    private String coSignerLogin(LocalDate day, String signer, CoSigner coSigner) {
        if (staff == null) {
            throw new ReviewException(ReviewException.Reason.CO_SIGN_UNAVAILABLE, day);
        }
        String login = coSigner.login() == null ? "" : coSigner.login().strip();
        if (login.equals(signer)) {
            throw new ReviewException(ReviewException.Reason.CO_SIGNER_SAME, day);
        }
        bank.ushield.renewal.StaffMember member = staff.authenticate(login, coSigner.password());
        if (member.role() != bank.ushield.renewal.StaffMember.Role.MANAGER) {
            throw new ReviewException(ReviewException.Reason.CO_SIGNER_NOT_A_MANAGER, day);
        }
        for (ReviewRow r : ownAuthorisations(day, signer)) {
            if (member.login().equals(r.actor()) || member.login().equals(r.teller())) {
                throw new ReviewException(ReviewException.Reason.CO_SIGNER_INVOLVED, day);
            }
        }
        return member.login();
    }

    @Override
    public bank.ushield.renewal.StockCount stockCount() {
        return bank.ushield.renewal.stock.BranchTokenStock.countOf(database.jdbi());
    }

    @Override
    public UnanchoredWindow unanchored() {
        bank.ushield.audit.AnchorCheck.Window w = bank.ushield.audit.AnchorCheck.window(database.jdbi());
        return new UnanchoredWindow(w.entries(), w.acknowledgedSize(), w.lastAcknowledgedAt().orElse(null));
    }

    @Override
    public List<ReviewRow> ownAuthorisations(LocalDate day, String managerLogin) {
        return attention(day, Integer.MAX_VALUE).stream().filter(r -> managerLogin.equals(r.authorisedBy())).toList();
    }

    @Override
    public void exportCsv(ReviewFilter query, Path file) {
        AuditExport.writeCsv(new AuditSearch(database), exportQuery(query), file);
    }

    /** Rows per query while exporting: one page at a time, never the whole selection in memory. */
    static final int EXPORT_PAGE = 500;

    @Override
    public long exportCsv(ReviewFilter query, Path file, CsvTexts texts, LongConsumer progress) {
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(zone);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        long written = 0;
        try (java.io.Writer w = Files.newBufferedWriter(partial, java.nio.charset.StandardCharsets.UTF_8)) {
            // The byte-order mark makes Excel (Chinese Windows reads ANSI as GBK) open the file as UTF-8.
            w.write('\uFEFF');
            // A branch's entries name their workstation (ADR 0089); one counter's CSV is as it always was.
            boolean severalLogs = queries.severalLogs();
            List<String> headers = new ArrayList<>(texts.headers());
            if (severalLogs) {
                headers.add(texts.workstationHeader());
            }
            line(w, headers);
            for (long offset = 0; ; offset += EXPORT_PAGE) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("CSV export cancelled");
                }
                List<ReviewRow> page = rows(queries.page(filter(query), ReviewQueries.Order.SEQ, true, offset,
                        EXPORT_PAGE));
                for (ReviewRow r : page) {
                    List<String> cells = new ArrayList<>(java.util.Arrays.asList(time.format(r.at()), r.caseLabel(),
                            nz(r.customer()), r.doneBy(), texts.role(r.role()), texts.event(r.eventType()),
                            texts.outcome(r.outcome()), r.check() == null ? "" : texts.check(r.check()),
                            r.reason() == null ? "" : texts.reason(r.reason()), nz(r.authorisedBy())));
                    if (severalLogs) {
                        cells.add(nz(r.workstation()));
                    }
                    line(w, cells);
                }
                written += page.size();
                progress.accept(written);
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
        } catch (java.io.IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Cancelled mid-write: the file channel closes itself on the interrupt.
                throw new java.util.concurrent.CancellationException("CSV export cancelled");
            }
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (Thread.currentThread().isInterrupted()) {
                try {
                    Files.deleteIfExists(partial);
                } catch (java.io.IOException ignored) {
                    // the partial file is named .part; nothing reads it
                }
            }
        }
        try {
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return written;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** One RFC 4180 line, CRLF-terminated; a cell starting with = + - @ is prefixed so Excel never runs it. */
    private static void line(java.io.Writer w, List<String> cells) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            if (i > 0) {
                b.append(',');
            }
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        w.write(b.append("\r\n").toString());
    }

    @Override
    public Path exportEvidence(ReviewFilter query, Path folder, String managerLogin) {
        AuditExport.Result result = AuditExport.export(log, exportQuery(query), folder, "audit-evidence", keys,
                managerLogin, DailyReview.MANAGER_ROLE);
        Path pdf = folder.resolve("audit-evidence-summary.pdf");
        EvidenceSummaryPdf.write(pdf, "审计证据包摘要 Audit evidence summary", List.of(
                new EvidenceSummaryPdf.Line("工作站 Workstation", log.workstation()),
                new EvidenceSummaryPdf.Line("导出人 Exported by", managerLogin),
                new EvidenceSummaryPdf.Line("筛选 Filter", describe(query)),
                new EvidenceSummaryPdf.Line("条目数 Entries", String.valueOf(result.rows())),
                new EvidenceSummaryPdf.Line("CSV SHA-256", result.sha256()),
                new EvidenceSummaryPdf.Line("签名树头 Signed tree head", "size " + result.head().head().size()),
                new EvidenceSummaryPdf.Line("根 Root", result.head().head().rootHex()),
                new EvidenceSummaryPdf.Line("签名时间 Signed at", result.head().signedAt().toString()),
                new EvidenceSummaryPdf.Line("签名密钥 Key id", result.head().keyId()),
                EvidenceSummaryPdf.Line.heading("文件 Files"),
                new EvidenceSummaryPdf.Line("CSV", result.csv().getFileName().toString()),
                new EvidenceSummaryPdf.Line("CMS 签名 Signature", result.signature().getFileName().toString()),
                new EvidenceSummaryPdf.Line("证书 Certificate", result.certificate().getFileName().toString()),
                new EvidenceSummaryPdf.Line("树头 Checkpoint", result.checkpoint().getFileName().toString())));
        try {
            // The summary is signed like the CSV, so an inspector can check both with openssl cms -verify.
            Files.write(folder.resolve("audit-evidence-summary.pdf.p7s"), AuditExport.signDetached(pdf, keys));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return pdf;
    }

    private static String describe(ReviewFilter q) {
        StringBuilder b = new StringBuilder();
        append(b, "from", q.from());
        append(b, "to", q.to());
        append(b, "teller", q.teller());
        append(b, "case", q.caseId());
        append(b, "event", q.eventType());
        append(b, "outcome", q.outcome());
        append(b, "customer", q.customerRef());
        return b.length() == 0 ? "全部 all" : b.toString().trim();
    }

    private static void append(StringBuilder b, String name, Object value) {
        if (value != null) {
            b.append(name).append('=').append(value).append(' ');
        }
    }
}
