package bank.ushield.token;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A key pair's CKA_ID on the token: it ties private key, public key and certificate together. */
public final class KeyId {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] bytes;

    private KeyId(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty CKA_ID");
        }
        this.bytes = bytes.clone();
    }

    public static KeyId of(byte[] bytes) {
        return new KeyId(bytes);
    }

    public static KeyId ofHex(String hex) {
        return new KeyId(HexFormat.of().parseHex(hex));
    }

    /** A fresh random 16-byte id, chosen (and persisted by the caller) before the key exists. */
    public static KeyId random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return new KeyId(b);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
