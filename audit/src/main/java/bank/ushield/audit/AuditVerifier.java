package bank.ushield.audit;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Database;

/**
 * Recomputes every leaf hash and the tree from the stored entries, compares the stored tree nodes, and checks each
 * signed tree head (root and signature); reports OK or the first wrong entry. Read-only: it may run on a copy of a
 * workstation's database, and concurrently with appends (it checks the prefix that existed when it started).
 */
public final class AuditVerifier {

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
        return jdbi.withHandle(h -> {
            try {
                return new Run(h.getConnection(), trusted).run();
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        });
    }

    /** One verification pass over one connection. */
    private static final class Run {
        private final Connection c;
        private final Map<String, X509Certificate> signers = new HashMap<>();
        private final boolean explicitTrust;
        private int checkpointsChecked;
        private long lastGoodCheckpoint;

        Run(Connection c, Collection<X509Certificate> trusted) {
            this.c = c;
            this.explicitTrust = !trusted.isEmpty();
            for (X509Certificate cert : trusted) {
                signers.put(WorkstationKeys.keyId(cert.getPublicKey()), cert);
            }
        }

        VerifyReport run() throws SQLException {
            if (!explicitTrust) {
                loadStoredSigners();
            }
            // Checkpoints first, then the size: every checkpoint read is then within the prefix we check.
            TreeMap<Long, SignedTreeHead> checkpoints = loadCheckpoints();
            long size = scalar("SELECT coalesce(max(seq) + 1, 0) FROM audit_entry");

            Frontier edge = Frontier.EMPTY;
            VerifyReport.Problem problem = checkpointAt(checkpoints.get(0L), edge);
            long count = 0;
            try (PreparedStatement entries = c.prepareStatement(EntryRows.SELECT + " WHERE seq < ? ORDER BY seq");
                 PreparedStatement nodes = c.prepareStatement(
                         "SELECT last_seq, level, hash FROM audit_node WHERE last_seq < ? ORDER BY last_seq, level")) {
                entries.setLong(1, size);
                nodes.setLong(1, size);
                entries.setFetchSize(1000);
                try (ResultSet rs = entries.executeQuery(); ResultSet nrs = nodes.executeQuery()) {
                    while (problem == null && rs.next()) {
                        long seq = rs.getLong(1);
                        if (seq != count) {
                            problem = new VerifyReport.Problem(VerifyReport.Kind.SEQUENCE_GAP, count, "Entry " + count
                                    + " is missing: the next stored entry is " + seq + ". Rows were deleted.");
                            break;
                        }
                        byte[] leaf = MerkleTree.leafHash(leafData(rs));
                        if (!Arrays.equals(leaf, rs.getBytes(11))) {
                            problem = new VerifyReport.Problem(VerifyReport.Kind.LEAF_MISMATCH, seq, "Entry " + seq
                                    + " was changed after it was recorded: its contents no longer match its hash.");
                            break;
                        }
                        Frontier.Appended appended = edge.append(leaf, null);
                        edge = appended.frontier();
                        count++;
                        problem = compareNodes(appended.completed(), nrs);
                        if (problem == null) {
                            problem = checkpointAt(checkpoints.get(count), edge);
                        }
                    }
                }
            }
            if (problem == null) {
                problem = truncation(count, checkpoints);
            }
            TreeHead head = new TreeHead(count, edge.root());
            return new VerifyReport(count, head, checkpointsChecked, problem);
        }

        private VerifyReport.Problem compareNodes(List<Frontier.Completed> completed, ResultSet nrs) throws SQLException {
            for (Frontier.Completed node : completed) {
                long first = node.lastSeq() - (1L << node.level()) + 1;
                boolean present = nrs.next();
                if (!present || nrs.getLong(1) != node.lastSeq() || nrs.getInt(2) != node.level()
                        || !Arrays.equals(nrs.getBytes(3), node.hash())) {
                    return new VerifyReport.Problem(VerifyReport.Kind.NODE_MISMATCH, first,
                            "The stored tree hash over entries " + first + " to " + node.lastSeq()
                                    + " does not match them: those entries or the tree table were altered.");
                }
            }
            return null;
        }

        private VerifyReport.Problem checkpointAt(SignedTreeHead sth, Frontier edge) {
            if (sth == null) {
                return null;
            }
            long size = sth.head().size();
            if (!Arrays.equals(sth.head().rootHash(), edge.root())) {
                return new VerifyReport.Problem(VerifyReport.Kind.ROOT_MISMATCH, lastGoodCheckpoint,
                        "The signed tree head over " + size + " entries does not match the log: an entry from "
                                + lastGoodCheckpoint + " to " + (size - 1) + " was rewritten together with its hash.");
            }
            X509Certificate signer = signers.get(sth.keyId());
            if (signer == null) {
                return new VerifyReport.Problem(VerifyReport.Kind.UNKNOWN_SIGNER, lastGoodCheckpoint,
                        "The signed tree head over " + size + " entries was signed by key " + sth.keyId()
                                + ", which is not a trusted workstation key.");
            }
            if (!sth.verify(signer.getPublicKey())) {
                return new VerifyReport.Problem(VerifyReport.Kind.BAD_SIGNATURE, lastGoodCheckpoint,
                        "The signature of the tree head over " + size + " entries is not valid.");
            }
            checkpointsChecked++;
            lastGoodCheckpoint = size;
            return null;
        }

        private VerifyReport.Problem truncation(long count, TreeMap<Long, SignedTreeHead> checkpoints) throws SQLException {
            Long signed = checkpoints.isEmpty() ? null : checkpoints.lastKey();
            if (signed != null && signed > count) {
                return new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, count, "The log has " + count
                        + " entries but a signed tree head covers " + signed + ": entries " + count + " to "
                        + (signed - 1) + " were removed.");
            }
            // Tree nodes for entries beyond the end, while no entry beyond the end exists: rows removed from the tail.
            long nowSize = scalar("SELECT coalesce(max(seq) + 1, 0) FROM audit_entry");
            long nodesEnd = scalar("SELECT coalesce(max(last_seq) + 1, 0) FROM audit_node");
            if (nowSize == count && nodesEnd > count) {
                return new VerifyReport.Problem(VerifyReport.Kind.TRUNCATED, count, "The log has " + count
                        + " entries but its tree covers at least " + nodesEnd + ": entries from " + count
                        + " on were removed.");
            }
            return null;
        }

        private void loadStoredSigners() throws SQLException {
            try (PreparedStatement st = c.prepareStatement("SELECT key_id, certificate FROM audit_signer");
                 ResultSet rs = st.executeQuery()) {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                while (rs.next()) {
                    X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(rs.getBytes(2)));
                    // Index by the key actually in the certificate, not by the stored id.
                    signers.put(WorkstationKeys.keyId(cert.getPublicKey()), cert);
                }
            } catch (CertificateException e) {
                throw new AuditException(AuditException.Code.KEYSTORE, "A stored signer certificate is damaged", e);
            }
        }

        private TreeMap<Long, SignedTreeHead> loadCheckpoints() throws SQLException {
            TreeMap<Long, SignedTreeHead> out = new TreeMap<>();
            try (PreparedStatement st = c.prepareStatement(AuditLog.CHECKPOINT_SELECT); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    SignedTreeHead sth = AuditLog.checkpointRow(rs);
                    out.put(sth.head().size(), sth);
                }
            }
            return out;
        }

        private long scalar(String sql) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The leaf bytes of a row of {@link EntryRows#SELECT}, read as raw column bytes (no re-encoding). */
    static byte[] leafData(ResultSet rs) throws SQLException {
        return AuditEntry.leafData(rs.getLong(1), bytes(rs, 2), bytes(rs, 3), bytes(rs, 4), bytes(rs, 5),
                bytes(rs, 6), bytes(rs, 7), bytes(rs, 8), bytes(rs, 9), bytes(rs, 10));
    }

    private static final byte[] EMPTY = new byte[0];

    private static byte[] bytes(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        return b == null ? EMPTY : b;
    }
}
