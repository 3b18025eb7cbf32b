package bank.ushield.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Drives softhsm2-util: the per-JVM configuration and token creation and removal. */
public final class SoftHsm {

    public static final String SO_PIN = "87654321";
    public static final String USER_PIN = "123456";
    private static final Path DEBIAN_MODULE = Paths.get("/usr/lib/softhsm/libsofthsm2.so");

    private SoftHsm() {
    }

    /** The SoftHSM2 PKCS#11 module; SOFTHSM2_MODULE overrides the Debian location. */
    public static Path modulePath() {
        String override = System.getenv("SOFTHSM2_MODULE");
        Path module = override != null ? Paths.get(override) : DEBIAN_MODULE;
        if (!Files.isRegularFile(module)) {
            throw new IllegalStateException("SoftHSM2 module not found at " + module
                    + ": install the Debian package softhsm2 (see README, .ci/run)");
        }
        return module;
    }

    /**
     * The SOFTHSM2_CONF of this JVM, written if it does not exist yet. Surefire sets the variable per fork
     * (SoftHSM2 reads it once, at C_Initialize); outside surefire a temporary one is made for child processes.
     */
    public static synchronized Path configuration() {
        String env = System.getenv("SOFTHSM2_CONF");
        try {
            Path conf = env != null ? Paths.get(env).toAbsolutePath()
                    : Files.createTempDirectory("softhsm-").resolve("softhsm2.conf");
            return configurationIn(conf);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the SoftHSM2 configuration", e);
        }
    }

    /**
     * A SOFTHSM2_CONF of its own at {@code conf} (token folder beside it), written if it does not exist yet: for
     * tests whose child processes must not see the tokens other tests of the fork create and delete meanwhile.
     */
    public static synchronized Path configurationIn(Path conf) {
        try {
            if (!Files.exists(conf)) {
                Path tokens = conf.getParent().resolve("tokens");
                Files.createDirectories(tokens);
                Files.writeString(conf, "directories.tokendir = " + tokens + "\n"
                        + "objectstore.backend = file\n"
                        + "log.level = ERROR\n"
                        + "slots.removable = false\n", StandardCharsets.UTF_8);
            }
            return conf;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the SoftHSM2 configuration " + conf, e);
        }
    }

    /** Initialises a new token in the first free slot and returns it with its serial. */
    public static SoftHsmToken initToken(String label) {
        return initToken(label, SO_PIN);
    }

    /** As {@link #initToken(String)} with another security officer PIN (a blank's delivery PIN). */
    public static SoftHsmToken initToken(String label, String soPin) {
        return initToken(configuration(), label, soPin);
    }

    /** As {@link #initToken(String)} in the SoftHSM2 configuration {@code conf} (see {@link #configurationIn}). */
    public static SoftHsmToken initToken(Path conf, String label, String soPin) {
        run(conf, "softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", USER_PIN);
        String slots = run(conf, "softhsm2-util", "--show-slots");
        return new SoftHsmToken(label, serialOf(slots, label), soPin, USER_PIN, modulePath(), conf);
    }

    /** Removes a token made by {@link #initToken} (found by serial: the application may have relabelled it). */
    public static void deleteToken(SoftHsmToken token) {
        run(token.confFile(), "softhsm2-util", "--delete-token", "--serial", token.serial());
    }

    static String serialOf(String showSlots, String label) {
        // One block per slot; SoftHSM 2.6 prints "Serial number:" before "Label:", older ones after it.
        for (String block : showSlots.split("(?m)^Slot ")) {
            String serial = null;
            boolean labelMatches = false;
            for (String line : block.split("\\R")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("Serial number:")) {
                    serial = trimmed.substring("Serial number:".length()).strip();
                } else if (trimmed.startsWith("Label:")) {
                    labelMatches = trimmed.substring("Label:".length()).strip().equals(label);
                }
            }
            if (labelMatches && serial != null && !serial.isEmpty()) {
                return serial;
            }
        }
        throw new IllegalStateException("Token " + label + " not in softhsm2-util --show-slots output:\n" + showSlots);
    }

    /** Runs a command with SOFTHSM2_CONF set; returns stdout+stderr, fails on a non-zero exit. */
    public static String run(Path conf, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SOFTHSM2_CONF", conf.toString());
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command[0] + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", redact(cmd)) + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command[0] + " (is it installed? see README)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command[0] + " interrupted", e);
        }
    }

    private static List<String> redact(List<String> cmd) {
        List<String> shown = new ArrayList<>(cmd);
        for (int i = 0; i + 1 < shown.size(); i++) {
            if (shown.get(i).matches("--(so-)?pin|--new-pin|-p")) {
                shown.set(i + 1, "****");
            }
        }
        return shown;
    }
}
