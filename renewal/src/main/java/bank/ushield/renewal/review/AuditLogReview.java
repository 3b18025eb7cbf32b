package bank.ushield.renewal.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditExport;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.DailyReview;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
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

    /** {@code labelOrder} is the screen's order of the shown labels, which the event and outcome sorts follow. */
    public AuditLogReview(Database database, AuditLog log, WorkstationKeys keys, ZoneId zone, LabelOrder labelOrder) {
        this.database = database;
        this.log = log;
        this.keys = keys;
        this.zone = zone;
        this.labelOrder = labelOrder;
        this.queries = new ReviewQueries(database, zone);
        this.statistics = new AuditStatistics(database, zone);
    }

    /** The manager's filter as the audit module's export query (time-ordered, the whole selection). */
    bank.ushield.audit.AuditQuery exportQuery(ReviewFilter q) {
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
                q.customerRef());
    }

    private static ReviewRow row(ReviewQueries.Row r) {
        return new ReviewRow(r.seq(), r.at(), r.actor(), r.role(), r.caseId(), r.customerRef(), r.eventType(),
                r.outcome());
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
            return queries.pageInValueOrder(filter(query), order, labelOrder.codesInLabelOrder(sort.column()),
                    sort.ascending(), offset, limit).stream().map(AuditLogReview::row).toList();
        }
        return queries.page(filter(query), order, sort.ascending(), offset, limit).stream()
                .map(AuditLogReview::row).toList();
    }

    @Override
    public ReviewCharts charts(LocalDate from, LocalDate toInclusive) {
        return new ReviewCharts(
                statistics.renewalsPerDay(from, toInclusive).stream()
                        .map(d -> new ReviewCharts.DayCount(d.day(), d.count())).toList(),
                keyCounts(statistics.renewalsPerTeller(from, toInclusive)),
                keyCounts(statistics.failureReasons(from, toInclusive)),
                statistics.machineTimePerDay(from, toInclusive).stream()
                        .map(d -> new ReviewCharts.DayAverage(d.day(), d.averageSeconds(), d.cases())).toList());
    }

    private static List<ReviewCharts.KeyCount> keyCounts(List<AuditStatistics.KeyCount> counts) {
        return counts.stream().map(k -> new ReviewCharts.KeyCount(k.key(), k.count())).toList();
    }

    @Override
    public EntryDetail detail(long seq) {
        AuditEntry entry = log.entry(seq).orElseThrow(() ->
                new IllegalArgumentException("No audit entry " + seq));
        ReviewRow row = queries.row(seq).map(AuditLogReview::row).orElseThrow();
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
                && sth.verify(keys.certificate().getPublicKey());
        HexFormat hex = HexFormat.of();
        return new EntryDetail(row, entry.details(), entry.leafHashHex(), sth.head().size(), sth.head().rootHex(),
                sth.signedAt(), proof.stream().map(hex::formatHex).toList(), checked);
    }

    @Override
    public VerifyOutcome verify(LongConsumer progress) {
        VerifyReport report = AuditVerifier.verify(database.jdbi(), List.of(keys.certificate()));
        progress.accept(report.entries());
        if (report.ok()) {
            return new VerifyOutcome.Intact(report.entries(), report.head().size(), report.head().rootHex());
        }
        VerifyReport.Problem p = report.problem();
        return new VerifyOutcome.Broken(p.seq(), p.kind().name(), p.message());
    }

    @Override
    public List<ReviewRow> attention(LocalDate day, int limit) {
        return queries.attention(day, limit).stream().map(AuditLogReview::row).toList();
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
        try {
            size = JSON.readTree(d.signOffDetails()).path("treeSize").asLong();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            size = 0;
        }
        return new DayStatus(d.day(), d.entries(), d.attention(), d.signOff().actor(), d.signOff().at(), size);
    }

    /**
     * Verifies the whole log first and refuses to sign one that fails; then signs exactly the verified head (a
     * signed tree head, so the sign-off names a head that is signed, not only computed) and the day up to it.
     *
     * @throws RenewalException AUDIT_LOG_NOT_INTACT or AUDIT_FILE_NOT_INTACT when verification fails
     */
    @Override
    public DayStatus signOff(LocalDate day, String managerLogin, String comment) {
        VerifyReport report = AuditVerifier.verify(database.jdbi(), List.of(keys.certificate()));
        if (!report.ok()) {
            IllegalStateException detail = new IllegalStateException(report.summary());
            throw report.problem().seq() >= 0
                    ? new RenewalException(Problem.of(ProblemCode.AUDIT_LOG_NOT_INTACT, String.valueOf(report.problem().seq())), detail)
                    : new RenewalException(Problem.of(ProblemCode.AUDIT_FILE_NOT_INTACT), detail);
        }
        TreeHead verified = report.head();
        if (log.latestCheckpoint().map(c -> c.head().size()).orElse(-1L) < verified.size()) {
            log.checkpoint(keys, verified);
        }
        new DailyReview(log, zone).signOff(managerLogin, DailyReview.MANAGER_ROLE, day, comment, verified);
        return days(day, day).get(0);
    }

    @Override
    public UnanchoredWindow unanchored() {
        bank.ushield.audit.AnchorCheck.Window w = bank.ushield.audit.AnchorCheck.window(database.jdbi());
        return new UnanchoredWindow(w.entries(), w.acknowledgedSize(), w.lastAcknowledgedAt().orElse(null));
    }

    @Override
    public void exportCsv(ReviewFilter query, Path file) {
        AuditExport.writeCsv(new AuditSearch(database), exportQuery(query), file);
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
