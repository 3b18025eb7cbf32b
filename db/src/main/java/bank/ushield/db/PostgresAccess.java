package bank.ushield.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.postgresql.ds.PGSimpleDataSource;

/** Connecting to a branch's PostgreSQL database: driver settings, the first contact, and the rights check at start. */
final class PostgresAccess {

    /** SQLSTATE class 28: invalid authorisation (wrong password, user unknown, no pg_hba entry). */
    private static final String AUTHORISATION = "28";
    /** SQLSTATE class 08: connection exception (server down, wrong host or port, TLS refused). */
    private static final String CONNECTION = "08";

    private PostgresAccess() {
    }

    static PGSimpleDataSource dataSource(BranchDatabaseSettings settings) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.url());
        ds.setUser(settings.user());
        char[] password = settings.password();
        if (password != null) {
            ds.setPassword(new String(password));
            java.util.Arrays.fill(password, '\0');
        }
        for (Map.Entry<String, String> p : settings.driverProperties().entrySet()) {
            try {
                ds.setProperty(p.getKey(), p.getValue());
            } catch (SQLException e) {
                throw new DatabaseException("Unknown PostgreSQL driver setting " + p.getKey(), e);
            }
        }
        // The session's workstation selects its own audit log (docs/adr/0073); checked by BranchDatabaseSettings.
        ds.setOptions("-c ushield.workstation=" + settings.workstation());
        ds.setApplicationName("ushield-counter " + settings.workstation());
        // Text transfer only: the audit log hashes column values as the server sends them (see AuditEntryStore.Scan).
        ds.setBinaryTransfer(false);
        ds.setConnectTimeout(10);
        ds.setTcpKeepAlive(true);
        return ds;
    }

    /** One connection before anything else, so an unreachable server or a refused login is said in words. */
    static void checkReachable(PGSimpleDataSource ds, BranchDatabaseSettings settings) {
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String said = String.valueOf(e.getMessage());
            if (state.startsWith(AUTHORISATION) && said.contains("no encryption")) {
                throw new DatabaseUnreachableException("The branch database at " + settings.redactedUrl() + " accepts "
                        + "only TLS connections: add ?sslmode=verify-full&sslrootcert=<the bank CA's PEM file> to the "
                        + "address (" + said + ")", e, true);
            }
            if (causeSays(e, "SSL root certificate file")) {
                // Not the server: the driver cannot read the CA file (sslrootcert, or ~/.postgresql/root.crt without it).
                throw new DatabaseUnreachableException("The branch database at " + settings.redactedUrl() + " cannot "
                        + "be checked: the bank CA's certificate file for TLS is missing or unreadable; give it as "
                        + "&sslrootcert=<the bank CA's PEM file> in the address (" + said + ")", e);
            }
            if (tlsFailure(e)) {
                throw new DatabaseUnreachableException("The branch database at " + settings.redactedUrl() + " failed the "
                        + "TLS check: its certificate is not issued by the CA in sslrootcert, or does not name the "
                        + "address used; check the address and the CA file with IT (" + said + ")", e);
            }
            if (state.startsWith(AUTHORISATION)) {
                throw new DatabaseUnreachableException("The branch database refused the login of user " + settings.user() + " at "
                        + settings.redactedUrl() + ": check the user and its password (" + e.getMessage() + ")", e, true);
            }
            if (state.startsWith(CONNECTION) || e.getCause() instanceof java.io.IOException) {
                throw new DatabaseUnreachableException("The branch database at " + settings.redactedUrl()
                        + " cannot be reached: is the server running and the address right? (" + e.getMessage() + ")", e);
            }
            throw new DatabaseUnreachableException("Cannot open the branch database at " + settings.redactedUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean causeSays(Throwable error, String words) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(words)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tlsFailure(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException
                    || String.valueOf(t.getMessage()).contains("could not be verified by hostnameverifier")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code error} (or a cause) says the connection to the server is gone or cannot be made: SQLSTATE
     * class 08, the server shutting down (57P01-57P03), or the pool giving up waiting for a connection.
     */
    static boolean connectionLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnreachableException u) {
                return !u.loginRefused(); // a refused login is an answer from the server, not a lost one
            }
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith(CONNECTION) || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The failure of a first read of the schema as a {@link DatabaseGrantsException} when the server refused it for
     * lack of a right (SQLSTATE 42501), else as a {@link DatabaseException} naming the database.
     */
    static DatabaseException privilegeRefusal(RuntimeException e, BranchDatabaseSettings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "42501".equals(s.getSQLState())) {
                return new DatabaseGrantsException(settings.user(), List.of("USAGE on the branch database's schema"
                        + " (the server said: " + s.getMessage() + ")"));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return new DatabaseException("Cannot read the schema history of " + settings + ": " + e.getMessage(), e);
    }

    /**
     * Lists the rights the user lacks: creating tables when migrations are pending, then reading and writing every
     * table and view of the schema (and the identity sequences), deleting and updating only outside the audit log.
     */
    static void refuseMissingGrants(PGSimpleDataSource ds, BranchDatabaseSettings settings, boolean migrating) {
        List<String> missing = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            if (migrating && !ask(c, "SELECT has_schema_privilege(current_schema(), 'CREATE')")) {
                missing.add("CREATE on schema " + one(c, "SELECT current_schema()")
                        + " (the first start of a release creates or changes tables)");
            }
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT c.relname, c.relkind,
                           has_table_privilege(c.oid, 'SELECT'), has_table_privilege(c.oid, 'INSERT'),
                           has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE')
                      FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v')
                       AND c.relname <> 'flyway_schema_history'
                     ORDER BY c.relname""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    boolean auditLog = name.startsWith("audit_") || name.startsWith("branch_audit_");
                    List<String> lacks = new ArrayList<>();
                    if (!rs.getBoolean(3)) {
                        lacks.add("SELECT");
                    }
                    if (!rs.getBoolean(4)) {
                        lacks.add("INSERT");
                    }
                    if (!auditLog && !rs.getBoolean(5)) {
                        lacks.add("UPDATE");
                    }
                    if (!auditLog && !"case_transition".equals(name) && !rs.getBoolean(6)) {
                        lacks.add("DELETE");
                    }
                    if (!lacks.isEmpty()) {
                        missing.add(String.join(", ", lacks) + " on " + name);
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT c.relname, CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE') END
                      FROM pg_class c
                     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S'
                     ORDER BY c.relname""");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) {
                        missing.add("USAGE on sequence " + rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot check the rights of user " + settings.user() + " on the branch database: "
                    + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new DatabaseGrantsException(settings.user(), missing);
        }
    }

    private static boolean ask(Connection c, String sql) throws SQLException {
        return "t".equals(one(c, sql)) || "true".equals(one(c, sql));
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
