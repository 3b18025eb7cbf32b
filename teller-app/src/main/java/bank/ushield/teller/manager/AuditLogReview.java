package bank.ushield.teller.manager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.VerifyReport;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.audit.stats.ReviewQueries;
import bank.ushield.db.Database;

/**
 * {@link AuditReview} over the audit module: queries through {@link ReviewQueries}, proofs and verification
 * through {@link AuditLog} and {@link AuditVerifier}, sign-offs as DAILY_REVIEW_SIGNED_OFF entries that name a
 * tree head signed for the occasion.
 */
public final class AuditLogReview implements AuditReview {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database database;
    private final AuditLog log;
    private final WorkstationKeys keys;
    private final ReviewQueries queries;
    private final EvidenceExporter exporter;

    public AuditLogReview(Database database, AuditLog log, WorkstationKeys keys, ZoneId zone,
                          EvidenceExporter exporter) {
        this.database = database;
        this.log = log;
        this.keys = keys;
        this.queries = new ReviewQueries(database, zone);
        this.exporter = exporter;
    }

    /** Writes the CSV and the signed evidence package; the audit module's export, behind a small port. */
    public interface EvidenceExporter {
        void csv(AuditQuery query, Path file);

        Path evidence(AuditQuery query, Path folder);
    }

    static ReviewQueries.Filter filter(AuditQuery q) {
        return new ReviewQueries.Filter(q.from(), q.to(), q.teller(), q.caseId(), q.eventType(), q.outcome(),
                q.customerRef());
    }

    private static ReviewRow row(ReviewQueries.Row r) {
        return new ReviewRow(r.seq(), r.at(), r.actor(), r.role(), r.caseId(), r.customerRef(), r.eventType(),
                r.outcome());
    }

    @Override
    public long count(AuditQuery query) {
        return queries.count(filter(query));
    }

    @Override
    public List<ReviewRow> page(AuditQuery query, AuditSort sort, long offset, int limit) {
        ReviewQueries.Order order = ReviewQueries.Order.valueOf(sort.column().name());
        return queries.page(filter(query), order, sort.ascending(), offset, limit).stream()
                .map(AuditLogReview::row).toList();
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

    @Override
    public DayStatus signOff(LocalDate day, String managerLogin, String comment) {
        // Sign the head that covers everything the manager has seen, then name it in the sign-off entry.
        SignedTreeHead head = log.checkpoint(keys);
        List<ReviewRow> attention = attention(day, Integer.MAX_VALUE);
        log.append(AuditEvent.builder(AuditEventType.DAILY_REVIEW_SIGNED_OFF, AuditOutcome.OK)
                .actor(managerLogin, "MANAGER")
                .detail("day", day.toString())
                .detail("treeSize", head.head().size())
                .detail("rootHash", head.head().rootHex())
                .detail("keyId", head.keyId())
                .detail("attentionEntries", attention.size())
                .detail("comment", comment == null ? "" : comment)
                .build());
        return days(day, day).get(0);
    }

    @Override
    public void exportCsv(AuditQuery query, Path file) {
        exporter.csv(query, file);
    }

    @Override
    public Path exportEvidence(AuditQuery query, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return exporter.evidence(query, folder);
    }
}
