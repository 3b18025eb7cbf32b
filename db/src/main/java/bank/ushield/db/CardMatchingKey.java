package bank.ushield.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card-matching key: HMAC-SHA256 over a card number gives the value stored in {@code bank_card.pan_hmac}, so a
 * presented card can be matched without the database ever holding a card number. The 32-byte key lives in a file of
 * the data folder, created owner-only on first use; without the key the stored hashes cannot be brute-forced
 * (card numbers have too little entropy for a plain hash). See docs/adr/0005.
 */
public final class CardMatchingKey {
    /** The key file's name inside the data folder. */
    public static final String KEY_FILE = "card-matching.key";
    private static final int KEY_BYTES = 32;
    /** The card number whose keyed hash is the key check value (16 zeros: no issued card has it). */
    private static final String CHECK_INPUT = "0000000000000000";

    private final SecretKeySpec key;

    /** A hasher with the given key (tests); the array is copied. */
    public CardMatchingKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The card-matching key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** Loads {@value #KEY_FILE} from the data folder, creating it (owner read/write only) when absent. */
    public static CardMatchingKey forDataFolder(Path dataFolder) {
        return loadOrCreate(dataFolder.resolve(KEY_FILE));
    }

    /** Loads the key file, creating it with a fresh random key (owner read/write only) when absent. */
    public static CardMatchingKey loadOrCreate(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            byte[] key = Files.readAllBytes(keyFile);
            try {
                if (key.length != KEY_BYTES) {
                    throw new DatabaseException("Card-matching key file " + keyFile + " is damaged (" + key.length
                            + " bytes, expected " + KEY_BYTES + "); restore it from the backup of the data folder.");
                }
                return new CardMatchingKey(key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (IOException e) {
            throw new DatabaseException("Cannot read or create the card-matching key " + keyFile, e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        Path parent = keyFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            try {
                // Created with owner-only permissions from the start: no window where others could read it.
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(keyFile); // non-POSIX file system: rely on the data folder's own protection
            }
            Files.write(keyFile, key, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The keyed hash (64 hex digits) of a card number; spaces and dashes are ignored. */
    public String hash(CharSequence pan) {
        String digits = digitsOf(pan);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /**
     * The key check value: this key's hash of the card number 0000000000000000. Equal values mean the same key; the
     * value tells nothing about the key.
     */
    public String checkValue() {
        return hash(CHECK_INPUT);
    }

    /** The card number's digits; refuses anything that is not 13-19 digits (after removing spaces and dashes). */
    static String digitsOf(CharSequence pan) {
        StringBuilder digits = new StringBuilder(19);
        for (int i = 0; i < pan.length(); i++) {
            char c = pan.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-') {
                throw new IllegalArgumentException("A card number has only digits");
            }
        }
        if (digits.length() < 13 || digits.length() > 19) {
            throw new IllegalArgumentException("A card number has 13 to 19 digits, not " + digits.length());
        }
        return digits.toString();
    }

    @Override
    public String toString() {
        return "CardMatchingKey[key hidden]";
    }
}
