package bank.ushield.casync;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;

/** Signs a fresh audit checkpoint at each export and hands it to the request batch. */
public final class AuditLogCheckpoints implements AuditCheckpointSource {

    private final AuditLog log;
    private final WorkstationKeys keys;

    public AuditLogCheckpoints(AuditLog log, WorkstationKeys keys) {
        this.log = log;
        this.keys = keys;
    }

    @Override
    public void beforeExport() {
        // DESIGN: a signed tree head at each head-office sync, so head office can check consistency.
        if (log.size() > 0) {
            log.checkpoint(keys);
        }
    }

    @Override
    public Optional<AuditCheckpoint> latest(Handle handle) {
        return log.latestCheckpoint().map(AuditLogCheckpoints::toBatch);
    }

    static AuditCheckpoint toBatch(SignedTreeHead sth) {
        return new AuditCheckpoint(sth.head().size(), sth.head().rootHex(), sth.signedAt().toString(), sth.keyId(),
                sth.note(), sth.signature());
    }
}
