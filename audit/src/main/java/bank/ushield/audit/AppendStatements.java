package bank.ushield.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The prepared statements of an append on one connection (kept open on the log's own connection). */
final class AppendStatements implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement nextSeq;
    private final PreparedStatement insertEntry;
    private final PreparedStatement insertNode;
    private final PreparedStatement lastCheckpoint;

    AppendStatements(Connection connection) throws SQLException {
        this.connection = connection;
        this.nextSeq = connection.prepareStatement("SELECT coalesce(max(seq) + 1, 0) FROM audit_entry");
        this.insertEntry = connection.prepareStatement("INSERT INTO audit_entry (seq, at, workstation, actor, role, "
                + "case_id, customer_ref, event_type, outcome, details, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertNode = connection.prepareStatement("INSERT INTO audit_node (last_seq, level, hash) VALUES (?, ?, ?)");
        this.lastCheckpoint = connection.prepareStatement("SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint");
    }

    Connection connection() {
        return connection;
    }

    long nextSeq() throws SQLException {
        try (ResultSet rs = nextSeq.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void insert(AuditEntry e) throws SQLException {
        insertEntry.setLong(1, e.seq());
        insertEntry.setString(2, e.atText());
        insertEntry.setString(3, e.workstation());
        insertEntry.setString(4, e.actor());
        insertEntry.setString(5, e.role());
        if (e.caseId() == null) {
            insertEntry.setNull(6, Types.INTEGER);
        } else {
            insertEntry.setLong(6, e.caseId());
        }
        insertEntry.setString(7, e.customerRef());
        insertEntry.setString(8, e.type().name());
        insertEntry.setString(9, e.outcome().name());
        insertEntry.setString(10, e.details());
        insertEntry.setBytes(11, e.leafHash());
        insertEntry.executeUpdate();
    }

    void insert(Frontier.Completed node) throws SQLException {
        insertNode.setLong(1, node.lastSeq());
        insertNode.setInt(2, node.level());
        insertNode.setBytes(3, node.hash());
        insertNode.executeUpdate();
    }

    long lastCheckpointSize() throws SQLException {
        try (ResultSet rs = lastCheckpoint.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void insert(SignedTreeHead sth, byte[] certificate) throws SQLException {
        try (PreparedStatement signer = connection.prepareStatement(
                "INSERT OR IGNORE INTO audit_signer (key_id, certificate, first_used) VALUES (?, ?, ?)");
             PreparedStatement cp = connection.prepareStatement("INSERT INTO audit_checkpoint "
                     + "(tree_size, root_hash, signed_at, note, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            signer.setString(1, sth.keyId());
            signer.setBytes(2, certificate);
            signer.setString(3, AuditEntry.formatTime(sth.signedAt()));
            signer.executeUpdate();
            cp.setLong(1, sth.head().size());
            cp.setBytes(2, sth.head().rootHash());
            cp.setString(3, AuditEntry.formatTime(sth.signedAt()));
            cp.setString(4, sth.note());
            cp.setString(5, sth.keyId());
            cp.setBytes(6, sth.signature());
            cp.executeUpdate();
        }
    }

    @Override
    public void close() {
        try {
            nextSeq.close();
            insertEntry.close();
            insertNode.close();
            lastCheckpoint.close();
        } catch (SQLException ignored) {
            // nothing to lose when closing statements
        }
    }
}
