package bank.ushield.db;

import java.nio.file.Path;

/** The database file was written by a newer release; this release refuses to open it rather than damage it. */
public final class DatabaseTooNewException extends DatabaseException {
    private final String fileVersion;
    private final String knownVersion;

    public DatabaseTooNewException(Path file, String fileVersion, String knownVersion) {
        this(file.toString(), fileVersion, knownVersion);
    }

    /** As the file form, for a database named in words (a branch database's URL, user and workstation). */
    public DatabaseTooNewException(String database, String fileVersion, String knownVersion) {
        super("Database " + database + " has schema version " + fileVersion + ", which this release does not have"
                + " (its newest is " + knownVersion + "): a newer release wrote it. Install the newer release of the"
                + " workstation software; the database was not changed.");
        this.fileVersion = fileVersion;
        this.knownVersion = knownVersion;
    }

    public String fileVersion() {
        return fileVersion;
    }

    public String knownVersion() {
        return knownVersion;
    }
}
