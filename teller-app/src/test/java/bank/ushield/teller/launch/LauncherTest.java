package bank.ushield.teller.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's command for the application JVM, the archive's key, the start-up trace and the warm-up's font. */
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theDataAndCacheFoldersAreMadeOwnerOnlyFromTheStart() throws IOException {
        Path cache = dir.resolve("data").resolve("cache");
        PrivateFiles.folders(cache);
        PrivateFiles.file(cache.resolve("teller-app-cds-build.log"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                cache.resolve("teller-app-cds-build.log")))).isEqualTo("rw-------");
    }

    @Test
    void aJarCopiedWithoutItsLibFolderIsRefusedInWords() throws IOException {
        Path jar = Files.createFile(dir.resolve("teller-app.jar"));
        assertThat(Launcher.missingLibFolder(jar)).get(InstanceOfAssertFactories.STRING)
                .contains(dir.resolve("lib").toString()).contains("lib/ folder");
        Files.createDirectory(dir.resolve("lib"));
        assertThat(Launcher.missingLibFolder(jar)).isEmpty();
        assertThat(Launcher.missingLibFolder(null)).isEmpty();
    }

    @Test
    void theApplicationJvmGetsTheUsersOptionsTheArchiveAndTheSameArguments() {
        List<String> options = Launcher.jvmOptionsBeforeJar(List.of("-Xmx512m", "-Dx=1", "-Xshare:off",
                "-XX:SharedArchiveFile=/elsewhere.jsa", "-jar", "teller-app.jar", "--training")).orElseThrow();
        assertThat(options).containsExactly("-Xmx512m", "-Dx=1");

        ClassArchive archive = new ClassArchive(Path.of("/opt/t/teller-app.jar"), Path.of("/opt/t/a.jsa"));
        List<String> cmd = Launcher.command("/usr/bin/java", options, archive, 42L,
                new String[] {"--data-dir", "/d", "--training"});
        assertThat(cmd).startsWith("/usr/bin/java", "-Xmx512m", "-Dx=1")
                .contains("-XX:SharedArchiveFile=/opt/t/a.jsa", "-Xshare:auto", "-D" + StartupTrace.LAUNCH_START + "=42")
                .endsWith("-cp", "/opt/t/teller-app.jar", Launcher.APP_MAIN, "--data-dir", "/d", "--training");
    }

    @Test
    void notStartedWithMinusJarMeansNoRelaunch() {
        assertThat(Launcher.jvmOptionsBeforeJar(List.of("-cp", "x", "bank.ushield.teller.app.TellerApp"))).isEmpty();
    }

    @Test
    void theArchiveKeyChangesWhenTheJarOrALibraryChanges() throws IOException {
        Path jar = Files.writeString(dir.resolve("teller-app.jar"), "jar");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path flatlaf = Files.writeString(lib.resolve("flatlaf.jar"), "v1");
        String first = ClassArchive.key(jar);
        assertThat(ClassArchive.key(jar)).isEqualTo(first);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        String rebuilt = ClassArchive.key(jar);
        assertThat(rebuilt).isNotEqualTo(first);

        Files.writeString(flatlaf, "v2 longer");
        assertThat(ClassArchive.key(jar)).isNotEqualTo(rebuilt);
    }

    @Test
    void anArchiveIsUsableOnlyOnceItsBuildHasRenamedItIntoPlace() throws IOException {
        ClassArchive archive = new ClassArchive(dir.resolve("teller-app.jar"), dir.resolve("teller-app-cds-1.jsa"));
        assertThat(archive.usable()).isFalse();
        Files.writeString(dir.resolve("teller-app-cds-1.jsa.123.tmp"), "partial");
        assertThat(archive.usable()).isFalse();
        Files.writeString(archive.archive(), "whole");
        assertThat(archive.usable()).isTrue();
    }

    @Test
    void aNewArchiveRemovesTheArchivesOfEarlierBuilds() throws IOException {
        Path old = Files.writeString(dir.resolve(ClassArchive.PREFIX + "aaaa.jsa"), "old");
        Path keep = Files.writeString(dir.resolve(ClassArchive.PREFIX + "bbbb.jsa"), "new");
        Path log = Files.writeString(dir.resolve(ClassArchive.PREFIX + "build.log"), "log");
        ClassArchive.removeOthers(keep);
        assertThat(old).doesNotExist();
        assertThat(keep).exists();
        assertThat(log).exists();
    }

    @Test
    void theDumpUsesTheShippedClassListForTheSameClassPath() {
        List<String> cmd = ClassArchive.dumpCommand("/j/bin/java", Path.of("/tmp/l"), Path.of("/tmp/o.jsa"),
                Path.of("/opt/t/teller-app.jar"));
        assertThat(cmd).contains("/j/bin/java", "-Xshare:dump", "-XX:SharedClassListFile=/tmp/l",
                "-XX:SharedArchiveFile=/tmp/o.jsa").endsWith("-cp", "/opt/t/teller-app.jar");
        assertThat(ClassArchive.class.getResource(ClassArchive.CLASS_LIST)).as("class list in the jar").isNotNull();
    }

    @Test
    void theWarmUpResolvesTheThemesFontFamily() {
        assertThat(StartupWarmup.themeFontFamily()).isEqualTo("Noto Sans CJK SC");
    }

    @Test
    void theTraceListsPhasesInOrderFromTheLaunchersStart() {
        System.setProperty(StartupTrace.LAUNCH_START, Long.toString(System.currentTimeMillis() - 1000));
        try {
            StartupTrace.mark("test phase");
            StringWriter out = new StringWriter();
            StartupTrace.print(new PrintWriter(out));
            assertThat(out.toString()).contains("test phase").startsWith("startup-phase");
            assertThat(StartupTrace.sinceStartMillis()).isGreaterThanOrEqualTo(1000);
        } finally {
            System.clearProperty(StartupTrace.LAUNCH_START);
        }
    }
}
