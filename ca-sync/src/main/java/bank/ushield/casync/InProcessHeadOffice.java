package bank.ushield.casync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.HeadOfficeSimulator.Processed;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.db.WorkPhaseEvent;

/**
 * Training mode's head office: one call exports the queued requests, lets the simulator answer at once, and imports
 * the answer, through the same folders, signatures and checks as production.
 */
public final class InProcessHeadOffice {

    private final RequestBatchExporter exporter;
    private final HeadOfficeSimulator simulator;
    private final ResponseBatchImporter importer;
    private final SyncFolders folders;
    private final Path received;

    /**
     * Wires the three parts; the simulator must know the workstation's certificate and the importer must pin the
     * simulator's sync certificate (see {@link HeadOfficeSimulator#registerWorkstation}).
     */
    public InProcessHeadOffice(RequestBatchExporter exporter, HeadOfficeSimulator simulator,
                               ResponseBatchImporter importer, SyncFolders folders, Path simulatorDir) {
        this.exporter = exporter;
        this.simulator = simulator;
        this.importer = importer;
        this.folders = folders;
        this.received = simulatorDir.resolve("received");
    }

    /** The outcome of one round trip: the batch sent (if any), the head office's answer and the import results. */
    public record RoundTrip(Optional<ExportedBatch> exported, Optional<Processed> answered, List<ImportResult> imported) {
        /** The figures of this round trip. */
        public SyncSummary summary() {
            return SyncSummary.of(exported, imported);
        }
    }

    /** Export, answer, import; with nothing queued, only imports what already waits in the inbox. */
    public RoundTrip roundTrip(RejectionPolicy policy) {
        Optional<ExportedBatch> exported = exporter.export();
        Optional<Processed> answered = Optional.empty();
        if (exported.isPresent()) {
            // Timed apart: the simulated head office's work is not the workstation's cost (RenewalBench).
            try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.HEAD_OFFICE)) {
                Processed p = simulator.process(exported.get().file(), folders.inbox(), policy);
                Files.createDirectories(received);
                // The head office takes the file out of the outbox, as a real pick-up would.
                Files.move(exported.get().file(), received.resolve(exported.get().file().getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
                answered = Optional.of(p);
            } catch (BatchRejectedException e) {
                throw new IllegalStateException("The simulated head office refused our own batch (" + e.code() + "): "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new CaSyncException(CaSyncException.Code.FILE_IO, "The simulated head office could not answer", e);
            }
        }
        return new RoundTrip(exported, answered, importer.importInbox());
    }
}
