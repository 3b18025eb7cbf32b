package bank.ushield.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Prepared statements for JDBC code outside Jdbi that runs the same short statements on pooled connections (the
 * audit append inside a caller's transaction): on SQLite kept per connection and used again, as Jdbi's are (ADR
 * 0094); elsewhere prepared and closed as usual (PostgreSQL's driver keeps its server-side statements itself).
 */
public final class KeptStatements {

    private KeptStatements() {
    }

    /** A statement for {@code sql}; hand it back with {@link #release}, do not close it. */
    public static PreparedStatement prepare(Connection conn, String sql) throws SQLException {
        return conn.isWrapperFor(org.sqlite.SQLiteConnection.class) ? SqliteStatementCache.take(conn, sql)
                : conn.prepareStatement(sql);
    }

    /**
     * Hands back a statement of {@link #prepare}; any result set of it must be closed already (closing one resets
     * the statement, so it holds no read snapshot).
     */
    public static void release(Connection conn, PreparedStatement ps) throws SQLException {
        if (ps == null) {
            return;
        }
        if (conn.isWrapperFor(org.sqlite.SQLiteConnection.class)) {
            SqliteStatementCache.giveBack(conn, ps);
        } else {
            ps.close();
        }
    }

    /** Closes {@code rs} (null allowed): a helper for try-with-resources-free code paths. */
    static void closeQuietly(ResultSet rs) {
        try {
            if (rs != null) {
                rs.close();
            }
        } catch (SQLException ignored) {
            // already gone
        }
    }
}
