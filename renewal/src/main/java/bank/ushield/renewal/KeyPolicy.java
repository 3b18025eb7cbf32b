package bank.ushield.renewal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.SettingsFileException;

/**
 * Which key a renewal makes, per token model (docs/renewal.md, "Key policy"): a properties file in the data folder,
 * {@code model.<model prefix>=rsa-2048 | sm2 | expiring}; models it does not name get the workstation's configured
 * algorithm. Legacy RSA-1024 keys are renewed at RSA-2048 where the token can make it, else the token is replaced.
 */
public final class KeyPolicy {

    /** The file in the data folder. */
    public static final String FILE = "key-policy.properties";

    private enum Rule { RSA_2048, SM2, EXPIRING }

    private final Map<String, Rule> byModel;
    private final KeyKind workstationDefault;

    private KeyPolicy(Map<String, Rule> byModel, KeyKind workstationDefault) {
        this.byModel = Map.copyOf(byModel);
        this.workstationDefault = workstationDefault;
    }

    /** No per-model rules: every token gets the workstation's algorithm (legacy RSA-1024 still upgraded). */
    public static KeyPolicy of(KeyAlgorithm workstationDefault) {
        return new KeyPolicy(Map.of(), kind(workstationDefault));
    }

    /**
     * Reads the policy file if it exists.
     *
     * @throws SettingsFileException naming the file and key when a value is not rsa-2048, sm2 or expiring
     */
    public static KeyPolicy load(Path file, KeyAlgorithm workstationDefault) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the key policy " + file, e);
            }
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("model.")) {
                    continue;
                }
                String value = p.getProperty(key).strip().toLowerCase(Locale.ROOT);
                Rule rule = switch (value) {
                    case "rsa-2048" -> Rule.RSA_2048;
                    case "sm2" -> Rule.SM2;
                    case "expiring" -> Rule.EXPIRING;
                    default -> throw SettingsFileException.notOneOf(SettingsFileException.name(file), key, value,
                            List.of("rsa-2048", "sm2", "expiring"));
                };
                rules.put(key.substring("model.".length()).toLowerCase(Locale.ROOT), rule);
            }
        }
        return new KeyPolicy(rules, kind(workstationDefault));
    }

    /**
     * Training: the folder's own policy file if a trainer put one there, else the shipped training policy
     * ({@code training/key-policy.properties}: SM2 training tokens are renewed with SM2).
     */
    public static KeyPolicy training(Path dataFolder, KeyAlgorithm workstationDefault) {
        Path own = dataFolder.resolve(FILE);
        if (Files.isRegularFile(own)) {
            return load(own, workstationDefault);
        }
        try (java.io.InputStream in = KeyPolicy.class.getResourceAsStream("training/" + FILE)) {
            Path tmp = Files.createTempFile("key-policy", ".properties");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return load(tmp, workstationDefault);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("shipped training key policy", e);
        }
    }

    /**
     * The key for a token of this model whose expiring certificate has a key of kind {@code expiring} (null when
     * unknown) and which can make {@code canMake}.
     */
    public KeyChoice choose(String model, KeyKind expiring, Set<KeyKind> canMake) {
        String m = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        Rule rule = byModel.entrySet().stream().filter(e -> m.startsWith(e.getKey()))
                .max(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length)))
                .map(Map.Entry::getValue).orElse(null);
        if (rule == Rule.RSA_2048 || rule == Rule.SM2) {
            KeyKind k = rule == Rule.SM2 ? KeyKind.SM2 : KeyKind.RSA_2048;
            return canMake.contains(k) ? new KeyChoice(k, KeyChoice.Basis.MODEL_POLICY)
                    : new KeyChoice(null, KeyChoice.Basis.MODEL_CANNOT);
        }
        if (expiring == KeyKind.RSA_1024) {
            return canMake.contains(KeyKind.RSA_2048) ? new KeyChoice(KeyKind.RSA_2048, KeyChoice.Basis.LEGACY_UPGRADED)
                    : new KeyChoice(null, KeyChoice.Basis.LEGACY_NEEDS_NEW_TOKEN);
        }
        if (rule == Rule.EXPIRING && expiring != null && expiring != KeyKind.OTHER) {
            return canMake.contains(expiring) ? new KeyChoice(expiring, KeyChoice.Basis.AS_EXPIRING)
                    : new KeyChoice(null, KeyChoice.Basis.MODEL_CANNOT);
        }
        return canMake.contains(workstationDefault) ? new KeyChoice(workstationDefault, KeyChoice.Basis.WORKSTATION_DEFAULT)
                : new KeyChoice(null, KeyChoice.Basis.MODEL_CANNOT);
    }

    public static KeyKind kind(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_2048 -> KeyKind.RSA_2048;
            case EC_P256 -> KeyKind.EC_P256;
            case SM2 -> KeyKind.SM2;
        };
    }

    /** The token algorithm for a key kind the workstation makes; null for RSA-1024 and other kinds. */
    public static KeyAlgorithm algorithm(KeyKind kind) {
        return switch (kind) {
            case RSA_2048 -> KeyAlgorithm.RSA_2048;
            case EC_P256 -> KeyAlgorithm.EC_P256;
            case SM2 -> KeyAlgorithm.SM2;
            default -> null;
        };
    }
}
