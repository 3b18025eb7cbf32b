package bank.ushield.renewal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.db.Engine;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.PostgresDatabase;

/** The renewal tests' database on either engine: the SQLite file, or one schema per file on the PostgreSQL server. */
final class TestDatabases {
    /** Opening the same DatabaseFile again reopens the same schema, as reopening the file does on SQLite. */
    private static final Map<Path, String> SCHEMA_URLS = new ConcurrentHashMap<>();

    private TestDatabases() {
    }

    /** The database of {@code file} on the engine; on PostgreSQL as {@code workstation} (its own audit log). */
    static Database open(Engine engine, DatabaseFile file, PostgresDatabase pg, String workstation) {
        if (engine == Engine.SQLITE) {
            return Database.open(file.path());
        }
        String url = SCHEMA_URLS.computeIfAbsent(file.path(), p -> pg.freshSchemaUrl());
        return Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), workstation));
    }
}
