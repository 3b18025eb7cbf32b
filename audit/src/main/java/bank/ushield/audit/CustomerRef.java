package bank.ushield.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Non-reversible customer references for the audit log: a keyed hash (HMAC-SHA256, first 16 bytes, hex) of the
 * bank's customer number, so a manager can filter the log by customer while no customer number is stored in clear.
 * The key is the workstation's matching key, supplied by the caller.
 */
public final class CustomerRef {

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    });

    private CustomerRef() {
    }

    /** The reference for a customer number under the given key; the same inputs always give the same reference. */
    public static String of(byte[] key, String customerNo) {
        if (key == null || key.length < 16) {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "The customer reference key must be at least 16 bytes.");
        }
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal(customerNo.strip().getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(out, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("c-[0-9a-f]{32}");

    /** True when the text has the shape of a reference made by {@link #of}. */
    public static boolean isReference(String text) {
        // Compiled once: every append with a customer checks this (String.matches compiles the pattern each time).
        return text != null && REFERENCE.matcher(text).matches();
    }
}
