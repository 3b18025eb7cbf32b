package bank.ushield.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.function.Supplier;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.Engine;
import bank.ushield.db.KeptStatements;
import bank.ushield.db.WorkPhaseEvent;

/**
 * The SQL of an append on one connection: its prepared statements (kept open on the log's own connection, so each
 * append reuses them) and the log's own BEGIN IMMEDIATE transaction. Storage errors come out as AuditException.
 */
final class AuditAppendStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Connection connection;
    private final Engine engine;
    /** PostgreSQL only: the per-workstation lock every writer of this log takes first (docs/adr/0073). */
    private final PreparedStatement lockLog;
    private final PreparedStatement nextSeq;
    private final PreparedStatement insertEntry;
    private final PreparedStatement insertNode;
    private final PreparedStatement lastCheckpoint;
    /** The last signed head's size as read with {@link #nextSeq()} in this transaction (PostgreSQL), else -1. */
    private long lastCheckpointRead = -1;
    /** BEGIN (IMMEDIATE on SQLite) and COMMIT, prepared once: an append is short enough for parsing to show. */
    private PreparedStatement begin;
    private PreparedStatement commit;

    AuditAppendStore(Handle handle) {
        try {
            this.connection = handle.getConnection();
            this.engine = Engine.of(connection);
            // On PostgreSQL the lock and the reads after it go in one round trip: two statements, each with its own
            // READ COMMITTED snapshot, the second taken once the first holds the lock.
            this.lockLog = engine == Engine.POSTGRESQL ? connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtextextended('ushield.audit:' || ushield_workstation(), 0)); "
                            + "SELECT coalesce(max(seq) + 1, 0), "
                            + "(SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint) FROM audit_entry")
                    : null;
            // Kept per connection on SQLite (ADR 0094): an append inside a caller's transaction would otherwise
            // parse these four statements again every time.
            this.nextSeq = KeptStatements.prepare(connection, "SELECT coalesce(max(seq) + 1, 0) FROM audit_entry");
            this.insertEntry = KeptStatements.prepare(connection, "INSERT INTO audit_entry (seq, at, workstation, "
                    + "actor, role, case_id, customer_ref, event_type, outcome, details, leaf_hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.insertNode = KeptStatements.prepare(connection,
                    "INSERT INTO audit_node (last_seq, level, hash) VALUES (?, ?, ?)");
            this.lastCheckpoint = KeptStatements.prepare(connection,
                    "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint");
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /**
     * Runs {@code work} between BEGIN IMMEDIATE and COMMIT on this connection (caller holds the log's lock). Plain
     * SQL rather than JDBC auto-commit switching: sqlite-jdbc's commit() would open the next transaction at once,
     * costing a second BEGIN/COMMIT per append. On PostgreSQL the driver's transaction: {@link #nextSeq()} takes the
     * log's lock.
     */
    <T> T inImmediateTransaction(Supplier<T> work) {
        if (engine == Engine.POSTGRESQL) {
            return inServerTransaction(work);
        }
        try {
            if (begin == null) {
                // Only the log's own connection runs its own transactions; a caller's handle never needs these.
                begin = connection.prepareStatement(engine == Engine.POSTGRESQL ? "BEGIN" : "BEGIN IMMEDIATE");
                commit = connection.prepareStatement("COMMIT");
            }
            begin.execute();
            boolean committed = false;
            try {
                T result = work.get();
                try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.COMMIT)) {
                    commit.execute();
                }
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /**
     * PostgreSQL: the driver's own transaction, whose BEGIN travels with the first statement (no round trip of its
     * own); auto-commit is back on afterwards, so reads on this connection between appends hold no transaction.
     */
    private <T> T inServerTransaction(Supplier<T> work) {
        try {
            connection.setAutoCommit(false);
            boolean committed = false;
            try {
                T result = work.get();
                try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.COMMIT)) {
                    connection.commit();
                }
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    try {
                        connection.rollback();
                    } catch (SQLException alreadyGone) {
                        LOG.debug("Rollback after a failed audit append: {}", alreadyGone.getMessage());
                    }
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    private void rollbackQuietly() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException alreadyRolledBack) {
            LOG.debug("Rollback after a failed audit append: {}", alreadyRolledBack.getMessage());
        }
    }

    /** The stored tree's subtree hashes, read on this connection (sees this transaction's own rows). */
    NodeStore nodes() {
        return new NodeStore(connection);
    }

    /**
     * The next sequence number, read under the log's write lock: SQLite's (BEGIN IMMEDIATE, whole file) or, on
     * PostgreSQL, a transaction-scoped advisory lock per workstation taken here first, so the following read (a new
     * statement under READ COMMITTED) sees every append committed before it and the next writer waits until this
     * transaction ends. Other workstations' logs take other locks and append in parallel.
     */
    long nextSeq() {
        lastCheckpointRead = -1;
        if (lockLog != null) {
            try {
                lockLog.execute();
                if (!lockLog.getMoreResults()) {
                    throw new SQLException("The audit log's lock query returned no sequence number");
                }
                try (ResultSet rs = lockLog.getResultSet()) {
                    rs.next();
                    lastCheckpointRead = rs.getLong(2);
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }
        try (ResultSet rs = nextSeq.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    void insert(AuditEntry e) {
        try {
            insertEntry(e);
        } catch (SQLException x) {
            throw AuditLog.storageFailure(x);
        }
    }

    private void insertEntry(AuditEntry e) throws SQLException {
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

    void insert(Frontier.Completed node) {
        try {
            insertNode.setLong(1, node.lastSeq());
            insertNode.setInt(2, node.level());
            insertNode.setBytes(3, node.hash());
            insertNode.executeUpdate();
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    long lastCheckpointSize() {
        if (lastCheckpointRead >= 0) {
            return lastCheckpointRead;
        }
        try (ResultSet rs = lastCheckpoint.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /** Stores a signed tree head and (once) its signer's certificate. */
    void insert(SignedTreeHead sth, byte[] certificate) {
        // Once per key (V13 refuses a second insert of a key, so no OR IGNORE / OR REPLACE may touch the first).
        try (PreparedStatement signer = connection.prepareStatement("INSERT INTO audit_signer (key_id, certificate, "
                + "first_used) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM audit_signer WHERE key_id = ?)");
             PreparedStatement cp = connection.prepareStatement("INSERT INTO audit_checkpoint "
                     + "(tree_size, root_hash, signed_at, note, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            signer.setString(1, sth.keyId());
            signer.setBytes(2, certificate);
            signer.setString(3, AuditEntry.formatTime(sth.signedAt()));
            signer.setString(4, sth.keyId());
            signer.executeUpdate();
            cp.setLong(1, sth.head().size());
            cp.setBytes(2, sth.head().rootHash());
            cp.setString(3, AuditEntry.formatTime(sth.signedAt()));
            cp.setString(4, sth.note());
            cp.setString(5, sth.keyId());
            cp.setBytes(6, sth.signature());
            cp.executeUpdate();
            lastCheckpointRead = -1;
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    @Override
    public void close() {
        try {
            if (lockLog != null) {
                lockLog.close();
            }
            KeptStatements.release(connection, nextSeq);
            KeptStatements.release(connection, insertEntry);
            KeptStatements.release(connection, insertNode);
            KeptStatements.release(connection, lastCheckpoint);
            if (begin != null) {
                begin.close();
                commit.close();
            }
        } catch (SQLException ignored) {
            // nothing to lose when closing statements
        }
    }

    /** True when the handle's connection still answers (a branch database server may have dropped it). */
    static boolean stillConnected(org.jdbi.v3.core.Handle h) {
        try {
            return h.getConnection().isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
