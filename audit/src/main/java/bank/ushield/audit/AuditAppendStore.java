package bank.ushield.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.function.Supplier;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.Engine;
import bank.ushield.db.KeptStatements;
import bank.ushield.db.WorkPhaseEvent;

/**
 * The SQL of an append on one connection: its prepared statements (kept open on the log's own connection, so each
 * append reuses them; prepared on first use, so an append in a caller's transaction prepares only what it runs) and
 * the log's own BEGIN IMMEDIATE transaction. Storage errors come out as AuditException.
 */
final class AuditAppendStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private static final String ENTRY_COLUMNS = "audit_entry (seq, at, workstation, actor, role, case_id, customer_ref, "
            + "event_type, outcome, details, leaf_hash)";
    /** PostgreSQL: the per-workstation lock every writer of this log takes first (docs/adr/0073). */
    private static final String LOCK_LOG =
            "SELECT pg_advisory_xact_lock(hashtextextended('ushield.audit:' || ushield_workstation(), 0))";
    /**
     * The entry, written only when the log's last entry is the one the caller's tree edge ends with (sequence and
     * leaf hash): a stale edge writes nothing (docs/adr/0092).
     */
    private static final String INSERT_AFTER_SQLITE = "INSERT INTO " + ENTRY_COLUMNS
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT seq = ? AND leaf_hash = ? FROM audit_entry "
            + "ORDER BY seq DESC LIMIT 1)";
    /**
     * PostgreSQL: the lock, then the checked entry and the nodes it completes (levels 1 to k, all ending at its
     * sequence, hashes concatenated) in one statement, sent together: one round trip. In auto-commit the two run in
     * one implicit transaction that commits when the server has run both; the second statement's snapshot is taken
     * once the first holds the lock, so it sees every append committed before. The node levels come from a series of
     * constant length (62, the deepest level) so the server keeps one generic plan: with the count as the series'
     * end it re-planned the statement at every append (its row estimate depends on the value).
     */
    private static final String INSERT_AFTER_POSTGRESQL = LOCK_LOG + "; "
            + "WITH tip AS (SELECT seq, leaf_hash FROM audit_entry ORDER BY seq DESC LIMIT 1), "
            + "e AS (INSERT INTO " + ENTRY_COLUMNS + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM tip "
            + "WHERE tip.seq = ? AND tip.leaf_hash = ? RETURNING seq), "
            + "n AS (INSERT INTO audit_node (last_seq, level, hash) SELECT e.seq, g, substring(?::bytea FROM g * 32 - 31 FOR 32) "
            + "FROM e, generate_series(1, 62) AS g WHERE g <= ? RETURNING 1) "
            + "SELECT (SELECT count(*) FROM e), (SELECT count(*) FROM n)";

    private final Connection connection;
    private final Engine engine;
    /** SQLite: the driver's generated-keys query after every INSERT, switched off while this store is open. */
    private final org.sqlite.SQLiteConnectionConfig sqliteConfig;
    private final boolean generatedKeysBefore;
    private PreparedStatement lockLog;
    private PreparedStatement nextSeq;
    private PreparedStatement insertEntry;
    private PreparedStatement insertAfter;
    private PreparedStatement insertNode;
    private PreparedStatement lastCheckpoint;
    /** The last signed head's size as read with {@link #nextSeq()} in this transaction (PostgreSQL), else -1. */
    private long lastCheckpointRead = -1;
    /** BEGIN IMMEDIATE and COMMIT, prepared once: an append is short enough for parsing to show. */
    private PreparedStatement begin;
    private PreparedStatement commit;

    AuditAppendStore(Handle handle) {
        try {
            this.connection = handle.getConnection();
            this.engine = Engine.of(connection);
            if (engine == Engine.SQLITE) {
                // sqlite-jdbc runs "SELECT last_insert_rowid()" (parsed anew each time) after every INSERT unless
                // told not to; the log never asks for generated keys, so its inserts skip that query. Restored in
                // close(): the connection goes back to a pool whose other users may want the keys.
                sqliteConfig = connection.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig();
                generatedKeysBefore = sqliteConfig.isGetGeneratedKeys();
                sqliteConfig.setGetGeneratedKeys(false);
            } else {
                sqliteConfig = null;
                generatedKeysBefore = false;
            }
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /**
     * A statement of this store, prepared on first use and handed back at {@link #close()}; on SQLite kept per
     * connection beyond this store (ADR 0094), so an append in a caller's transaction parses none of them again.
     */
    private PreparedStatement prepared(PreparedStatement current, String sql) throws SQLException {
        return current != null ? current : KeptStatements.prepare(connection, sql);
    }

    /**
     * True when an append that completes {@code nodes} tree nodes can be one statement in auto-commit: on PostgreSQL
     * always (the lock, entry and nodes travel together), on SQLite when it writes the entry row alone.
     */
    boolean appendsAlone(int nodes) {
        return engine == Engine.POSTGRESQL || nodes == 0;
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
                begin = connection.prepareStatement("BEGIN IMMEDIATE");
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
        if (engine == Engine.POSTGRESQL) {
            try {
                // The lock and the reads after it in one round trip: two statements, each with its own READ
                // COMMITTED snapshot, the second taken once the first holds the lock.
                lockLog = prepared(lockLog, LOCK_LOG + "; SELECT coalesce(max(seq) + 1, 0), "
                        + "(SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint) FROM audit_entry");
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
        try {
            nextSeq = prepared(nextSeq, "SELECT coalesce(max(seq) + 1, 0) FROM audit_entry");
            try (ResultSet rs = nextSeq.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
        insertEntry = prepared(insertEntry, "INSERT INTO " + ENTRY_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        bindEntry(insertEntry, e);
        insertEntry.executeUpdate();
    }

    /**
     * Writes {@code e} and the nodes its append completed, only if the log's last entry is still {@code e.seq() - 1}
     * with leaf hash {@code previousLeaf}; false, with nothing written, when it is not (another connection or process
     * appended, or the log is not what this edge was built from). Without an open transaction the statement is its
     * own: on SQLite only for an entry that completes no node ({@link #appendsAlone(int)}).
     */
    boolean insertAfter(AuditEntry e, byte[] previousLeaf, List<Frontier.Completed> nodes) {
        try {
            if (engine == Engine.POSTGRESQL) {
                return insertAfterOnServer(e, previousLeaf, nodes);
            }
            insertAfter = prepared(insertAfter, INSERT_AFTER_SQLITE);
            bindEntry(insertAfter, e);
            insertAfter.setLong(12, e.seq() - 1);
            insertAfter.setBytes(13, previousLeaf);
            if (insertAfter.executeUpdate() != 1) {
                return false;
            }
            for (Frontier.Completed node : nodes) {
                insert(node);
            }
            return true;
        } catch (SQLException x) {
            throw AuditLog.storageFailure(x);
        }
    }

    private boolean insertAfterOnServer(AuditEntry e, byte[] previousLeaf, List<Frontier.Completed> nodes)
            throws SQLException {
        byte[] hashes = new byte[nodes.size() * MerkleTree.HASH_SIZE];
        for (int i = 0; i < nodes.size(); i++) {
            Frontier.Completed node = nodes.get(i);
            if (node.lastSeq() != e.seq() || node.level() != i + 1) {
                throw new IllegalStateException("The nodes of an append are levels 1 to k ending at its entry");
            }
            System.arraycopy(node.hash(), 0, hashes, i * MerkleTree.HASH_SIZE, MerkleTree.HASH_SIZE);
        }
        insertAfter = prepared(insertAfter, INSERT_AFTER_POSTGRESQL);
        bindEntry(insertAfter, e);
        insertAfter.setLong(12, e.seq() - 1);
        insertAfter.setBytes(13, previousLeaf);
        insertAfter.setBytes(14, hashes);
        insertAfter.setInt(15, nodes.size());
        insertAfter.execute();
        if (!insertAfter.getMoreResults()) {
            throw new SQLException("The audit append statement returned no counts");
        }
        try (ResultSet rs = insertAfter.getResultSet()) {
            rs.next();
            long entries = rs.getLong(1);
            if (entries == 1 && rs.getLong(2) != nodes.size()) {
                throw new SQLException("The audit append wrote " + rs.getLong(2) + " tree nodes, not " + nodes.size());
            }
            return entries == 1;
        }
    }

    private static void bindEntry(PreparedStatement insertEntry, AuditEntry e) throws SQLException {
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
    }

    void insert(Frontier.Completed node) {
        try {
            insertNode = prepared(insertNode, "INSERT INTO audit_node (last_seq, level, hash) VALUES (?, ?, ?)");
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
        try {
            lastCheckpoint = prepared(lastCheckpoint, "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoint");
            try (ResultSet rs = lastCheckpoint.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
        for (PreparedStatement st : new PreparedStatement[] {lockLog, nextSeq, insertEntry, insertAfter, insertNode,
                lastCheckpoint}) {
            try {
                KeptStatements.release(connection, st);
            } catch (SQLException ignored) {
                // nothing to lose when handing statements back
            }
        }
        for (PreparedStatement st : new PreparedStatement[] {begin, commit}) {
            try {
                if (st != null) {
                    st.close();
                }
            } catch (SQLException ignored) {
                // nothing to lose when closing statements
            }
        }
        if (sqliteConfig != null) {
            sqliteConfig.setGetGeneratedKeys(generatedKeysBefore);
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
