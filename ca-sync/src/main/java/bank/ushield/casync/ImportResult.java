package bank.ushield.casync;

import java.nio.file.Path;

import bank.ushield.casync.format.RejectionCode;

/** The outcome of importing one file of the head-office inbox: a response batch or a customer extract. */
public sealed interface ImportResult {

    /**
     * The batch was verified and applied; the file moved to processed. {@code anchorRefusal} is head office's
     * refusal of a request batch for its audit anchor, in words, or null; {@code crls} the revocation lists stored;
     * {@code acknowledged} whether it carried head office's acknowledgement of the audit log (checked and stored).
     */
    record Imported(long sequence, long batchId, int issued, int rejected, int tokenUpdates, Path archivedFile,
                    String anchorRefusal, int crls, boolean acknowledged) implements ImportResult {

        /** A batch without revocation lists or acknowledgement. */
        public Imported(long sequence, long batchId, int issued, int rejected, int tokenUpdates, Path archivedFile,
                        String anchorRefusal) {
            this(sequence, batchId, issued, rejected, tokenUpdates, archivedFile, anchorRefusal, 0, false);
        }
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
     * Nothing was applied and the file stays in the inbox for a later sync: either it comes after a batch that has
     * not arrived yet (a gap: {@code waitsFor} is the sequence head office must send first, and the file is
     * imported once the batches before it are in), or it could not be applied now (database or disk trouble, or an
     * earlier response batch waits; {@code waitsFor} empty).
     */
    record Deferred(Path file, String problem, java.util.OptionalLong waitsFor) implements ImportResult {

        /** Trouble applying the file now (not a gap). */
        public Deferred(Path file, String problem) {
            this(file, problem, java.util.OptionalLong.empty());
        }

        /** A gap in head office's numbering: the file waits for the batch {@link #waitsFor()}. */
        public static Deferred gap(Path file, String problem, long expectedSequence) {
            return new Deferred(file, problem, java.util.OptionalLong.of(expectedSequence));
        }

        /** True when the file waits for an earlier head-office batch. */
        public boolean gap() {
            return waitsFor.isPresent();
        }
    }
}
