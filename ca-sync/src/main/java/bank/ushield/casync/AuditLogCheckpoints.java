package bank.ushield.casync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AnchorCheck;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.format.RequestBatch.AuditAnchor;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;

/**
 * Signs a fresh audit checkpoint at each export and hands it to the request batch with the consistency proof from
 * head office's last acknowledgement; says when a checkpoint-only batch is due.
 */
public final class AuditLogCheckpoints implements AuditCheckpointSource {

    /** Default of the longest time the log goes unanchored while it grows, when no request is sent. */
    public static final Duration DEFAULT_ANCHOR_INTERVAL = Duration.ofMinutes(60);

    private final AuditLog log;
    private final WorkstationKeys keys;
    private final Duration anchorInterval;
    private final Clock clock;

    public AuditLogCheckpoints(AuditLog log, WorkstationKeys keys) {
        this(log, keys, DEFAULT_ANCHOR_INTERVAL, Clock.systemUTC());
    }

    /** With a checkpoint-only batch made when the log grew and the last anchor is older than {@code anchorInterval}. */
    public AuditLogCheckpoints(AuditLog log, WorkstationKeys keys, Duration anchorInterval, Clock clock) {
        this.log = log;
        this.keys = keys;
        this.anchorInterval = anchorInterval;
        this.clock = clock;
    }

    @Override
    public Optional<AuditAnchor> anchor(Handle handle, AuditCheckpoint checkpoint) {
        Optional<AnchorAcknowledgement> ack = AnchorCheck.latest(handle);
        long from = ack.map(AnchorAcknowledgement::treeSize).orElse(0L);
        String fromRoot = ack.map(AnchorAcknowledgement::rootHex).orElse(HexFormat.of().formatHex(MerkleTree.emptyRoot()));
        if (from == 0 || from > checkpoint.treeSize()) {
            // First contact, or the log is now smaller than head office acknowledged: no proof exists; head office refuses.
            return Optional.of(new AuditAnchor(from, fromRoot, List.of()));
        }
        List<String> proof = log.consistencyProof(from, checkpoint.treeSize()).stream()
                .map(HexFormat.of()::formatHex).toList();
        return Optional.of(new AuditAnchor(from, fromRoot, proof));
    }

    @Override
    public boolean anchorDue(Handle handle, Instant lastBatchAt) {
        AnchorCheck.Window window = AnchorCheck.window(handle);
        if (window.entries() == 0) {
            return false;
        }
        Instant last = window.lastAcknowledgedAt().orElse(Instant.EPOCH);
        if (lastBatchAt != null && lastBatchAt.isAfter(last)) {
            last = lastBatchAt;
        }
        return !clock.instant().isBefore(last.plus(anchorInterval));
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
