package bank.ushield.teller.app;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.audit.branch.BranchAuditLogs;
import bank.ushield.audit.branch.PinnedWorkstations;
import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.teller.settings.UnpinnedCounter;

/**
 * Which other counters of a branch database sign their audit log with a key not pinned here (ADR 0098, step 11 of
 * docs/production-mode.md): read when IT opens the home screen, so a counter's key rotation does not go unnoticed
 * until a manager's verify fails.
 */
final class PinnedCounterKeys {

    private PinnedCounterKeys() {
    }

    /** The other counters whose newest signed head's key is not among their certificates in {@code pinnedFolder}. */
    static List<UnpinnedCounter> check(Database database, String ownWorkstation, Path pinnedFolder) {
        if (database.engine() != Engine.POSTGRESQL) {
            return List.of(); // one counter, one log: nothing to pin
        }
        PinnedWorkstations pinned = PinnedWorkstations.read(pinnedFolder);
        BranchAuditLogs logs = new BranchAuditLogs(database, ownWorkstation, ws -> List.of(), List.of());
        List<UnpinnedCounter> out = new ArrayList<>();
        for (BranchAuditLogs.Workstation w : logs.workstations()) {
            if (w.own()) {
                continue;
            }
            Optional<SignedTreeHead> newest = logs.read(w.id(), db -> AuditLog.open(db, w.id()).latestCheckpoint());
            if (newest.isEmpty()) {
                continue; // nothing signed yet: nothing a pin would check
            }
            List<X509Certificate> certs = pinned.of(w.id());
            boolean pinnedKey = certs.stream()
                    .anyMatch(c -> WorkstationKeys.keyId(c.getPublicKey()).equals(newest.get().keyId()));
            if (!pinnedKey) {
                out.add(new UnpinnedCounter(w.id(), w.name(), !certs.isEmpty(), pinnedFolder));
            }
        }
        return out;
    }
}
