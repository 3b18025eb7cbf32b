package bank.ushield.renewal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.testsupport.PostgresDatabase;

/**
 * The training database of a test's data folder: training.db in it, or, for a folder put on PostgreSQL, a schema of
 * the test server (as workstation {@link Seed#WS}). A child JVM finds the schema in its environment.
 */
final class TrainingDatabases {
    static final String URL_ENV = "USHIELD_TEST_TRAINING_PG_URL";
    static final String USER_ENV = "USHIELD_TEST_TRAINING_PG_USER";
    private static final Map<Path, String[]> ON_POSTGRES = new ConcurrentHashMap<>();

    private TrainingDatabases() {
    }

    /** Puts the folder's training database on a fresh PostgreSQL schema; returns the environment for its child JVMs. */
    static Map<String, String> onPostgres(Path dataFolder, PostgresDatabase pg) {
        String url = pg.freshSchemaUrl();
        ON_POSTGRES.put(dataFolder, new String[] {url, pg.user(), pg.password()});
        return Map.of(URL_ENV, url, USER_ENV, pg.user(), BranchDatabaseSettings.PASSWORD_ENV, pg.password());
    }

    static Database open(Path dataFolder) {
        String[] pg = ON_POSTGRES.get(dataFolder);
        if (pg == null && System.getenv(URL_ENV) != null) {
            pg = new String[] {System.getenv(URL_ENV), System.getenv(USER_ENV),
                    System.getenv(BranchDatabaseSettings.PASSWORD_ENV)};
        }
        if (pg != null) {
            return Database.open(BranchDatabaseSettings.of(pg[0], pg[1], pg[2].toCharArray(), Seed.WS));
        }
        return Database.open(dataFolder.resolve(RenewalWorkstation.TRAINING_DB));
    }
}
