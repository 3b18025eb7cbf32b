package bank.ushield.renewal.adapter;

import java.util.Optional;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.renewal.AuditProofs;
import bank.ushield.renewal.AuditReference;

/**
 * Receipt references from the audit log: the newest signed tree head if it already covers the entry, otherwise a
 * fresh checkpoint signed with the workstation key.
 */
public final class AuditLogProofs implements AuditProofs {

    private final AuditLog log;
    private final WorkstationKeys keys;

    public AuditLogProofs(AuditLog log, WorkstationKeys keys) {
        this.log = log;
        this.keys = keys;
    }

    @Override
    public Optional<AuditReference> referenceFor(long entrySequence) {
        Optional<SignedTreeHead> latest = log.latestCheckpoint();
        SignedTreeHead head = latest.filter(h -> h.head().size() > entrySequence)
                .orElseGet(() -> log.checkpoint(keys));
        if (head.head().size() <= entrySequence) {
            return Optional.empty();
        }
        return Optional.of(new AuditReference(entrySequence, head.head().size(), head.head().rootHex(),
                bank.ushield.audit.ReceiptReference.of(entrySequence, head.head()).toString()));
    }
}
