package bank.ushield.casync;

import java.util.List;

import org.jdbi.v3.core.Handle;

import bank.ushield.casync.format.RequestBatch.RevocationRequest;

/**
 * Revocations the branch asks head office for on their own, not as the "superseded" item of a renewal request: for
 * example a certificate issued for a case that was closed before it was installed (docs/adr/0050). The exporter reads
 * and marks them inside the transaction that records the batch, so a revocation is sent exactly once.
 */
public interface RevocationQueue {

    /** Revocations not sent yet, oldest first. */
    List<QueuedRevocation> unsent(Handle handle);

    /** Records that {@code sent} went out in request batch {@code batchId} (same transaction as the batch row). */
    void markSent(Handle handle, List<QueuedRevocation> sent, long batchId);

    /**
     * Head office refused request batch {@code batchId} unread (its audit anchor): the revocations sent in it are
     * unsent again, so the next batch carries them. Same transaction as the import. Returns how many.
     */
    int resend(Handle handle, long batchId);

    /** One queued revocation: the owner's row id and the batch item. */
    record QueuedRevocation(long id, RevocationRequest request) {
    }

    /** No revocations of its own (ca-sync alone, tests). */
    static RevocationQueue none() {
        return new RevocationQueue() {
            @Override
            public List<QueuedRevocation> unsent(Handle handle) {
                return List.of();
            }

            @Override
            public void markSent(Handle handle, List<QueuedRevocation> sent, long batchId) {
                // nothing queued, nothing to mark
            }

            @Override
            public int resend(Handle handle, long batchId) {
                return 0;
            }
        };
    }
}
