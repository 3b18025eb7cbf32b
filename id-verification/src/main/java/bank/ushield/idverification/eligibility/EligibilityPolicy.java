package bank.ushield.idverification.eligibility;

import bank.ushield.idverification.Resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The renewal eligibility policy, read from a properties file (defaults shipped in
 * {@code eligibility-policy.properties}, from the bank's public rules): customers can renew themselves from
 * {@code selfServiceDaysBeforeExpiry} days before expiry to {@code selfServiceDaysAfterExpiry} days after it;
 * later, counter renewal is required. Token models listed as end-of-life need a replacement token.
 */
public record EligibilityPolicy(int selfServiceDaysBeforeExpiry, int selfServiceDaysAfterExpiry,
                                Set<String> endOfLifeModels, ZoneId zone) {

    private static final String DEFAULTS = "/bank/ushield/idverification/eligibility-policy.properties";

    public EligibilityPolicy {
        if (selfServiceDaysBeforeExpiry < 0 || selfServiceDaysAfterExpiry < 0) {
            throw new PolicyException("window days must not be negative");
        }
        endOfLifeModels = endOfLifeModels.stream().map(EligibilityPolicy::modelKey).collect(Collectors.toUnmodifiableSet());
    }

    /** The shipped defaults: 90 days before to 30 days after expiry, no end-of-life models, the branch zone. */
    public static EligibilityPolicy defaults() {
        return Resources.load(DEFAULTS, in -> read(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }

    /** Reads a policy file; keys it does not set take the shipped defaults. */
    public static EligibilityPolicy load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        }
    }

    /** Reads policy properties over the shipped defaults. */
    public static EligibilityPolicy read(Reader reader) throws IOException {
        Properties p = new Properties();
        try (InputStream in = EligibilityPolicy.class.getResourceAsStream(DEFAULTS)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        p.load(reader);
        return new EligibilityPolicy(
                days(p, "selfService.daysBeforeExpiry"),
                days(p, "selfService.daysAfterExpiry"),
                Arrays.stream(p.getProperty("token.endOfLifeModels", "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                zone(p.getProperty("zone")));
    }

    public boolean isEndOfLife(String model) {
        return model != null && endOfLifeModels.contains(modelKey(model));
    }

    private static String modelKey(String model) {
        return model.trim().toUpperCase(Locale.ROOT);
    }

    private static int days(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new PolicyException("policy setting " + key + " is missing");
        }
        try {
            int d = Integer.parseInt(v.trim());
            if (d < 0 || d > 3650) {
                throw new PolicyException("policy setting " + key + " must be between 0 and 3650 days, is " + d);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new PolicyException("policy setting " + key + " must be a whole number of days");
        }
    }

    private static ZoneId zone(String id) {
        if (id == null) { // the shipped defaults name it: only a damaged build gets here
            throw new PolicyException("policy setting zone is missing");
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new PolicyException("policy setting zone is not a time zone: " + id);
        }
    }

    /** The policy file is wrong; the message names the setting. */
    public static final class PolicyException extends RuntimeException {
        public PolicyException(String message) {
            super(message);
        }
    }
}
