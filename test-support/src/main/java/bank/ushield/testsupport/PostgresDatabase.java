package bank.ushield.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database of one test class on the test server (created on first use, dropped after the class
 * by {@link PostgresExtension}). Each {@link #freshSchema()} gives a test its own empty schema inside it, so tests of
 * one class do not see each other's rows. Server and superuser from the environment: USHIELD_TEST_PG_URL (default
 * jdbc:postgresql://localhost:5432/), USHIELD_TEST_PG_USER and USHIELD_TEST_PG_PASSWORD (default ushield_test, the
 * role .ci/run creates). Without a reachable server the test is skipped, unless the variable CI is set: then it fails.
 */
public final class PostgresDatabase {

    static final String SERVER = env("USHIELD_TEST_PG_URL", "jdbc:postgresql://localhost:5432/");
    static final String USER = env("USHIELD_TEST_PG_USER", "ushield_test");
    static final String PASSWORD = env("USHIELD_TEST_PG_PASSWORD", "ushield_test");

    private final String testClass;
    private final AtomicInteger schemas = new AtomicInteger();
    private final List<String> roles = new ArrayList<>();
    private String name;

    PostgresDatabase(String testClass) {
        this.testClass = testClass;
    }

    /** A database of its own for a benchmark run outside JUnit, named after {@code label}; {@link #drop()} it after. */
    public static PostgresDatabase standalone(String label) {
        return new PostgresDatabase(label);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The JDBC URL of this class's database (created now if needed; skips or fails the test without a server). */
    public synchronized String url() {
        if (name == null) {
            String db = "ut_" + testClass.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT) + "_" + random();
            db = db.length() > 60 ? db.substring(db.length() - 60) : db;
            // C collation: text sorts by bytes, as SQLite's BINARY does (docs/db.md asks the same of a branch database).
            adminExecute("CREATE DATABASE " + db + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            name = db;
        }
        return SERVER + name;
    }

    /** The superuser the tests connect as. */
    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** A new empty schema in this class's database: pass it to the driver as currentSchema. */
    public String freshSchema() {
        String schema = "t" + schemas.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return schema;
    }

    /** The URL of a new empty schema in this class's database (the driver makes it the current schema). */
    public String freshSchemaUrl() {
        String schema = freshSchema();
        return url() + "?currentSchema=" + schema;
    }

    /**
     * A new login role (NOSUPERUSER, no rights beyond PUBLIC's) with the given password, dropped after the class;
     * its name is returned (prefixed to be unique on the shared server).
     */
    public synchronized String createRole(String base, String password) {
        url();
        String role = (name + "_" + base).toLowerCase(Locale.ROOT);
        adminExecute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
                + password.replace("'", "''") + "'");
        roles.add(role);
        return role;
    }

    /** Runs statements as the superuser in this class's database (grants, tampering that needs a superuser). */
    public void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD); Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database and the roles made for it (unless KEEP_TEST_DATABASES is set). */
    public synchronized void drop() {
        if (name == null || System.getenv("KEEP_TEST_DATABASES") != null) {
            return;
        }
        adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        for (String role : roles) {
            adminExecute("DROP ROLE IF EXISTS " + role);
        }
        name = null;
    }

    private static String random() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void adminExecute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: " + sql + " failed: " + e.getMessage(), e);
        }
    }

    private static Connection admin() throws SQLException {
        try {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("user", USER);
            p.setProperty("password", PASSWORD);
            p.setProperty("connectTimeout", "3");
            return DriverManager.getConnection(SERVER + "postgres", p);
        } catch (SQLException e) {
            String why = "No PostgreSQL test server at " + SERVER + " as " + USER + " (" + e.getMessage()
                    + "); start it with 'service postgresql start' and create the role as .ci/run does";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI is set, so PostgreSQL tests must run: " + why, e);
            }
            Assumptions.abort(why);
            throw e; // not reached
        }
    }
}
