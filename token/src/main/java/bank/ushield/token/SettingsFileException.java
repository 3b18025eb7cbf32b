package bank.ushield.token;

import java.nio.file.Path;
import java.util.List;

/**
 * A settings file IT keeps in the data folder (a vendor profile, the key policy) has a key that cannot be used. It
 * names the file, the key, what was found and what is expected, so a screen can word it (the message is for the log).
 * An {@link IllegalArgumentException}, as a malformed argument to the code reading it.
 */
public class SettingsFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the key. */
    public enum Fault {
        /** The key is required and absent (or blank). */
        MISSING,
        /** The key is required because another key has a given value ({@link #because()}). */
        NEEDED,
        /** The value is not a number (decimal, or hexadecimal with 0x). */
        NOT_A_NUMBER,
        /** The value is not one of {@link #expected()}. */
        NOT_ONE_OF
    }

    private final String file;
    private final String key;
    private final Fault fault;
    private final String found;
    private final List<String> expected;
    private final String because;

    private SettingsFileException(String file, String key, Fault fault, String found, List<String> expected,
                                  String because, String message) {
        super(file + ": " + message);
        this.file = file;
        this.key = key;
        this.fault = fault;
        this.found = found;
        this.expected = List.copyOf(expected);
        this.because = because;
    }

    /** {@code key} is required in {@code file} and absent. */
    public static SettingsFileException missing(String file, String key) {
        return new SettingsFileException(file, key, Fault.MISSING, "", List.of(), "", key + " is missing");
    }

    /** {@code key} is required because of {@code because} (e.g. "sm2.z=token"). */
    public static SettingsFileException needed(String file, String key, String because) {
        return new SettingsFileException(file, key, Fault.NEEDED, "", List.of(), because,
                because + " needs " + key);
    }

    /** {@code key}'s value {@code found} is not a number. */
    public static SettingsFileException notANumber(String file, String key, String found) {
        return new SettingsFileException(file, key, Fault.NOT_A_NUMBER, found, List.of(), "",
                key + " is not a number: " + found);
    }

    /** {@code key}'s value {@code found} is not one of {@code expected}. */
    public static SettingsFileException notOneOf(String file, String key, String found, List<String> expected) {
        return new SettingsFileException(file, key, Fault.NOT_ONE_OF, found, expected, "",
                key + " must be " + String.join(" or ", expected) + ", not " + found);
    }

    /** The file as a person finds it (a path, or "shipped profile tass"). */
    public String file() {
        return file;
    }

    public String key() {
        return key;
    }

    public Fault fault() {
        return fault;
    }

    /** The value found (empty when missing). */
    public String found() {
        return found;
    }

    /** The values allowed, for {@link Fault#NOT_ONE_OF}. */
    public List<String> expected() {
        return expected;
    }

    /** The other key and value that make this key required, for {@link Fault#NEEDED}. */
    public String because() {
        return because;
    }

    /** The file name for messages: the path as given. */
    public static String name(Path file) {
        return file.toAbsolutePath().toString();
    }
}
