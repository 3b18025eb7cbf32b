package bank.ushield.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-only files: the data folder 0700, the database (with its -wal and -shm), keys and settings 0600. Folders are
 * created so; existing ones are tightened (group and other bits removed, never widened), each change logged.
 * On a file system without POSIX permissions nothing is done.
 */
public final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents) as 0700, or tightens it when it exists. */
    public static Path folder(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    folder(parent);
                }
                if (POSIX) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dir);
                }
            }
            tighten(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder " + dir, e);
        }
    }

    /** Creates an empty file as 0600 unless it exists; an existing one is tightened. */
    public static Path file(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (POSIX) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                return file;
            }
            tighten(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /** Removes group and other permissions from the file or folder if it exists (links are not followed). */
    public static void tighten(Path path) {
        if (!POSIX || !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> tight = EnumSet.noneOf(PosixFilePermission.class);
            tight.addAll(perms);
            if (tight.removeAll(OPEN_TO_OTHERS)) {
                Files.setPosixFilePermissions(path, tight);
                LOG.warn("{} was readable or writable by others ({}); now {}", path,
                        PosixFilePermissions.toString(perms), PosixFilePermissions.toString(tight));
            }
        } catch (IOException e) {
            LOG.error("Cannot make {} owner-only", path, e);
        }
    }

    /**
     * Tightens a data folder at start: the folder itself and everything in it up to {@code depth} levels down
     * (databases, keys, settings, the sync folders kept inside it).
     */
    public static void tightenTree(Path dataFolder, int depth) {
        if (!Files.isDirectory(dataFolder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dataFolder, depth)) {
            all.forEach(OwnerOnly::tighten);
        } catch (IOException | UncheckedIOException e) {
            LOG.error("Cannot check the permissions under {}", dataFolder, e);
        }
    }
}
