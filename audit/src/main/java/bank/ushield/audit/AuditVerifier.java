package bank.ushield.audit;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Database;

/**
 * Recomputes every leaf hash and the tree from the stored entries, compares the stored tree nodes, and checks each
 * signed tree head (root and signature); reports OK or the first wrong entry. Read-only: it may run on a copy of a
 * workstation's database, and concurrently with appends (it checks the prefix that existed when it started).
 * Large logs are checked in two halves on two connections and threads: [0, 2^k) and [2^k, n) with 2^k the largest
 * power of two not above n, whose trees combine exactly into the tree of n entries.
 */
public final class AuditVerifier {

    /** Below this many entries one thread is faster than two. */
    private static final long PARALLEL_FROM = 50_000;

    private AuditVerifier() {
    }

    /** Verifies the log, checking signatures against the signer certificates stored in the database. */
    public static VerifyReport verify(Database database) {
        return verify(database.jdbi(), List.of());
    }

    /**
     * Verifies the log. With {@code trusted} certificates, a signed tree head by any other key is a problem; without,
     * signatures are checked against the certificates stored in the file (detects edits, not a replaced key).
     */
    public static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted) {
        return verify(jdbi, trusted, PARALLEL_FROM);
    }

    /** As {@link #verify(Jdbi, Collection)}, splitting in two halves from {@code parallelFrom} entries (tests). */
    static VerifyReport verify(Jdbi jdbi, Collection<X509Certificate> trusted, long parallelFrom) {
        try (Handle h = jdbi.open()) {
            Map<String, X509Certificate> signers = new HashMap<>();
            for (X509Certificate cert : trusted) {
                signers.put(WorkstationKeys.keyId(cert.getPublicKey()), cert);
            }
            if (trusted.isEmpty()) {
                loadStoredSigners(h, signers);
            }
            // Checkpoints first, then the size: every checkpoint read is then within the prefix we check.
            TreeMap<Long, SignedTreeHead> checkpoints = loadCheckpoints(h);
            long size = AuditEntryStore.size(h);
            long split = size >= parallelFrom ? Long.highestOneBit(size) : size;

            Range left;
            Range right = null;
            if (split < size) {
                ExecutorService second = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "audit-verify");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    Future<Range> rightHalf = second.submit(() -> {
                        try (Handle h2 = jdbi.open()) {
                            return new Range(split, size, checkpoints).run(h2);
                        }
                    });
                    left = new Range(0, split, checkpoints).run(h);
                    right = rightHalf.get();
                } finally {
                    second.shutdownNow();
                }
            } else {
                left = new Range(0, size, checkpoints).run(h);
            }
            return combine(h, left, right, checkpoints, signers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException(AuditException.Code.STORAGE, "Verification was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AuditException(AuditException.Code.STORAGE, "Verification failed: " + e.getCause(), e.getCause());
        }
    }

    /** Walks the two halves' results in sequence order: the first problem in log order wins. */
    private static VerifyReport combine(Handle h, Range left, Range right, TreeMap<Long, SignedTreeHead> checkpoints,
                                        Map<String, X509Certificate> signers) {
        Checker checker = new Checker(signers);
        VerifyReport.Problem problem = checker.check(checkpoints.get(0L), MerkleTree.emptyRoot());
        long count = 0;
        byte[] root = MerkleTree.emptyRoot();
        for (Range r : right == null ? List.of(left) : List.of(left, right)) {
            if (problem != null) {
                break;
            }
            byte[] prefix = r == right ? left.root() : null;
            for (Map.Entry<Long, byte[]> at : r.rootsAtCheckpoints.entrySet()) {
                byte[] full = prefix == null ? at.getValue() : MerkleTree.nodeHash(prefix, at.getValue());
                problem = checker.check(checkpoints.get(at.getKey()), full);
                if (problem != null) {
                    break;
                }
            }
            if (problem == null) {
                problem = r.problem;
            }
            count = r.lo + r.count;
            root = prefix == null ? r.root() : MerkleTree.nodeHash(prefix, r.root());
        }
        if (problem == null) {
            problem = truncation(h, count, checkpoints);
        }
        return new VerifyReport(count, new TreeHead(count, root), checker.checked, problem);
    }

    /** Checks signed tree heads in order, remembering the last good one. */
    private static final class Checker {
        private final Map<String, X509Certificate> signers;
        private int checked;
        private long lastGood;

        Checker(Map<String, X509Certificate> signers) {
            this.signers = signers;
        }

        VerifyReport.Problem check(SignedTreeHead sth, byte[] root) {
            if (sth == null) {
                return null;
            }
            long size = sth.head().size();
            if (!Arrays.equals(sth.head().rootHash(), root)) {
                return new VerifyReport.Problem(VerifyReport.Kind.ROOT_MISMATCH, lastGood,
                        "The signed tree head over " + size + " entries does not match the log: an entry from "
                                + lastGood + " to " + (size - 1) + " was rewritten together with its hash.");
            }
            X509Certificate signer = signers.get(sth.keyId());
            if (signer == null) {
                return new VerifyReport.Problem(VerifyReport.Kind.UNKNOWN_SIGNER, lastGood,
                        "The signed tree head over " + size + " entries was signed by key " + sth.keyId()
                                + ", which is not a trusted workstation key.");
            }
            if (!sth.verify(signer.getPublicKey())) {
                return new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, lastGood,
                        "The signature of the tree head over " + size + " entries is not valid.");
            }
            checked++;
            lastGood = size;
            return null;
        }
    }

    /**
     * Leaves [lo, hi) checked on one connection: leaf hashes, sequence, stored interior nodes; the tree over the
     * range (lo is 0 or a power of two not below hi - lo, so its subtrees are those of the whole tree).
     */
    private static final class Range {
        private final long lo;
        private final long hi;
        private final NavigableMap<Long, SignedTreeHead> checkpoints;
        /** Root of the range's own tree at each checkpoint size inside (lo, hi], keyed by absolute size. */
        private final TreeMap<Long, byte[]> rootsAtCheckpoints = new TreeMap<>();
        private final MessageDigest md = MerkleTree.newSha256();
        private final byte[][] stack = new byte[64][];
        private final int[] levels = new int[64];
        private int top;
        private long count;
        private VerifyReport.Problem problem;

        Range(long lo, long hi, NavigableMap<Long, SignedTreeHead> checkpoints) {
            this.lo = lo;
            this.hi = hi;
            this.checkpoints = checkpoints.subMap(lo, false, hi, true);
        }

        Range run(Handle h) {
            try (AuditEntryStore.Scan scan = new AuditEntryStore.Scan(h, lo, hi)) {
                while (scan.nextEntry()) {
                    long seq = scan.seq();
                    long expected = lo + count;
                    if (seq != expected) {
                        problem = new VerifyReport.Problem(VerifyReport.Kind.SEQUENCE_GAP, expected, "Entry "
                                + expected + " is missing: the next stored entry is " + seq + ". Rows were deleted.");
                        return this;
                    }
                    md.update((byte) 0);
                    byte[] leaf = md.digest(scan.leafData());
                    if (!Arrays.equals(leaf, scan.storedLeafHash())) {
                        problem = new VerifyReport.Problem(VerifyReport.Kind.LEAF_MISMATCH, seq, "Entry " + seq
                                + " was changed after it was recorded: its contents no longer match its hash.");
                        return this;
                    }
                    count++;
                    if (!push(seq, leaf, scan)) {
                        return this;
                    }
                    if (checkpoints.containsKey(seq + 1)) {
                        rootsAtCheckpoints.put(seq + 1, root());
                    }
                }
            }
            return this;
        }

        /** Adds a leaf to the range's tree, comparing every interior node it completes with the stored one. */
        private boolean push(long seq, byte[] leaf, AuditEntryStore.Scan nodes) {
            byte[] h = leaf;
            int level = 0;
            while (top > 0 && levels[top - 1] == level) {
                md.update((byte) 1);
                md.update(stack[--top]);
                h = md.digest(h);
                level++;
                if (!nodes.nextNodeIs(seq, level, h)) {
                    long first = seq - (1L << level) + 1;
                    problem = new VerifyReport.Problem(VerifyReport.Kind.NODE_MISMATCH, first,
                            "The stored tree hash over entries " + first + " to " + seq
                                    + " does not match them: those entries or the tree table were altered.");
                    return false;
                }
            }
            stack[top] = h;
            levels[top++] = level;
            return true;
        }

        /** The root of the range's tree so far (RFC 9162 MTH over the range's leaves). */
        byte[] root() {
            if (top == 0) {
                return MerkleTree.emptyRoot();
            }
            byte[] r = stack[top - 1];
            for (int i = top - 2; i >= 0; i--) {
                r = MerkleTree.nodeHash(stack[i], r);
            }
            return r;
        }
    }

    private static VerifyReport.Problem truncation(Handle h, long count, TreeMap<Long, SignedTreeHead> checkpoints) {
        Long signed = checkpoints.isEmpty() ? null : checkpoints.lastKey();
        if (signed != null && signed > count) {
            return new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, count, "The log has " + count
                    + " entries but a signed tree head covers " + signed + ": entries " + count + " to "
                    + (signed - 1) + " were removed.");
        }
        // Tree nodes for entries beyond the end, while no entry beyond the end exists: rows removed from the tail.
        long nowSize = AuditEntryStore.size(h);
        long nodesEnd = AuditEntryStore.nodesEnd(h);
        if (nowSize == count && nodesEnd > count) {
            return new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, count, "The log has " + count
                    + " entries but its tree covers at least " + nodesEnd + ": entries from " + count + " on were removed.");
        }
        return null;
    }

    private static void loadStoredSigners(Handle h, Map<String, X509Certificate> signers) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : CheckpointStore.signerCertificates(h)) {
                X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
                // Index by the key actually in the certificate, not by the stored id.
                signers.put(WorkstationKeys.keyId(cert.getPublicKey()), cert);
            }
        } catch (CertificateException e) {
            throw new AuditException(AuditException.Code.KEYSTORE, "A stored signer certificate is damaged", e);
        }
    }

    private static TreeMap<Long, SignedTreeHead> loadCheckpoints(Handle h) {
        TreeMap<Long, SignedTreeHead> out = new TreeMap<>();
        for (SignedTreeHead sth : CheckpointStore.all(h)) {
            out.put(sth.head().size(), sth);
        }
        return out;
    }
}
