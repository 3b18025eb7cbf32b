package bank.ushield.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Consistent copies of a database file while it is in use: SQLite's {@code VACUUM INTO} reads one snapshot (a read
 * transaction), so a case committing meanwhile is either wholly in the copy or not at all, and the write-ahead
 * file's committed pages are included (a plain file copy can miss them).
 */
public final class BackupStore {

    private BackupStore() {
    }

    /**
     * Writes a compacted, self-contained copy of {@code database} to {@code target} (which must not exist).
     *
     * @throws DatabaseException when the copy cannot be made
     */
    public static void copy(Path database, Path target) {
        if (Files.exists(target)) {
            throw new DatabaseException("The backup file " + target + " exists already", null);
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the folder for the backup " + target, e);
        }
        try (Connection c = Database.dataSource(database).getConnection();
             PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot back up " + database + " to " + target, e);
        }
        ownerOnly(target);
    }

    /** Owner read/write only where the file system has POSIX permissions (the copy holds personal data). */
    public static void ownerOnly(Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(file) ? "rwx------" : "rw-------"));
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot make " + file + " readable by its owner only", e);
        }
    }
}
