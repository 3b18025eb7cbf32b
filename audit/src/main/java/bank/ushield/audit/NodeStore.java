package bank.ushield.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jdbi.v3.core.Handle;

/** Reads complete-subtree hashes of the stored tree: leaves from audit_entry, interior nodes from audit_node. */
final class NodeStore implements MerkleTree.Nodes, AutoCloseable {

    private final PreparedStatement leaf;
    private final PreparedStatement node;

    NodeStore(Connection connection) {
        try {
            this.leaf = connection.prepareStatement("SELECT leaf_hash FROM audit_entry WHERE seq = ?");
            this.node = connection.prepareStatement("SELECT hash FROM audit_node WHERE last_seq = ? AND level = ?");
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /** The node reads on the handle's connection. */
    NodeStore(Handle handle) {
        this(handle.getConnection());
    }

    @Override
    public byte[] completeSubtree(long start, long size) {
        try {
            if (size == 1) {
                leaf.setLong(1, start);
                return one(leaf, start, size);
            }
            node.setLong(1, start + size - 1);
            node.setInt(2, Long.numberOfTrailingZeros(size));
            return one(node, start, size);
        } catch (SQLException e) {
            throw new AuditException(AuditException.Code.STORAGE, "Cannot read the audit tree: " + e.getMessage(), e);
        }
    }

    private static byte[] one(PreparedStatement st, long start, long size) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new AuditException(AuditException.Code.STORAGE, "The audit tree has no hash for entries "
                        + start + " to " + (start + size - 1) + "; run 'audit verify' on this database");
            }
            return rs.getBytes(1);
        }
    }

    @Override
    public void close() {
        try {
            leaf.close();
            node.close();
        } catch (SQLException ignored) {
            // closing read statements cannot lose data
        }
    }
}
