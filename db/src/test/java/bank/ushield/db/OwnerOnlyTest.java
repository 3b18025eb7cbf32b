package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's folder, file, -wal and -shm are owner-only on real files, new or left open by an older release. */
class OwnerOnlyTest {

    @TempDir
    Path tmp;

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewDatabaseIsCreatedOwnerOnlyWithItsWalAndShm() throws Exception {
        Path file = tmp.resolve("data").resolve("production").resolve("workstation.db");
        Database db = Database.open(file);
        try {
            db.jdbi().useHandle(h -> h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'x')"));
            assertThat(Path.of(file + "-wal")).exists();
            assertThat(perms(tmp.resolve("data"))).isEqualTo("rwx------");
            assertThat(perms(file.getParent())).isEqualTo("rwx------");
            assertThat(perms(file)).isEqualTo("rw-------");
            assertThat(perms(Path.of(file + "-wal"))).isEqualTo("rw-------");
            assertThat(perms(Path.of(file + "-shm"))).isEqualTo("rw-------");
        } finally {
            db.close();
        }
    }

    @Test
    void looseFilesLeftByAnOlderReleaseAreTightenedAtOpen() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("old"));
        Path file = folder.resolve("workstation.db");
        Database.open(file).close();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        Path wal = Files.writeString(Path.of(file + "-wal"), "");
        Files.setPosixFilePermissions(wal, PosixFilePermissions.fromString("rw-r--r--"));

        Database db = Database.open(file);
        try {
            assertThat(perms(folder)).isEqualTo("rwx------");
            assertThat(perms(file)).isEqualTo("rw-------");
            assertThat(perms(wal)).isEqualTo("rw-------");
        } finally {
            db.close();
        }
    }

    @Test
    void tighteningATreeNeverWidensAndSkipsLinks() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("tree").resolve("production"));
        Path key = Files.writeString(data.resolve("card-matching.key"), "k");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--r-----"));
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "x");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(data.resolve("link"), outside);

        OwnerOnly.tightenTree(tmp.resolve("tree"), 3);

        assertThat(perms(key)).isEqualTo("r--------");
        assertThat(perms(data)).isEqualTo("rwx------");
        assertThat(perms(outside)).isEqualTo("rw-r--r--");
    }
}
