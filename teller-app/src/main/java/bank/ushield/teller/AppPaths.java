package bank.ushield.teller;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the workstation keeps its files: a per-user data folder, with training data apart from production. */
public record AppPaths(Path dataDir, boolean training) {

    /** The default data folder: $USHIELD_HOME, else ~/.ushield-counter. */
    public static Path defaultDataDir() {
        return defaultDataDir(System::getenv);
    }

    /** As {@link #defaultDataDir()} with the environment given (the app's own, or a test's). */
    public static Path defaultDataDir(java.util.function.Function<String, String> environment) {
        String env = environment.apply("USHIELD_HOME");
        return env != null ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".ushield-counter");
    }

    /** Training mode never shares a folder, database or outbox with production. */
    public Path modeDir() {
        return dataDir.resolve(training ? "training" : "production");
    }

    public Path databaseFile() {
        return modeDir().resolve(training ? "training.db" : "workstation.db");
    }
}
