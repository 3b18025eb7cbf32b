package bank.ushield.teller.app;

import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.db.DatabaseException;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.StartRefusal;
import bank.ushield.teller.settings.SettingsStore;

/**
 * Which database the production workstation runs on: the branch's PostgreSQL database when settings.properties
 * names one ({@code branch.database.url}, docs/adr/0072), else the data folder's SQLite file. Every production path
 * (the app, setup, staff, sync, import, key rotation, backup) opens it here, so all agree.
 */
final class ProductionDatabase {

    private ProductionDatabase() {
    }

    /**
     * The branch database settings of this data folder for {@code workstationId}, or null when it runs on its own
     * SQLite file. The password comes from {@code USHIELD_DB_PASSWORD} or the owner-only password file.
     *
     * @throws WorkstationStartException BRANCH_DATABASE_SETTINGS when the settings are unusable (named in the message)
     */
    static BranchDatabaseSettings branchSettings(Path dataDir, String workstationId,
                                                 Function<String, String> environment) {
        Properties raw = new SettingsStore(dataDir).properties();
        try {
            return BranchDatabaseSettings.fromSettings(raw, workstationId, environment::apply);
        } catch (DatabaseException e) {
            throw new WorkstationStartException(StartRefusal.BRANCH_DATABASE_SETTINGS, e.getMessage(), e);
        }
    }

    /** True when this data folder's settings name a branch database. */
    static boolean onBranchDatabase(Path dataDir) {
        return !new SettingsStore(dataDir).properties().getProperty(BranchDatabaseSettings.URL_KEY, "").isBlank();
    }

    /** Opens (and migrates) the production database of {@code paths} for {@code workstationId}. */
    static Database open(AppPaths paths, String workstationId, Function<String, String> environment) {
        BranchDatabaseSettings branch = branchSettings(paths.dataDir(), workstationId, environment);
        return branch == null ? Database.open(paths.databaseFile()) : Database.open(branch);
    }

    /** True when the production database exists: a branch database is named, or the SQLite file is there. */
    static boolean exists(AppPaths paths) {
        return onBranchDatabase(paths.dataDir()) || java.nio.file.Files.isRegularFile(paths.databaseFile());
    }

    /**
     * {@link #open} for a command: a database that cannot be opened (server down, login or rights refused, newer
     * schema, unusable settings) is said on {@code out} as a refusal and null is returned.
     */
    static Database openOrSay(AppPaths paths, String workstationId, Function<String, String> environment,
                              java.io.PrintWriter out) {
        try {
            return open(paths, workstationId, environment);
        } catch (DatabaseException | WorkstationStartException e) {
            String m = e.getMessage();
            out.println("Refused: " + m + (m.endsWith(".") ? "" : ".") + " Nothing was changed.");
            return null;
        }
    }

    /** Where the production database is, for messages: the file, or the branch database without parameters. */
    static String where(AppPaths paths) {
        String url = new SettingsStore(paths.dataDir()).properties().getProperty(BranchDatabaseSettings.URL_KEY, "")
                .strip();
        if (url.isEmpty()) {
            return paths.databaseFile().toString();
        }
        int q = url.indexOf('?');
        return "the branch database " + (q < 0 ? url : url.substring(0, q));
    }
}
