package bank.ushield.casync;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;

/** Gives the latest signed audit tree head, to be carried in the next request batch. */
@FunctionalInterface
public interface AuditCheckpointSource {

    /**
     * Called by the exporter before its transaction starts (so it may write, e.g. sign a fresh checkpoint at each
     * head-office sync).
     */
    default void beforeExport() {
    }

    /** The latest checkpoint, read in the exporter's transaction, or empty when none was signed yet. */
    Optional<AuditCheckpoint> latest(Handle handle);

    /** A source with no checkpoints (before the audit log signs any). */
    static AuditCheckpointSource none() {
        return h -> Optional.empty();
    }
}
