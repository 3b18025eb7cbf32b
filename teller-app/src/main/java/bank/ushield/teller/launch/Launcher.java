package bank.ushield.teller.launch;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The jar's entry point: starts the workstation in a JVM that maps the class-data-sharing archive of its start-up
 * classes, when one exists for this jar and this Java, else runs the workstation in this JVM and has the archive
 * built in the background for the next start (see {@link ClassArchive}). Java 17 cannot take JVM options from a
 * jar manifest, so using the archive costs one small JVM (java.base only) in front; the archive saves several
 * times that (docs/performance.md, ADR 0039). {@code -Dushield.cds=off} runs the workstation here without one.
 *
 * <p>Loads java.base classes only until it hands over: everything it touches is on the cold-start path.
 */
public final class Launcher {

    /** System property: "off" runs the workstation in the launching JVM without an archive. */
    public static final String CDS = "ushield.cds";
    static final String APP_MAIN = "bank.ushield.teller.app.TellerApp";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        // The launcher's own boot (tens of ms) is not in this figure: reading the JVM's start time costs more
        // than that here (java.management or ProcessHandle.Info, ~100 ms on a loaded 2-core machine).
        long start = System.currentTimeMillis();
        Optional<String> missing = missingLibFolder(thisJar());
        if (missing.isPresent()) {
            System.err.println(missing.get());
            System.exit(2);
            return;
        }
        Optional<ClassArchive> archive = "off".equals(System.getProperty(CDS)) ? Optional.empty()
                : ClassArchive.forThisJar();
        if (archive.isPresent() && archive.get().usable()) {
            Optional<List<String>> options = ownJvmOptions();
            if (options.isPresent()) {
                System.exit(runChild(command(javaExecutable(), options.get(), archive.get(), start, args)));
                return;
            }
        }
        archive.ifPresent(ClassArchive::buildInBackground);
        startHere(args);
    }

    /** This jar, or null when not started from a jar (tests, an IDE). */
    private static Path thisJar() {
        try {
            Path p = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.getFileName() != null && p.getFileName().toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * IT's words when the jar was copied without the {@code lib/} folder its manifest names (one stat: the
     * alternative is a class-not-found stack trace from the first library class).
     */
    static Optional<String> missingLibFolder(Path jar) {
        if (jar == null || Files.isDirectory(jar.toAbsolutePath().resolveSibling("lib"))) {
            return Optional.empty();
        }
        return Optional.of(jar.getFileName() + " cannot start: the folder " + jar.toAbsolutePath().resolveSibling("lib")
                + " is missing. Install the jar together with the lib/ folder the build put beside it"
                + " (teller-app/target/teller-app.jar and teller-app/target/lib/, copied into one folder).");
    }

    private static void startHere(String[] args) throws Exception {
        Class.forName(APP_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /** The application JVM's command: this JVM's options, the archive, the launcher's start time, the same args. */
    static List<String> command(String java, List<String> jvmOptions, ClassArchive archive, long startMillis,
                                String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        // JDK 17.0.x maps archives at a random address by default and then relocates every pointer in them
        // (measured ~0.5 s for this archive); mode 0 maps at the address it was dumped for when that is free.
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.add("-XX:ArchiveRelocationMode=0");
        cmd.add("-XX:SharedArchiveFile=" + archive.archive());
        // An archive that does not match (another JDK build, a changed jar) is ignored; do not say so on stdout.
        cmd.add("-Xshare:auto");
        cmd.add("-Xlog:cds=off");
        cmd.add("-Xlog:class+path=off");
        cmd.add("-D" + StartupTrace.LAUNCH_START + "=" + startMillis);
        cmd.add("-cp");
        cmd.add(archive.jar().toString());
        cmd.add(APP_MAIN);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static int runChild(List<String> command) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).inheritIO().start();
        // Ctrl-C or a kill of the launcher ends the workstation too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
            }
        }, "launcher-stop-child"));
        return child.waitFor();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The JVM options this JVM was started with (heap size, -D properties...), read from its command line
     * (/proc/self/cmdline: cheap, where ProcessHandle.Info cost ~100 ms) up to {@code -jar}; empty where there is
     * no /proc (the workstation then runs in the launching JVM) or the command line is not a {@code -jar} one.
     */
    static Optional<List<String>> ownJvmOptions() {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> words = new ArrayList<>(List.of(
                    new String(raw, java.nio.charset.Charset.defaultCharset()).split("\0")));
            if (words.isEmpty()) {
                return Optional.empty();
            }
            return jvmOptionsBeforeJar(words.subList(1, words.size()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The options before {@code -jar}; empty if there is no {@code -jar} (started some other way). */
    static Optional<List<String>> jvmOptionsBeforeJar(List<String> arguments) {
        int jar = arguments.indexOf("-jar");
        if (jar < 0) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        for (String a : arguments.subList(0, jar)) {
            // The archive options are the launcher's to choose.
            if (!a.startsWith("-XX:SharedArchiveFile") && !a.startsWith("-Xshare")) {
                options.add(a);
            }
        }
        return Optional.of(options);
    }
}
