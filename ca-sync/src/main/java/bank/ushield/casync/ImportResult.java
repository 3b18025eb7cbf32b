package bank.ushield.casync;

import java.nio.file.Path;

import bank.ushield.casync.format.RejectionCode;

/** The outcome of importing one file of the head-office inbox: a response batch or a customer extract. */
public sealed interface ImportResult {

    /** The batch was verified and applied; the file moved to processed. */
    record Imported(long sequence, long batchId, int issued, int rejected, int tokenUpdates, Path archivedFile)
            implements ImportResult {
    }

    /** The very same file was imported before; nothing changed; the file moved to processed. */
    record AlreadyImported(long sequence, Path archivedFile) implements ImportResult {
    }

    /** A customer extract was verified and applied (counts as in the extract; added/updated as found here). */
    record ExtractImported(String extractId, long sequence, int customers, int customersAdded, int customersUpdated,
                           int documents, int cards, int tokens, int certificates, Path archivedFile)
            implements ImportResult {
    }

    /** The very same customer extract was imported before; nothing changed. */
    record ExtractAlreadyImported(String extractId, Path archivedFile) implements ImportResult {
    }

    /** The batch failed a check; nothing was applied; the file lies in quarantine next to a reason file. */
    record Quarantined(RejectionCode code, String reason, Path quarantinedFile, Path reasonFile)
            implements ImportResult {
    }

    /**
     * The file could not be applied now (database or disk trouble, or an earlier response batch waits); it stays in
     * the inbox and the next sync tries again.
     */
    record Deferred(Path file, String problem) implements ImportResult {
    }
}
