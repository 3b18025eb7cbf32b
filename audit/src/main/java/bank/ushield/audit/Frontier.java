package bank.ushield.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The right edge of the Merkle tree (one complete subtree per set bit of the size, largest first): all an append
 * needs to extend the tree in O(log n) and to give the root. Immutable; {@link #append} returns a new one.
 */
final class Frontier {

    /** A complete subtree hash on the edge, covering 2^level leaves. */
    record Node(int level, byte[] hash) {
    }

    /** A node completed by an append: level >= 1, covering leaves up to and including {@code lastSeq}. */
    record Completed(long lastSeq, int level, byte[] hash) {
    }

    /** The result of one append: the new edge and the interior nodes it completed. */
    record Appended(Frontier frontier, List<Completed> completed, AuditEntry entry) {
    }

    static final Frontier EMPTY = new Frontier(0, List.of(), null);

    private final long size;
    private final List<Node> nodes;
    /** The hash of leaf size - 1 when known (always after an append), else null. */
    private final byte[] lastLeaf;

    private Frontier(long size, List<Node> nodes, byte[] lastLeaf) {
        this.size = size;
        this.nodes = nodes;
        this.lastLeaf = lastLeaf;
    }

    long size() {
        return size;
    }

    /**
     * The leaf hash of the last entry, or null when this edge was loaded at an even size (the leaf is then inside
     * a larger node): what an append checks the stored log's last entry against (docs/adr/0092).
     */
    byte[] lastLeaf() {
        return lastLeaf;
    }

    /** Builds the edge of a tree of {@code size} leaves from a node source. */
    static Frontier load(long size, MerkleTree.Nodes source) {
        List<Node> nodes = new ArrayList<>();
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            long width = 1L << level;
            if ((size & width) != 0) {
                nodes.add(new Node(level, source.completeSubtree(start, width)));
                start += width;
            }
        }
        Node last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
        return new Frontier(size, Collections.unmodifiableList(nodes), last != null && last.level() == 0 ? last.hash() : null);
    }

    Appended append(byte[] leafHash, AuditEntry entry) {
        List<Node> next = new ArrayList<>(nodes);
        List<Completed> completed = new ArrayList<>(2);
        byte[] h = leafHash;
        int level = 0;
        while (!next.isEmpty() && next.get(next.size() - 1).level() == level) {
            h = MerkleTree.nodeHash(next.remove(next.size() - 1).hash(), h);
            level++;
            completed.add(new Completed(size, level, h));
        }
        next.add(new Node(level, h));
        return new Appended(new Frontier(size + 1, Collections.unmodifiableList(next), leafHash), completed, entry);
    }

    /** The root hash of the tree (RFC 9162 MTH), SHA-256("") when empty. */
    byte[] root() {
        if (nodes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] r = nodes.get(nodes.size() - 1).hash();
        for (int i = nodes.size() - 2; i >= 0; i--) {
            r = MerkleTree.nodeHash(nodes.get(i).hash(), r);
        }
        return r;
    }
}
