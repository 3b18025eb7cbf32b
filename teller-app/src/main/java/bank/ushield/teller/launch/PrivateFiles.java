package bank.ushield.teller.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders 0700 and files 0600 made so from the start, not with the umask's 0755/0644 and tightened later (which
 * the data folder's check then reports as a warning). The db module's {@code OwnerOnly} does this for data files;
 * the launcher and logging run before the modules are loaded and use java.base only, hence this small twin.
 */
final class PrivateFiles {

    private PrivateFiles() {
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder and its missing parents, each 0700 (existing ones are left as they are). */
    static void folders(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        if (abs.getParent() != null) {
            folders(abs.getParent());
        }
        if (posix(abs)) {
            Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(abs);
        }
    }

    /** Creates the file empty as 0600 unless it exists. */
    static void file(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Read-only for the owner alone (the archive the JVM dumps as 0444). */
    static void ownerReadOnly(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        }
    }
}
