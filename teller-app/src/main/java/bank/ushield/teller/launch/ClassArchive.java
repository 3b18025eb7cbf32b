package bank.ushield.teller.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The class-data-sharing (AppCDS) archive of the workstation's start-up classes for one jar build and one Java:
 * JDK, FlatLaf, MigLayout, picocli, logback and our own classes pre-parsed and pre-verified, mapped at start
 * instead of read from the jars. Made on the first start by a background JVM ({@code java -Xshare:dump} from the
 * class list shipped in the jar, no display needed), so a fresh machine needs no manual step. Its name carries a
 * checksum of the Java and of every jar's size and time, so a rebuilt jar or another JDK gets its own archive;
 * older ones are removed when a new one is made.
 *
 * <p>{@code main} is the background builder: {@code java -cp teller-app.jar ...ClassArchive <archive>}.
 */
public final class ClassArchive {

    /** Classes loaded by a start up to the login window and the modules up (see docs/performance.md). */
    static final String CLASS_LIST = "/bank/ushield/teller/launch/startup.classlist";
    static final String PREFIX = "teller-app-cds-";
    /** A build that started this long ago and left no archive is assumed dead: a start may try again. */
    static final Duration BUILD_GIVE_UP = Duration.ofMinutes(5);

    private final Path jar;
    private final Path archive;

    ClassArchive(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    public Path jar() {
        return jar;
    }

    public Path archive() {
        return archive;
    }

    /** The archive for the jar this class was loaded from; empty when not started from a jar file. */
    static Optional<ClassArchive> forThisJar() {
        try {
            Path jar = Path.of(ClassArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
                return Optional.empty();
            }
            return Optional.of(new ClassArchive(jar, folder(System::getenv).resolve(PREFIX + key(jar) + ".jsa")));
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code cache/} in the data folder ($USHIELD_HOME or ~/.ushield-counter): never beside the jar, whose folder
     * may be a shared install location (ADR 0060).
     */
    static Path folder(java.util.function.Function<String, String> environment) {
        return bank.ushield.teller.AppPaths.defaultDataDir(environment).resolve("cache");
    }

    /** Checksum of the Java (home, VM build) and of the jar and its lib/ folder (names, sizes, times). */
    static String key(Path jar) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(System.getProperty("java.home")).append('|').append(System.getProperty("java.vm.version"));
        s.append('|').append(describe(jar));
        Path lib = jar.toAbsolutePath().resolveSibling("lib");
        if (Files.isDirectory(lib)) {
            List<String> libs = new ArrayList<>();
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
                for (Path p : jars) {
                    libs.add(describe(p));
                }
            }
            libs.sort(null);
            libs.forEach(d -> s.append('|').append(d));
        }
        CRC32 crc = new CRC32();
        crc.update(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static String describe(Path p) throws IOException {
        return p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
    }

    /** True when the archive is there (a finished build: builds write elsewhere and rename). */
    public boolean usable() {
        try {
            return Files.isRegularFile(archive) && Files.size(archive) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    Path marker(String kind) {
        return archive.resolveSibling(archive.getFileName() + "." + kind);
    }

    /**
     * Starts the builder JVM, detached, unless a build is running or failed before for this key. Never throws:
     * without an archive the workstation only starts slower.
     */
    public void buildInBackground() {
        try {
            Path building = marker("building");
            if (Files.exists(marker("failed"))) {
                return;
            }
            if (Files.exists(building) && Files.getLastModifiedTime(building).toInstant()
                    .isAfter(Instant.now().minus(BUILD_GIVE_UP))) {
                return;
            }
            PrivateFiles.folders(archive.getParent());
            PrivateFiles.file(building);
            Files.setLastModifiedTime(building, FileTime.from(Instant.now()));
            List<String> cmd = List.of(Launcher.javaExecutable(), "-Xshare:off", "-cp", jar.toString(),
                    ClassArchive.class.getName(), archive.toString());
            Path log = archive.resolveSibling(PREFIX + "build.log");
            PrivateFiles.file(log);
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException | RuntimeException e) {
            // No archive this time; the next start tries again.
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The dump command: a static archive from the class list, for exactly the class path the launcher uses. */
    static List<String> dumpCommand(String java, Path classList, Path output, Path jar) {
        List<String> cmd = new ArrayList<>();
        // Lower priority where the OS has nice: the first start of the workstation runs at the same time.
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
        }
        cmd.addAll(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + output, "-cp", jar.toString()));
        return cmd;
    }

    /** The builder: dumps to a temporary file, then renames it into place and removes older archives. */
    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]).toAbsolutePath();
        Path jar = Path.of(ClassArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassArchive target = new ClassArchive(jar, archive);
        Path list = Files.createTempFile("teller-app-", ".classlist");
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        boolean ok = false;
        String outcome;
        long began = System.nanoTime();
        try {
            try (InputStream in = ClassArchive.class.getResourceAsStream(CLASS_LIST)) {
                if (in == null) {
                    throw new IllegalStateException("No class list in the jar: " + CLASS_LIST);
                }
                Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
            }
            Process p = new ProcessBuilder(dumpCommand(Launcher.javaExecutable(), list, tmp, jar)).inheritIO()
                    .start();
            int exit = p.waitFor();
            ok = exit == 0 && Files.isRegularFile(tmp) && Files.size(tmp) > 0;
            outcome = "dump exit " + exit;
            if (ok) {
                PrivateFiles.ownerReadOnly(tmp);
                Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOthers(archive);
            }
        } catch (Exception e) {
            outcome = e.toString();
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(list);
            Files.deleteIfExists(target.marker("building"));
        }
        if (!ok) {
            // Not again for this jar build and Java: the workstation runs without the archive, only slower.
            PrivateFiles.file(target.marker("failed"));
            Files.writeString(target.marker("failed"), outcome + "\n");
        }
        // The builder's own log (a file beside the archive). No static logger in this class: the launcher
        // uses it on the cold-start path, where starting the logging system would cost.
        org.slf4j.LoggerFactory.getLogger(ClassArchive.class).info("CDS archive {} {}: {}, {} ms", archive,
                ok ? "made" : "NOT made", outcome, (System.nanoTime() - began) / 1_000_000);
        System.exit(ok ? 0 : 1);
    }

    /** Archives of earlier builds or other JDKs in the same folder. */
    static void removeOthers(Path keep) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(keep.getParent(), PREFIX + "*.jsa")) {
            for (Path p : old) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
