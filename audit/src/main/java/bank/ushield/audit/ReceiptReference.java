package bank.ushield.audit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Jdbi;

/**
 * The short, checkable audit reference printed on a customer's receipt: {@code <entry>-<tree size>-<fingerprint>},
 * e.g. {@code 48213-48220-3f9a1c2b7d4e0f61}, where the fingerprint is the first 16 hex digits of the root of the
 * signed tree head that covers the entry. A later log proves the receipt when it still has the entry, and its first
 * {@code tree size} entries still hash to a root with that fingerprint (docs/audit-format.md, "Receipts").
 */
public record ReceiptReference(long entry, long treeSize, String fingerprint) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,18})-(\\d{1,18})-([0-9a-f]{16})");

    /** The reference of entry {@code seq} under a tree head. */
    public static ReceiptReference of(long seq, TreeHead head) {
        if (seq < 0 || seq >= head.size()) {
            throw new IllegalArgumentException("Entry " + seq + " is not covered by a tree of " + head.size() + " entries");
        }
        return new ReceiptReference(seq, head.size(), head.rootHex().substring(0, 16));
    }

    /** Reads the printed form (case and surrounding spaces ignored). */
    public static ReceiptReference parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a receipt audit reference (entry-size-fingerprint): " + text);
        }
        return new ReceiptReference(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
    }

    /** The printed form. */
    @Override
    public String toString() {
        return entry + "-" + treeSize + "-" + fingerprint;
    }

    /** What the check of a presented receipt found, in words. */
    public record Check(boolean ok, String message, Optional<AuditEntry> entry) {
    }

    /**
     * Checks the reference against a log: the tree of {@code treeSize} entries is there, its root has the
     * fingerprint, and the entry's inclusion proof leads to that root.
     */
    public Check check(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            long size = AuditEntryStore.size(h);
            if (size < treeSize) {
                return new Check(false, "The receipt names a log of " + treeSize + " entries; this file has only "
                        + size + ": entries the customer was given a receipt for are missing", Optional.empty());
            }
            byte[] root;
            List<byte[]> path;
            Optional<AuditEntry> e = AuditEntryStore.entry(h, entry);
            try (NodeStore nodes = new NodeStore(h)) {
                root = Frontier.load(treeSize, nodes).root();
                path = MerkleTree.inclusionProof(nodes, entry, treeSize);
            } catch (RuntimeException ex) {
                return new Check(false, "The tree over the receipt's " + treeSize + " entries cannot be rebuilt from "
                        + "this file: " + ex.getMessage(), e);
            }
            String fp = HexFormat.of().formatHex(root).substring(0, 16);
            if (!fp.equals(fingerprint)) {
                return new Check(false, "The first " + treeSize + " entries of this file hash to a root starting "
                        + fp + ", not " + fingerprint + " as on the receipt: the log was rewritten", e);
            }
            if (e.isEmpty() || !Arrays.equals(MerkleTree.leafHash(e.get().leafData()), e.get().leafHash())
                    || !MerkleTree.verifyInclusion(entry, treeSize, e.get().leafHash(), path, root)) {
                return new Check(false, "Entry " + entry + " is missing or altered in this file", e);
            }
            return new Check(true, "Entry " + entry + " (" + e.get().type() + ", " + e.get().atText() + ") is in the "
                    + "log of " + treeSize + " entries the receipt names (root " + HexFormat.of().formatHex(root) + ")", e);
        });
    }
}
