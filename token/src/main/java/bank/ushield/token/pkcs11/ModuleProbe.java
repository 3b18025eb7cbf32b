package bank.ushield.token.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Module;

import bank.ushield.token.TokenModuleException;

/**
 * Starts a PKCS#11 module once in a child JVM before this JVM loads it: a vendor module that crashes (or hangs) in
 * C_GetFunctionList or C_Initialize then takes down the child, and the workstation says so instead of vanishing.
 * A library that passed is not probed again in this JVM while its size and modification time stay the same.
 */
public final class ModuleProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleProbe.class);

    /** Exit codes of the child: a clean refusal is left to the in-process load, which names it precisely. */
    static final int STARTED = 0;
    static final int REFUSED = 3;

    private static final java.util.regex.Pattern SECRET_NAME =
            java.util.regex.Pattern.compile("PASSWORD|PASSPHRASE|SECRET|PIN", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();
    private static volatile Duration timeout = Duration.ofSeconds(30);

    private ModuleProbe() {
    }

    /**
     * Returns when the module started in a child JVM (or refused cleanly, which the caller's own load reports);
     * throws when the child crashed or did not answer in time.
     */
    static void check(Path library) {
        String key = key(library);
        if (key == null || PASSED.contains(key)) {
            return;
        }
        Path folder = null;
        boolean keep = false;
        try {
            folder = Files.createTempDirectory("ushield-pkcs11-probe-");
            // The JVM writes its crash report only to a file that does not exist yet.
            Path crashReport = folder.resolve("crash-report.log");
            Path errors = folder.resolve("stderr.log");
            ProcessBuilder builder = new ProcessBuilder(command(library, crashReport))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            // The driver may read its own settings from the environment; secrets such as the keystore password
            // stay with the workstation.
            builder.environment().keySet().removeIf(name -> SECRET_NAME.matcher(name).find());
            Process child = builder.start();
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new TokenModuleException(TokenModuleException.Reason.CRASHED, library,
                        "The PKCS#11 module " + library + " did not finish starting within " + timeout.toSeconds()
                                + " s in a test process; it was not loaded into the workstation", -1, null);
            }
            int exit = child.exitValue();
            if (exit == STARTED || exit == REFUSED) {
                PASSED.add(key);
                return;
            }
            keep = true;
            Path report = Files.exists(crashReport) ? crashReport : errors;
            String detail = firstWords(report);
            throw new TokenModuleException(TokenModuleException.Reason.CRASHED, library,
                    "The PKCS#11 module " + library + " crashed while starting in a test process (exit " + exit
                            + (detail.isEmpty() ? "" : ", " + detail) + "; crash report " + report
                            + "); it was not loaded into the workstation", -1, null);
        } catch (IOException e) {
            // No child JVM here (no java binary, no temp folder): load as before rather than refuse a good module.
            LOG.warn("PKCS#11 module probe could not run ({}); loading {} without it", e.getMessage(), library);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenModuleException(TokenModuleException.Reason.CRASHED, library,
                    "Interrupted while the PKCS#11 module " + library + " was being tried", -1, e);
        } finally {
            if (!keep) {
                deleteFolder(folder);
            }
        }
    }

    /** The child's main: load, initialise, list the slots, finalise. */
    public static void main(String[] args) {
        try {
            PKCS11Module module = PKCS11Module.getInstance(args[0]);
            module.initialize();
            module.getSlotList(false);
            module.finalize(null);
            System.exit(STARTED);
        } catch (Exception e) {
            System.exit(REFUSED);
        }
    }

    private static List<String> command(Path library, Path crashReport) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx64m");
        // The crash report goes to a temp file, never into the workstation's working folder; no core dump.
        cmd.add("-XX:ErrorFile=" + crashReport);
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ModuleProbe.class.getName());
        cmd.add(library.toString());
        return cmd;
    }

    /**
     * The JVM crash report's "Problematic frame" line (library and symbol), else the child's first line of error
     * output (a JVM that could not start), or empty.
     */
    private static String firstWords(Path report) {
        try {
            List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size() - 1; i++) {
                if (lines.get(i).startsWith("# Problematic frame:")) {
                    return "at " + lines.get(i + 1).replaceFirst("^#\\s*", "").strip();
                }
            }
            return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                    .map(l -> "\"" + l.strip() + "\"").orElse("");
        } catch (IOException | RuntimeException e) {
            LOG.debug("No crash report to read at {}", report);
        }
        return "";
    }

    private static String key(Path library) {
        try {
            Path real = library.toRealPath();
            return real + "|" + Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            LOG.debug("Could not remove {}", folder);
        }
    }

    /** For tests: how long a module may take to start in the child. */
    static void timeout(Duration t) {
        timeout = t;
    }
}
