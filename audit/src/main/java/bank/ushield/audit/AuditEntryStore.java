package bank.ushield.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** The SQL on audit_entry (reads): row mapping, single entries, search pages, day counts, the verify scan. */
final class AuditEntryStore {

    static final String COLUMNS = "seq, at, workstation, actor, role, case_id, customer_ref, event_type, outcome, "
            + "details, leaf_hash";
    static final String SELECT = "SELECT " + COLUMNS + " FROM audit_entry";
    private static final String SIZE = "SELECT coalesce(max(seq) + 1, 0) FROM audit_entry";

    private AuditEntryStore() {
    }

    static AuditEntry map(ResultSet rs) throws SQLException {
        long caseId = rs.getLong(6);
        Long caseOrNull = rs.wasNull() ? null : caseId;
        return new AuditEntry(rs.getLong(1), AuditEntry.storedTime(rs.getLong(1), rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), caseOrNull, rs.getString(7), AuditEventType.valueOf(rs.getString(8)),
                AuditOutcome.valueOf(rs.getString(9)), rs.getString(10), rs.getBytes(11));
    }

    /** The stored leaf hash of one entry, or null when there is no such entry. */
    static byte[] storedLeafHash(Handle h, long seq) {
        return h.createQuery("SELECT leaf_hash FROM audit_entry WHERE seq = :seq").bind("seq", seq)
                .mapTo(byte[].class).findOne().orElse(null);
    }

    /** The stored interior node over the 2^level entries ending at lastSeq, or null. */
    static byte[] storedNode(Handle h, long lastSeq, int level) {
        return h.createQuery("SELECT hash FROM audit_node WHERE last_seq = :s AND level = :l").bind("s", lastSeq)
                .bind("l", level).mapTo(byte[].class).findOne().orElse(null);
    }

    /**
     * The leaf data of the stored row {@code rowSeq} as if it stood at {@code asSeq} (raw column bytes), or null when
     * there is no such row: tells an entry moved up by an insertion from one that was edited.
     */
    static byte[] leafDataAs(Handle h, long rowSeq, long asSeq) {
        try (PreparedStatement st = h.getConnection().prepareStatement(SELECT + " WHERE seq = ?")) {
            st.setLong(1, rowSeq);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                byte[][] f = new byte[9][];
                for (int i = 0; i < 9; i++) {
                    byte[] b = rs.getBytes(i + 2);
                    f[i] = b == null ? new byte[0] : b;
                }
                return AuditEntry.leafData(asSeq, f);
            }
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /** The number of entries committed (the next sequence number). */
    static long size(Handle h) {
        return h.createQuery(SIZE).mapTo(Long.class).one();
    }

    /** The entries below {@code size} counted by walking the table alone (benchmarks: SQLite's floor for a scan). */
    static long scanCount(Handle h, long size) {
        return h.createQuery("SELECT count(*) FROM audit_entry NOT INDEXED WHERE seq >= 0 AND seq < :size")
                .bind("size", size).mapTo(Long.class).one();
    }

    /** One entry by its sequence number. */
    static Optional<AuditEntry> entry(Handle h, long seq) {
        try (PreparedStatement st = h.getConnection().prepareStatement(SELECT + " WHERE seq = ?")) {
            st.setLong(1, seq);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /** A page of a search: up to {@code limit} entries, and whether more follow. */
    record Page(List<AuditEntry> entries, boolean more) {
    }

    /** One page of entries matching the query, served by the indexes of V10__audit.sql and V11. */
    static Page page(Handle h, AuditQuery q) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(AuditEntry.formatTime(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(AuditEntry.formatTime(q.to()));
        }
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.caseId() != null) {
            sql.append(" AND case_id = ?");
            args.add(q.caseId());
        }
        if (q.customerRef() != null) {
            sql.append(" AND customer_ref = ?");
            args.add(q.customerRef());
        }
        if (!q.types().isEmpty()) {
            sql.append(" AND event_type IN (").append("?, ".repeat(q.types().size() - 1)).append("?)");
            q.types().stream().map(Enum::name).sorted().forEach(args::add);
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(q.outcome().name());
            if (q.outcome() != AuditOutcome.OK) {
                // Lets SQLite use the partial index audit_entry_outcome (V11), which holds only non-OK entries.
                sql.append(" AND outcome <> 'OK'");
            }
        }
        if (q.after() != null) {
            sql.append(q.newestFirst() ? " AND (at, seq) < (?, ?)" : " AND (at, seq) > (?, ?)");
            args.add(q.after().at());
            args.add(q.after().seq());
        }
        String dir = q.newestFirst() ? " DESC" : "";
        sql.append(" ORDER BY at").append(dir).append(", seq").append(dir).append(" LIMIT ?");
        args.add(q.limit() + 1);
        try (PreparedStatement st = h.getConnection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            List<AuditEntry> out = new ArrayList<>(q.limit());
            boolean more = false;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    out.add(map(rs));
                }
            }
            return new Page(out, more);
        } catch (SQLException e) {
            throw AuditLog.storageFailure(e);
        }
    }

    /** Counts and bounds of the entries written in [from, to) (stored time texts); first and last null when none. */
    record DayCounts(long entries, long failures, Long firstSeq, Long lastSeq) {
    }

    static DayCounts dayCounts(Handle h, String from, String to) {
        return dayCounts(h, from, to, Long.MAX_VALUE);
    }

    /** As {@link #dayCounts(Handle, String, String)}, counting only entries before {@code below}. */
    static DayCounts dayCounts(Handle h, String from, String to, long below) {
        return h.createQuery("SELECT count(*) AS n, "
                        + "sum(CASE WHEN outcome IN ('FAILED', 'REFUSED') THEN 1 ELSE 0 END) AS failures, "
                        + "min(seq) AS first, max(seq) AS last FROM audit_entry "
                        + "WHERE at >= :from AND at < :to AND seq < :below")
                .bind("from", from).bind("to", to).bind("below", below)
                .map((rs, ctx) -> {
                    long n = rs.getLong("n");
                    return new DayCounts(n, rs.getLong("failures"), n == 0 ? null : rs.getLong("first"),
                            n == 0 ? null : rs.getLong("last"));
                }).one();
    }

    /** The sequence number of the newest sign-off of the given day (ISO date), if any. */
    static Optional<Long> lastSignOffSeq(Handle h, String day) {
        return h.createQuery("SELECT seq FROM audit_entry "
                        + "WHERE event_type = 'DAILY_REVIEW_SIGNED_OFF' AND json_extract(details, '$.day') = :day "
                        + "ORDER BY seq DESC LIMIT 1")
                .bind("day", day).mapTo(Long.class).findOne();
    }

    /** Where a stored tree covers entries that are no longer there: the end of the tree table (max last_seq + 1). */
    static long nodesEnd(Handle h) {
        return h.createQuery("SELECT coalesce(max(last_seq) + 1, 0) FROM audit_node").mapTo(Long.class).one();
    }

    /**
     * Entries [lo, hi) in sequence order, with the stored interior nodes of the same range in (last_seq, level)
     * order beside them: the two cursors verify walks together. Leaf data is read as raw column bytes.
     */
    static final class Scan implements AutoCloseable {
        /** Rows per fetch on PostgreSQL (0: the whole range at once, as before ADR 0100; benchmarks). */
        static volatile int ROW_FETCH = 4096;
        private static final byte[] EMPTY = new byte[0];
        private final PreparedStatement entries;
        private final PreparedStatement nodes;
        private final ResultSet rs;
        private final ResultSet nrs;
        private final Handle handle;
        private final boolean began;

        Scan(Handle h, long lo, long hi) {
            handle = h;
            // On PostgreSQL the driver fetches a result whole unless a transaction holds a cursor: a few thousand
            // rows at a time instead of a range of half a million in memory.
            boolean postgres = bank.ushield.db.Engine.of(h) == bank.ushield.db.Engine.POSTGRESQL;
            began = postgres && !h.isInTransaction();
            if (began) {
                h.begin();
            }
            try {
                entries = h.getConnection().prepareStatement(SELECT + " WHERE seq >= ? AND seq < ? ORDER BY seq");
                nodes = h.getConnection().prepareStatement("SELECT last_seq, level, hash FROM audit_node "
                        + "WHERE last_seq >= ? AND last_seq < ? ORDER BY last_seq, level");
                if (postgres) {
                    entries.setFetchSize(ROW_FETCH);
                    nodes.setFetchSize(ROW_FETCH);
                }
                entries.setLong(1, lo);
                entries.setLong(2, hi);
                nodes.setLong(1, lo);
                nodes.setLong(2, hi);
                rs = entries.executeQuery();
                nrs = nodes.executeQuery();
            } catch (SQLException e) {
                if (began) {
                    h.rollback();
                }
                throw AuditLog.storageFailure(e);
            }
        }

        boolean nextEntry() {
            try {
                return rs.next();
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        long seq() {
            try {
                return rs.getLong(1);
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        /** Columns at..details of the current entry as read by {@link #leafData()} (null stays null). */
        private final byte[][] raw = new byte[9][];

        /** The leaf bytes of the current entry, read as raw column bytes (no re-encoding). */
        byte[] leafData() {
            try {
                for (int i = 0; i < 9; i++) {
                    raw[i] = rs.getBytes(i + 2);
                }
                return AuditEntry.leafData(rs.getLong(1), nz(raw[0]), nz(raw[1]), nz(raw[2]), nz(raw[3]),
                        nz(raw[4]), nz(raw[5]), nz(raw[6]), nz(raw[7]), nz(raw[8]));
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        /** A column of the entry last read by {@link #leafData()}: 2 = at ... 10 = details, as in {@link #COLUMNS}. */
        byte[] column(int column) {
            return raw[column - 2];
        }

        private static byte[] nz(byte[] b) {
            return b == null ? EMPTY : b;
        }

        byte[] storedLeafHash() {
            try {
                return rs.getBytes(11);
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        /** True when the next stored node is at (lastSeq, level) with exactly this hash. */
        boolean nextNodeIs(long lastSeq, int level, byte[] hash) {
            try {
                return nrs.next() && nrs.getLong(1) == lastSeq && nrs.getInt(2) == level
                        && java.util.Arrays.equals(nrs.getBytes(3), hash);
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        @Override
        public void close() {
            try (entries; nodes; rs; nrs) {
                // closes all four
            } catch (SQLException ignored) {
                // closing read statements cannot lose data
            } finally {
                if (began) {
                    // A read-only transaction: nothing to keep.
                    handle.rollback();
                }
            }
        }
    }

    /**
     * Verify's fast read: entries and stored nodes of a sequence range as one byte string each, built by SQLite, so
     * Java makes one call per few thousand rows instead of eleven per row. Per entry: a header of eleven characters
     * made by SQLite's char(), whose code points are the numbers (1 when case_id is NULL + 2 when customer_ref is,
     * then the byte length of at ... details and of leaf_hash as SQLite's octet_length counts them), followed by the
     * raw bytes of those values; per node three code points (last_seq less the block's first sequence number, level,
     * the hash's byte length) and the hash. The bytes are those {@link Scan}
     * reads column by column; a reader that finds anything unexpected falls back to {@link Scan}.
     */
    static final class Blocks implements AutoCloseable {
        private static final String FIELDS = "at, workstation, actor, role, case_id, customer_ref, event_type, outcome, "
                + "details, leaf_hash";
        private final PreparedStatement entries;
        private final PreparedStatement nodes;

        Blocks(Handle h) {
            // Numbers as code points: about a third cheaper for SQLite than decimal text (one call, no conversion).
            StringBuilder header = new StringBuilder("char((case_id IS NULL) + 2 * (customer_ref IS NULL)");
            for (String f : FIELDS.split(", ")) {
                header.append(", coalesce(octet_length(").append(f).append("), 0)");
            }
            try {
                entries = h.getConnection().prepareStatement("SELECT group_concat(concat(" + header + "), "
                        + FIELDS + "), '') FROM audit_entry WHERE seq >= ? AND seq < ?");
                // As code points too: last_seq less the block's start (under 4,096), level, the hash's byte length.
                nodes = h.getConnection().prepareStatement("SELECT group_concat(concat(char(last_seq - ?1, level, "
                        + "coalesce(octet_length(hash), 0)), hash), '') FROM audit_node "
                        + "WHERE last_seq >= ?1 AND last_seq < ?2");
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        /** Entries with from <= seq < to, in the table's (sequence) order; null when there are none. */
        byte[] entries(long from, long to) {
            return block(entries, from, to);
        }

        /** Stored interior nodes with from <= last_seq < to, in key order; null when there are none. */
        byte[] nodes(long from, long to) {
            return block(nodes, from, to);
        }

        private static byte[] block(PreparedStatement st, long from, long to) {
            try {
                st.setLong(1, from);
                st.setLong(2, to);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        @Override
        public void close() {
            try (entries; nodes) {
                // closes both
            } catch (SQLException ignored) {
                // closing read statements cannot lose data
            }
        }
    }

    /**
     * Verify's fast read on PostgreSQL: entries and stored nodes of a sequence range as the server's binary COPY
     * stream (one round trip per block, no per-row driver work, bytea as raw bytes). Per tuple: a 16-bit field
     * count, then per field a 32-bit length (-1 for NULL) and the value: seq as 8 bytes, the nine leaf fields as
     * their UTF-8 text (case_id as its decimal text, as the row reader gets it), leaf_hash; for nodes last_seq (8
     * bytes), level (4 bytes), hash. A reader that finds anything unexpected falls back to {@link Scan}.
     */
    static final class CopyBlocks {
        private static final String ENTRIES = "COPY (SELECT seq, at, workstation, actor, role, case_id::text, "
                + "customer_ref, event_type, outcome, details, leaf_hash FROM audit_entry "
                + "WHERE seq >= %d AND seq < %d ORDER BY seq) TO STDOUT (FORMAT binary)";
        private static final String NODES = "COPY (SELECT last_seq, level, hash FROM audit_node "
                + "WHERE last_seq >= %d AND last_seq < %d ORDER BY last_seq, level) TO STDOUT (FORMAT binary)";
        private final org.postgresql.copy.CopyManager copy;
        private final Buffer entries = new Buffer();
        private final Buffer nodes = new Buffer();

        CopyBlocks(Handle h) {
            try {
                copy = h.getConnection().unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            } catch (SQLException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        /** The COPY stream of entries with from <= seq < to (header, tuples, trailer); valid until the next call. */
        Buffer entries(long from, long to) {
            return read(ENTRIES, entries, from, to);
        }

        /** The COPY stream of stored nodes with from <= last_seq < to; valid until the next call. */
        Buffer nodes(long from, long to) {
            return read(NODES, nodes, from, to);
        }

        private Buffer read(String sql, Buffer into, long from, long to) {
            into.reset();
            try {
                copy.copyOut(String.format(java.util.Locale.ROOT, sql, from, to), into);
                return into;
            } catch (SQLException | java.io.IOException e) {
                throw AuditLog.storageFailure(e);
            }
        }

        /** A reused byte buffer whose bytes are read in place. */
        static final class Buffer extends java.io.ByteArrayOutputStream {
            Buffer() {
                super(1 << 20);
            }

            byte[] bytes() {
                return buf;
            }

            int length() {
                return count;
            }
        }
    }
}
