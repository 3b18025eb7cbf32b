package bank.ushield.renewal;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditLog;
import bank.ushield.casync.AuditCheckpointSource;
import bank.ushield.casync.format.RequestBatch;

/** The newest signed audit tree head, carried in each request batch so head office can check our log later. */
public final class AuditCheckpoints implements AuditCheckpointSource {

    private final AuditLog log;

    public AuditCheckpoints(AuditLog log) {
        this.log = log;
    }

    @Override
    public Optional<RequestBatch.AuditCheckpoint> latest(Handle handle) {
        return log.latestCheckpoint().map(h -> new RequestBatch.AuditCheckpoint(h.head().size(), h.head().rootHex(),
                h.signedAt().toString(), h.signature()));
    }
}
