package bank.ushield.db;

import java.sql.Connection;
import java.sql.SQLException;

/** The database engine behind a {@link Database}: an embedded SQLite file or a branch's PostgreSQL server. */
public enum Engine {
    /** One counter, training and the README's run command: a SQLite file in the data folder. */
    SQLITE("sqlite"),
    /** A branch of several counters on one PostgreSQL server (docs/db.md, "A branch on PostgreSQL"). */
    POSTGRESQL("postgresql");

    private final String migrations;

    Engine(String folder) {
        this.migrations = "classpath:db/migration/" + folder;
    }

    /** Flyway locations: the migrations both engines share, then this engine's own (docs/adr/0072). */
    String[] migrationLocations() {
        return new String[] {"classpath:db/migration/common", migrations};
    }

    /** The engine behind a Jdbi handle. */
    public static Engine of(org.jdbi.v3.core.Handle handle) {
        return of(handle.getConnection());
    }

    /** The engine of an open connection (stores that need engine-specific SQL ask their connection). */
    public static Engine of(Connection connection) {
        try {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? POSTGRESQL : SQLITE;
        } catch (SQLException e) {
            throw new DatabaseException("Cannot tell the database engine: " + e.getMessage(), e);
        }
    }
}
