package bank.ushield.renewal;

import java.util.Optional;

/**
 * The key a renewal makes on the customer's token and why, as the token step tells the teller; {@code kind} is null
 * when the token cannot make an acceptable key and must be replaced.
 */
public record KeyChoice(KeyKind kind, Basis basis) {

    /** Why this key (or why a replacement). */
    public enum Basis {
        /** The workstation's configured algorithm (no policy names this token model). */
        WORKSTATION_DEFAULT,
        /** The policy for this token model names the algorithm. */
        MODEL_POLICY,
        /** The same algorithm as the expiring certificate's key. */
        AS_EXPIRING,
        /** The expiring key is legacy RSA-1024; the new one is RSA-2048. */
        LEGACY_UPGRADED,
        /** The expiring key is legacy RSA-1024 and this token model cannot make RSA-2048: replace the token. */
        LEGACY_NEEDS_NEW_TOKEN,
        /** The algorithm the policy asks for is one this token model cannot make: replace the token. */
        MODEL_CANNOT
    }

    /** True when the token cannot be renewed and a new one from stock is needed. */
    public boolean replacementNeeded() {
        return kind == null;
    }

    /** The choice in the teller's words (bundle bank.ushield.renewal.KeyChoice). */
    public String words(java.util.Locale locale) {
        java.util.ResourceBundle text = java.util.ResourceBundle.getBundle("bank.ushield.renewal.KeyChoice", locale);
        return java.text.MessageFormat.format(text.getString(basis.name()),
                kind == null ? "" : text.getString("kind." + kind.name()));
    }

    /** How the case keeps it (renewal_case_progress.key_algorithm), e.g. "SM2:MODEL_POLICY". */
    public String stored() {
        return (kind == null ? "NONE" : kind.name()) + ":" + basis.name();
    }

    /** The choice a case keeps; empty for cases opened before choices were kept. */
    public static Optional<KeyChoice> parse(String stored) {
        if (stored == null || !stored.contains(":")) {
            return Optional.empty();
        }
        String[] p = stored.split(":", 2);
        try {
            return Optional.of(new KeyChoice(p[0].equals("NONE") ? null : KeyKind.valueOf(p[0]), Basis.valueOf(p[1])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
