package bank.ushield.casync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import bank.ushield.casync.ImportResult.Deferred;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.RequestBatchExporter.ExportedBatch;

/** What one synchronisation did, in figures a teller or manager screen can show. */
public record SyncSummary(int requestsSent, int certificatesReceived, int rejections, int tokenUpdates,
                          int quarantined, List<String> problems) {

    public SyncSummary {
        problems = List.copyOf(problems);
    }

    /** Sums an export and the import results. */
    public static SyncSummary of(Optional<ExportedBatch> exported, List<ImportResult> imported) {
        int issued = 0;
        int rejected = 0;
        int tokens = 0;
        int quarantined = 0;
        List<String> problems = new ArrayList<>();
        for (ImportResult r : imported) {
            if (r instanceof Imported i) {
                issued += i.issued();
                rejected += i.rejected();
                tokens += i.tokenUpdates();
                if (i.anchorRefusal() != null) {
                    problems.add(i.anchorRefusal());
                }
            } else if (r instanceof Quarantined q) {
                quarantined++;
                problems.add(q.quarantinedFile().getFileName() + ": " + q.code() + " - " + q.reason());
            } else if (r instanceof Deferred d && !d.gap()) {
                problems.add(InboxFiles.printable(d.file().getFileName().toString()) + ": left in the inbox for the "
                        + "next sync - " + d.problem());
            }
        }
        exported.ifPresent(e -> e.skippedCases().forEach(c -> problems.add("case " + c + " not sent: its CSR is unusable")));
        return new SyncSummary(exported.map(ExportedBatch::requests).orElse(0), issued, rejected, tokens, quarantined,
                problems);
    }
}
