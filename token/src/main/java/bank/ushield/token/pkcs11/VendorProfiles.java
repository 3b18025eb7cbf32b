package bank.ushield.token.pkcs11;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.token.TokenInfo;

/**
 * The vendor profiles a workstation knows: the ones IT put in the data folder's {@code vendor-profiles} (consulted
 * first, and replacing a shipped one of the same name), then the shipped defaults.
 */
public final class VendorProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(VendorProfiles.class);
    private static final String SHIPPED = "vendor-profiles/";
    private static final List<String> SHIPPED_NAMES = List.of("tass", "sansec");

    private final List<VendorProfile> profiles;

    public VendorProfiles(List<VendorProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    /** The shipped defaults only. */
    public static VendorProfiles shipped() {
        return new VendorProfiles(readShipped(List.of()));
    }

    /**
     * IT's profiles from {@code folder/*.properties} (if the folder exists), then the shipped ones.
     *
     * @throws bank.ushield.token.SettingsFileException naming the file and key when a profile is malformed
     */
    public static VendorProfiles load(Path folder) {
        List<VendorProfile> own = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                    String name = f.getFileName().toString().replaceFirst("\\.properties$", "");
                    try (InputStream in = Files.newInputStream(f)) {
                        own.add(VendorProfile.read(name, f.toAbsolutePath().toString(), in));
                    }
                    LOG.info("Vendor profile {} read from {}", name, f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the vendor profiles in " + folder, e);
            }
        }
        List<VendorProfile> all = new ArrayList<>(own);
        all.addAll(readShipped(own.stream().map(VendorProfile::name).toList()));
        return new VendorProfiles(all);
    }

    private static List<VendorProfile> readShipped(List<String> replaced) {
        List<VendorProfile> out = new ArrayList<>();
        for (String name : SHIPPED_NAMES) {
            if (replaced.contains(name)) {
                continue;
            }
            try (InputStream in = VendorProfiles.class.getResourceAsStream(SHIPPED + name + ".properties")) {
                out.add(VendorProfile.read(name, "vendor-profiles/" + name + ".properties (shipped)", in));
            } catch (IOException e) {
                throw new UncheckedIOException("shipped vendor profile " + name, e);
            }
        }
        return out;
    }

    /** The first profile for this token, if any. */
    public Optional<VendorProfile> forToken(TokenInfo token) {
        return profiles.stream().filter(p -> p.matches(token)).findFirst();
    }

    public List<VendorProfile> all() {
        return profiles;
    }
}
