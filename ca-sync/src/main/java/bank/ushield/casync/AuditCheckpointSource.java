package bank.ushield.casync;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.casync.format.RequestBatch;
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

    /**
     * The consistency proof from the last head head office acknowledged to {@code checkpoint}, or empty when this
     * source keeps no acknowledgements.
     */
    default Optional<RequestBatch.AuditAnchor> anchor(Handle handle, AuditCheckpoint checkpoint) {
        return Optional.empty();
    }

    /**
     * True when the log should be anchored even though no request waits: it grew since head office's last
     * acknowledgement and neither that nor the last request batch ({@code lastBatchAt}, null if none) is recent.
     */
    default boolean anchorDue(Handle handle, java.time.Instant lastBatchAt) {
        return false;
    }

    /** A source with no checkpoints (before the audit log signs any). */
    static AuditCheckpointSource none() {
        return h -> Optional.empty();
    }
}
