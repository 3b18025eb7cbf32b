package bank.ushield.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle hash tree of RFC 9162 section 2.1 with SHA-256: leaf hash = SHA-256(0x00 || data), node hash =
 * SHA-256(0x01 || left || right); inclusion and consistency proofs (generation over any {@link Nodes} source, and
 * verification exactly as in sections 2.1.3.2 and 2.1.4.2).
 */
public final class MerkleTree {

    /** Hash length in bytes. */
    public static final int HASH_SIZE = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleTree::newSha256);

    private MerkleTree() {
    }

    /** Gives the hash of a complete, aligned subtree: leaves [start, start + size), size a power of two. */
    @FunctionalInterface
    public interface Nodes {
        byte[] completeSubtree(long start, long size);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** SHA-256 of the empty string: the root of the empty tree. */
    public static byte[] emptyRoot() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest();
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x00);
        return md.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update((byte) 0x01);
        md.update(left);
        return md.digest(right);
    }

    /** The root of a tree over the given leaf hashes (recursive definition; for tests and small trees). */
    public static byte[] root(List<byte[]> leafHashes) {
        return leafHashes.isEmpty() ? emptyRoot() : hash(inMemory(leafHashes), 0, leafHashes.size());
    }

    /** A node source over leaf hashes held in memory. */
    public static Nodes inMemory(List<byte[]> leafHashes) {
        return (start, size) -> size == 1 ? leafHashes.get((int) start)
                : hashRange(leafHashes, (int) start, (int) (start + size));
    }

    private static byte[] hashRange(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = (int) largestPowerOfTwoBelow(to - from);
        return nodeHash(hashRange(leaves, from, from + k), hashRange(leaves, from + k, to));
    }

    /** MTH(D[start:start+size]) for any size >= 1, composed from complete subtrees. */
    static byte[] hash(Nodes nodes, long start, long size) {
        if (Long.bitCount(size) == 1) {
            return nodes.completeSubtree(start, size);
        }
        long k = largestPowerOfTwoBelow(size);
        return nodeHash(nodes.completeSubtree(start, k), hash(nodes, start + k, size - k));
    }

    /** The largest power of two strictly smaller than n (n >= 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** PATH(m, D[n]) of RFC 9162 2.1.3.1: the inclusion proof of leaf {@code index} in the tree of {@code size}. */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new AuditException(AuditException.Code.BAD_PROOF_REQUEST,
                    "Entry " + index + " is not in a tree of " + size + " entries");
        }
        List<byte[]> path = new ArrayList<>();
        path(nodes, index, 0, size, path);
        return path;
    }

    private static void path(Nodes nodes, long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(nodes, m, start, k, out);
            out.add(hash(nodes, start + k, n - k));
        } else {
            path(nodes, m - k, start + k, n - k, out);
            out.add(nodes.completeSubtree(start, k));
        }
    }

    /** PROOF(m, D[n]) of RFC 9162 2.1.4.1: the consistency proof between tree sizes {@code size1 <= size2}. */
    public static List<byte[]> consistencyProof(Nodes nodes, long size1, long size2) {
        if (size1 < 0 || size1 > size2) {
            throw new AuditException(AuditException.Code.BAD_PROOF_REQUEST,
                    "No consistency proof from " + size1 + " to " + size2 + " entries");
        }
        List<byte[]> out = new ArrayList<>();
        if (size1 == 0 || size1 == size2) {
            return out;
        }
        subproof(nodes, size1, 0, size2, true, out);
        return out;
    }

    private static void subproof(Nodes nodes, long m, long start, long n, boolean b, List<byte[]> out) {
        if (m == n) {
            if (!b) {
                out.add(hash(nodes, start, n));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(nodes, m, start, k, b, out);
            out.add(hash(nodes, start + k, n - k));
        } else {
            subproof(nodes, m - k, start + k, n - k, false, out);
            out.add(nodes.completeSubtree(start, k));
        }
    }

    /** RFC 9162 2.1.3.2: true when {@code proof} proves {@code leafHash} at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || !isHash(p)) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: true when {@code proof} shows the tree (size2, root2) extends the tree (size1, root1). */
    public static boolean verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return proof.isEmpty() && isHash(root1) && Arrays.equals(root1, root2);
        }
        if (size1 == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty() || !isHash(root1) || !isHash(root2)) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        if (!isHash(path.get(0))) {
            return false;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0 || !isHash(c)) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, root1) && Arrays.equals(sr, root2);
    }

    private static boolean isHash(byte[] h) {
        return h != null && h.length == HASH_SIZE;
    }
}
