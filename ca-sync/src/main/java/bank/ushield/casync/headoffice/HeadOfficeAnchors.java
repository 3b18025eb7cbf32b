package bank.ushield.casync.headoffice;

import java.security.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.SignedTreeHead;
import bank.ushield.audit.TreeHead;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.RequestBatch.AuditAnchor;
import bank.ushield.casync.format.RequestBatch.AuditCheckpoint;

/**
 * Head office's check of a request batch's audit anchor (docs/batch-format.md, "Anchoring"): the signed tree head is
 * the registered workstation key's, it starts from a head this head office acknowledged, it is not smaller or older
 * than the newest one acknowledged, and the RFC 9162 consistency proof connects the two.
 */
public final class HeadOfficeAnchors {

    private HeadOfficeAnchors() {
    }

    /** A head head office acknowledged earlier (what it keeps per workstation). */
    public record AckedHead(long treeSize, String rootHash, String signedAt, String acknowledgedAt, long requestSequence) {
    }

    /** The check's outcome: the head to acknowledge (null when the batch carries none), or a refusal. */
    public record Decision(TreeHead accepted, Instant signedAt, String code, String reason) {
        /** True when the batch is refused. */
        public boolean refused() {
            return code != null;
        }

        static Decision refuse(String code, String reason) {
            return new Decision(null, null, code, reason);
        }
    }

    /** Refusal codes (the {@code code} of {@code auditAnchorRefusal}). */
    public static final String MISSING = "ANCHOR_MISSING";
    public static final String BAD_SIGNATURE = "ANCHOR_BAD_SIGNATURE";
    public static final String ROLLBACK = "ANCHOR_ROLLBACK";
    public static final String INCONSISTENT = "ANCHOR_INCONSISTENT";

    /** Checks the anchor of {@code request} against the heads acknowledged so far (oldest first). */
    public static Decision check(RequestBatch request, PublicKey workstationKey, List<AckedHead> acknowledged) {
        AckedHead latest = acknowledged.isEmpty() ? null : acknowledged.get(acknowledged.size() - 1);
        AuditCheckpoint cp = request.auditCheckpoint();
        if (cp == null) {
            if (latest != null && latest.treeSize() > 0) {
                return Decision.refuse(ROLLBACK, "The batch carries no audit tree head although head office "
                        + "acknowledged " + latest.treeSize() + " entries on " + latest.acknowledgedAt()
                        + ": the branch's audit log was wiped or replaced");
            }
            return new Decision(null, null, null, null);
        }
        SignedTreeHead sth;
        try {
            sth = new SignedTreeHead(new TreeHead(cp.treeSize(), HexFormat.of().parseHex(cp.rootHash())),
                    Instant.parse(cp.signedAt()), cp.note(), cp.keyId(), cp.signature());
        } catch (RuntimeException e) {
            return Decision.refuse(BAD_SIGNATURE, "The audit tree head cannot be read: " + e.getMessage());
        }
        if (cp.note() == null || cp.keyId() == null || cp.signature() == null
                || !cp.note().startsWith(SignedTreeHead.origin(request.workstation()) + "\n")
                || !cp.note().equals(SignedTreeHead.noteText(request.workstation(), sth.head(), sth.signedAt()))
                || !sth.verify(workstationKey)) {
            return Decision.refuse(BAD_SIGNATURE, "The audit tree head of " + cp.treeSize()
                    + " entries is not signed by the registered key of workstation " + request.workstation());
        }
        AuditAnchor anchor = request.auditAnchor();
        if (anchor == null) {
            return Decision.refuse(MISSING, "The batch carries an audit tree head but no consistency proof");
        }
        if (latest != null && cp.treeSize() < latest.treeSize()) {
            return Decision.refuse(ROLLBACK, "Head office acknowledged " + latest.treeSize() + " entries on "
                    + latest.acknowledgedAt() + "; this batch's audit log has " + cp.treeSize()
                    + ": it was truncated or restored from an older copy");
        }
        if (latest != null && sth.signedAt().isBefore(Instant.parse(latest.signedAt()))) {
            return Decision.refuse(ROLLBACK, "The audit tree head was signed at " + cp.signedAt()
                    + ", before the head head office acknowledged last (signed " + latest.signedAt() + ")");
        }
        byte[] fromRoot;
        if (anchor.fromTreeSize() == 0) {
            if (latest != null && latest.treeSize() > 0) {
                return Decision.refuse(INCONSISTENT, "The proof starts from an empty log although head office "
                        + "acknowledged " + latest.treeSize() + " entries on " + latest.acknowledgedAt());
            }
            fromRoot = MerkleTree.emptyRoot();
        } else {
            AckedHead from = acknowledged.stream()
                    .filter(a -> a.treeSize() == anchor.fromTreeSize() && a.rootHash().equalsIgnoreCase(anchor.fromRootHash()))
                    .reduce((a, b) -> b).orElse(null);
            if (from == null) {
                return Decision.refuse(INCONSISTENT, "The proof starts from a head of " + anchor.fromTreeSize()
                        + " entries (root " + anchor.fromRootHash() + ") that head office never acknowledged"
                        + (latest == null ? "" : "; it acknowledged " + latest.treeSize() + " entries last"));
            }
            fromRoot = HexFormat.of().parseHex(from.rootHash());
        }
        List<byte[]> proof;
        try {
            proof = anchor.consistencyProof().stream().map(HexFormat.of()::parseHex).toList();
        } catch (RuntimeException e) {
            return Decision.refuse(INCONSISTENT, "The consistency proof is not a list of hex hashes");
        }
        boolean consistent = anchor.fromTreeSize() == 0 ? proof.isEmpty()
                : MerkleTree.verifyConsistency(anchor.fromTreeSize(), cp.treeSize(), proof, fromRoot,
                        sth.head().rootHash());
        if (!consistent) {
            return Decision.refuse(INCONSISTENT, "The consistency proof does not connect the acknowledged head of "
                    + anchor.fromTreeSize() + " entries to the new head of " + cp.treeSize()
                    + " entries: the branch's audit log was rewritten");
        }
        return new Decision(sth.head(), sth.signedAt(), null, null);
    }
}
