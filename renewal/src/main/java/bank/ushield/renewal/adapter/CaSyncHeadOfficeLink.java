package bank.ushield.renewal.adapter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.casync.CaSyncException;
import bank.ushield.casync.ImportResult;
import bank.ushield.casync.InProcessHeadOffice;
import bank.ushield.casync.RequestBatchExporter;
import bank.ushield.casync.ResponseBatchImporter;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.renewal.HeadOfficeLink;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;

/**
 * The head-office exchange through ca-sync: in production a request batch to the outbox and whatever answers wait
 * in the inbox; in training the in-process head office answers at once (with the trainer's rejection policy).
 */
public final class CaSyncHeadOfficeLink implements HeadOfficeLink {

    private static final Logger LOG = LoggerFactory.getLogger(CaSyncHeadOfficeLink.class);

    private final RequestBatchExporter exporter;
    private final ResponseBatchImporter importer;
    private final InProcessHeadOffice inProcess;
    private final Supplier<RejectionPolicy> policy;
    /** One exchange at a time: two would number, sign and move the same batches twice. */
    private final OneExchange exchanging = new OneExchange();

    private CaSyncHeadOfficeLink(RequestBatchExporter exporter, ResponseBatchImporter importer,
                                 InProcessHeadOffice inProcess, Supplier<RejectionPolicy> policy) {
        this.exporter = exporter;
        this.importer = importer;
        this.inProcess = inProcess;
        this.policy = policy;
    }

    /** Production: batches through the outbox/inbox folders. */
    public static CaSyncHeadOfficeLink folders(RequestBatchExporter exporter, ResponseBatchImporter importer) {
        return new CaSyncHeadOfficeLink(exporter, importer, null, null);
    }

    /** Training: the simulated head office answers in the same call. */
    public static CaSyncHeadOfficeLink inProcess(InProcessHeadOffice headOffice, Supplier<RejectionPolicy> policy) {
        return new CaSyncHeadOfficeLink(null, null, headOffice, policy);
    }

    @Override
    public SyncReport syncNow() {
        return exchanging.run(this::exchange);
    }

    @Override
    public Optional<SyncReport> syncIfIdle() {
        Optional<SyncReport> r = exchanging.runIfIdle(this::exchange);
        if (r.isEmpty()) {
            LOG.info("Scheduled sync skipped: another exchange is running");
        }
        return r;
    }

    private SyncReport exchange() {
        try {
            Optional<RequestBatchExporter.ExportedBatch> batch;
            List<ImportResult> imported;
            if (inProcess != null) {
                InProcessHeadOffice.RoundTrip trip = inProcess.roundTrip(policy.get());
                batch = trip.exported();
                imported = trip.imported();
            } else {
                batch = exporter.export();
                int sent = batch.map(RequestBatchExporter.ExportedBatch::requests).orElse(0);
                if (Thread.currentThread().isInterrupted()) {
                    // Cancelled after the batch went out whole: the inbox is read at the next sync.
                    LOG.info("Sync cancelled after sending {} requests; the inbox waits for the next sync", sent);
                    throw new CancellationException("Sync cancelled after sending " + sent + " requests");
                }
                imported = importer.importInbox();
            }
            return report(batch, imported);
        } catch (CaSyncException e) {
            LOG.warn("Head-office sync failed: {}", e.getMessage());
            if (e.code() == CaSyncException.Code.FOLDER_MISSING) {
                throw new RenewalException(Problem.of(ProblemCode.HEAD_OFFICE_FOLDER_MISSING,
                        exporter == null ? "" : exporter.folders().root().toString()), e);
            }
            // The code reads as words through the bundle's "sync." keys; the exception keeps the detail.
            throw new RenewalException(Problem.of(ProblemCode.SYNC_FAILED, e.code().name()), e);
        }
    }

    /** The figures and incidents of one sync from what was sent (no batch: empty) and what the import found. */
    static SyncReport report(Optional<RequestBatchExporter.ExportedBatch> sent, List<ImportResult> imported) {
        int issued = 0;
        int rejected = 0;
        int batches = 0;
        int crls = 0;
        boolean acknowledged = false;
        List<HeadOfficeLink.Note> notes = new java.util.ArrayList<>();
        List<Problem> incidents = new java.util.ArrayList<>();
        for (ImportResult r : imported) {
            if (r instanceof ImportResult.Imported i) {
                batches++;
                issued += i.issued();
                rejected += i.rejected();
                crls += i.crls();
                acknowledged |= i.acknowledged();
                if (i.anchorRefusal() != null) {
                    // The English sentence went to the log; the person gets it in words from the bundle.
                    incidents.add(Problem.of(ProblemCode.AUDIT_ANCHOR_REFUSED));
                }
            } else if (r instanceof ImportResult.ExtractImported e) {
                notes.add(note(HeadOfficeLink.Note.Kind.CUSTOMERS_IMPORTED, e.extractId(), e.customers()));
            } else if (r instanceof ImportResult.Deferred w && w.gap()) {
                notes.add(note(HeadOfficeLink.Note.Kind.WAITING, w.file().getFileName(), w.waitsFor().getAsLong()));
            } else if (r instanceof ImportResult.Quarantined q) {
                notes.add(note(HeadOfficeLink.Note.Kind.QUARANTINED, q.quarantinedFile().getFileName(), q.code().name()));
            } else if (r instanceof ImportResult.Deferred d) {
                // Why it could not be applied now stays in the log (English, technical).
                LOG.warn("{} left in the inbox for the next sync: {}", d.file().getFileName(), d.problem());
                notes.add(note(HeadOfficeLink.Note.Kind.DEFERRED, d.file().getFileName()));
            }
        }
        return new SyncReport(sent.map(RequestBatchExporter.ExportedBatch::requests).orElse(0), issued, rejected, notes,
                incidents, sent.map(RequestBatchExporter.ExportedBatch::revocations).orElse(0), sent.isPresent(),
                batches, crls, acknowledged);
    }

    private static HeadOfficeLink.Note note(HeadOfficeLink.Note.Kind kind, Object... args) {
        return new HeadOfficeLink.Note(kind, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }
}
