package bank.ushield.db;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Jdbi's statements on SQLite, prepared once per pooled connection and used again (ADR 0094): SQLite parses and
 * plans a statement at every prepare, which cost more than running the short statements of a renewal step. A
 * statement is lent to one use at a time (a second use of the same SQL meanwhile gets one of its own) and comes
 * back reset (Jdbi closes its result set first, which resets it, so it holds no read snapshot) with its parameters
 * cleared. Statements returning generated keys or updatable results are not kept.
 */
final class SqliteStatementCache implements StatementBuilderFactory {

    /**
     * Distinct statements kept per connection; the least recently used one is closed beyond this. Above the number of
     * distinct statements a workstation runs (about 150 in a bench of whole cases): a cache smaller than a cyclic
     * workload misses every time.
     */
    private static final int PER_CONNECTION = 256;

    /** Per physical connection (shared by every Database of the JVM: a connection belongs to one pool). */
    private static final Map<SQLiteConnection, Kept> CONNECTIONS = Collections.synchronizedMap(new WeakHashMap<>());
    private final StatementBuilder builder = new Builder();

    @Override
    public StatementBuilder createStatementBuilder(Connection conn) {
        return builder;
    }

    /** The statements kept for one connection: idle ones by SQL, and the ones lent out. */
    private static final class Kept {
        private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(PER_CONNECTION * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() > PER_CONNECTION) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
        /** Lent statements and the SQL they were prepared with (Jdbi closes them naming its unparsed SQL). */
        private final Map<Statement, String> lent = new IdentityHashMap<>();

        synchronized PreparedStatement take(String sql) {
            PreparedStatement ps = idle.remove(sql);
            if (ps != null) {
                lent.put(ps, sql);
            }
            return ps;
        }

        synchronized void lend(String sql, PreparedStatement ps) {
            lent.put(ps, sql);
        }

        /** True when {@code stmt} was lent from here (and is now back or closed). */
        synchronized boolean giveBack(Statement stmt) {
            String sql = lent.remove(stmt);
            if (sql == null) {
                return false;
            }
            PreparedStatement ps = (PreparedStatement) stmt;
            try {
                if (!ps.isClosed()) {
                    ps.clearParameters();
                    PreparedStatement other = idle.putIfAbsent(sql, ps);
                    if (other != null) {
                        ps.close(); // two uses of one SQL at once: keep one
                    }
                }
            } catch (SQLException e) {
                idle.remove(sql, ps);
                closeQuietly(ps);
            }
            return true;
        }
    }

    /**
     * A statement for {@code sql} on a SQLite connection, kept from an earlier use when there is one; give it back with
     * {@link #giveBack(Connection, Statement)}, never close it. For JDBC code outside Jdbi (the audit append).
     */
    static PreparedStatement take(Connection conn, String sql) throws SQLException {
        SQLiteConnection physical = conn.unwrap(SQLiteConnection.class);
        Kept kept = CONNECTIONS.computeIfAbsent(physical, c -> new Kept());
        PreparedStatement ps = kept.take(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            kept.lend(sql, ps);
        }
        return ps;
    }

    /** Takes back a statement of {@link #take}: reset, parameters cleared, kept for the next use. */
    static void giveBack(Connection conn, Statement stmt) throws SQLException {
        Kept kept = CONNECTIONS.get(conn.unwrap(SQLiteConnection.class));
        if (kept == null || !kept.giveBack(stmt)) {
            stmt.close();
        }
    }

    private static void closeQuietly(Statement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // the connection is going anyway
        }
    }

    private final class Builder extends DefaultStatementBuilder {
        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()
                    || !conn.isWrapperFor(SQLiteConnection.class)) {
                return super.create(conn, sql, ctx);
            }
            // The physical connection outlives the pool's wrapper of one borrow: statements made on it are kept.
            return take(conn, sql);
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            if (stmt == null) {
                return;
            }
            Kept kept = conn.isWrapperFor(SQLiteConnection.class)
                    ? CONNECTIONS.get(conn.unwrap(SQLiteConnection.class)) : null;
            if (kept == null || !kept.giveBack(stmt)) {
                super.close(conn, sql, stmt);
            }
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return super.createCall(conn, sql, ctx);
        }
    }
}
