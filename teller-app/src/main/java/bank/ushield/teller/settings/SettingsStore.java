package bank.ushield.teller.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.theme.Theme;

/** Keeps {@link Settings} in settings.properties in the data folder (UTF-8, replaced atomically on save). */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private final Path file;

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve("settings.properties");
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults when none were saved; an unreadable value falls back to its default. */
    public Settings load() {
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            LOG.warn("Cannot read {}, using defaults", file, e);
            return Settings.defaults();
        }
        Settings d = Settings.defaults();
        return new Settings(p.getProperty("pkcs11.module", d.pkcs11Module()),
                p.getProperty("pkcs11.tokenLabel", d.tokenLabel()),
                p.getProperty("workstation.id", d.workstationId()),
                p.getProperty("headOffice.syncFolder", d.syncFolder()),
                p.getProperty("headOffice.certificate", d.headOfficeCert()),
                p.getProperty("headOffice.caCertificates", d.caCertificates()),
                enumOr(Language.class, p.getProperty("ui.language"), d.language()),
                enumOr(Theme.class, p.getProperty("ui.theme"), d.theme()),
                intOr(p.getProperty("ui.idleLockMinutes"), d.idleLockMinutes()),
                intOr(p.getProperty("audit.anchorIntervalMinutes"), d.anchorIntervalMinutes()),
                intOr(p.getProperty("sync.intervalMinutes"), d.syncMinutes()));
    }

    /**
     * Every key of the file as written, also those {@link Settings} does not hold (the branch database's, read by
     * the composition root); empty when there is no file.
     */
    public Properties properties() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                LOG.warn("Cannot read {}", file, e);
            }
        }
        return p;
    }

    /** Saves the settings; keys of the file that {@link Settings} does not hold are kept as they are. */
    public void save(Settings s) throws IOException {
        save(s, java.util.Map.of());
    }

    /**
     * Saves the settings and sets the given other keys (an empty value removes its key); keys of the file that
     * {@link Settings} does not hold are kept otherwise.
     */
    public void save(Settings s, java.util.Map<String, String> others) throws IOException {
        Properties p = properties();
        s.byName().forEach(p::setProperty);
        others.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                p.remove(k);
            } else {
                p.setProperty(k, v);
            }
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        // Owner-only like every data file (ADR 0065): the settings name the keys and folders of this workstation.
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "U-shield counter workstation settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static <E extends Enum<E>> E enumOr(Class<E> type, String value, E fallback) {
        try {
            return value == null ? fallback : Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
