package bank.ushield.teller.launch;

import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.slf4j.LoggerFactory;

/**
 * Work that the login window needs but that does not depend on the command line: started on a background
 * thread at the very beginning of main, so it runs while the main thread parses arguments, reads the settings
 * and sets up FlatLaf. Measured as the two slowest independent phases of a cold start: the font manager's look-up
 * of the CJK family named by the theme, and the logging system's start.
 */
public final class StartupWarmup {

    /** The theme's defaults, where the workstation's one font family is named. */
    static final String THEME_DEFAULTS = "/bank/ushield/teller/themes/FlatLaf.properties";

    private StartupWarmup() {
    }

    /** Starts the warm-up thread (daemon: it never holds the app open). */
    public static Thread begin() {
        Thread t = new Thread(StartupWarmup::run, "startup-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY);
        t.start();
        return t;
    }

    static void run() {
        String family = themeFontFamily();
        if (family != null) {
            // Resolving a physical family makes the font manager scan the installed fonts once (about a second
            // with the CJK collections); later look-ups, FlatLaf's included, hit its cache.
            new Font(family, Font.PLAIN, 12).getFamily();
            StartupTrace.mark("font family resolved");
        }
        LoggerFactory.getILoggerFactory();
        StartupTrace.mark("logging started");
    }

    /** The family of the theme's {@code defaultFont} line ({@code defaultFont = +2 "Family"}), or null. */
    static String themeFontFamily() {
        try (InputStream in = StartupWarmup.class.getResourceAsStream(THEME_DEFAULTS)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            String value = p.getProperty("defaultFont", "");
            int open = value.indexOf('"');
            int close = value.indexOf('"', open + 1);
            return open >= 0 && close > open ? value.substring(open + 1, close) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
