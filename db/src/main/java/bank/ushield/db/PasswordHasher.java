package bank.ushield.db;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (BouncyCastle) into PHC strings such as
 * {@code $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>}. A stored string carries its own parameters, so hashes made
 * with older parameters still verify and can be upgraded on the next good login ({@link #needsRehash}).
 * Passwords come as char[]; the UTF-8 bytes made from them are wiped after use. The caller owns (and wipes) the
 * char[] it passes.
 */
public final class PasswordHasher {

    /** Default cost for a 2-core workstation: 64 MiB, 3 passes, 1 lane (see docs/adr/0006). */
    public static final Params DEFAULT = new Params(64 * 1024, 3, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Params params;
    private final SecureRandom random;

    /** Argon2id cost parameters: memory in KiB, passes (iterations), lanes (parallelism). */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        public Params {
            if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
                throw new IllegalArgumentException("Argon2 parameters out of range: m=" + memoryKiB + " t=" + iterations
                        + " p=" + parallelism);
            }
        }
    }

    /** A hasher with the production defaults. */
    public PasswordHasher() {
        this(DEFAULT);
    }

    /** A hasher with other cost parameters (tests use cheap ones). */
    public PasswordHasher(Params params) {
        this(params, new SecureRandom());
    }

    PasswordHasher(Params params, SecureRandom random) {
        this.params = Objects.requireNonNull(params, "params");
        this.random = random;
    }

    /** The parameters new hashes are made with. */
    public Params params() {
        return params;
    }

    /** Hashes the password with a fresh random salt; the char[] is left as it is (the caller wipes it). */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        try {
            return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                    + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /** True when the password matches the stored PHC string (compared in constant time). Malformed strings never match. */
    public boolean verify(char[] password, String phc) {
        Phc parsed = Phc.parse(phc);
        if (parsed == null) {
            return false;
        }
        byte[] candidate = derive(password, parsed.salt, parsed.params, parsed.hash.length);
        try {
            return org.bouncycastle.util.Arrays.constantTimeAreEqual(candidate, parsed.hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    /** True when the stored string was made with other parameters than this hasher's (rehash after a good login). */
    public boolean needsRehash(String phc) {
        Phc parsed = Phc.parse(phc);
        return parsed == null || !parsed.params.equals(params);
    }

    /**
     * A well-formed hash with this hasher's parameters that no password matches (random salt and hash bytes, made
     * without running Argon2): verifying against it costs exactly what verifying a real account's password costs.
     */
    String unmatchableHash() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] utf8 = utf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(utf8, out);
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
            parameters.clear();
        }
    }

    /** UTF-8 bytes of the password without going through a String (which could not be wiped). */
    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    /** A parsed PHC string; null from parse when the text is not an Argon2id v19 string. */
    private record Phc(Params params, byte[] salt, byte[] hash) {
        static Phc parse(String text) {
            if (text == null) {
                return null;
            }
            String[] parts = text.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[0].isEmpty() || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                return null;
            }
            try {
                int m = -1;
                int t = -1;
                int p = -1;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                byte[] salt = B64D.decode(parts[4]);
                byte[] hash = B64D.decode(parts[5]);
                if (salt.length < 8 || hash.length < 16) {
                    return null;
                }
                return new Phc(new Params(m, t, p), salt, hash);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
