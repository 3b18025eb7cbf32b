package bank.ushield.db;

/** Masks personal numbers for display and logs (JR/T 0171: ID and card numbers are sensitive). */
public final class Masking {
    private Masking() {
    }

    /** Keeps the first {@code head} and last {@code tail} characters, replaces the rest with '*'. */
    public static String keepEnds(String value, int head, int tail) {
        if (value == null) {
            return null;
        }
        if (value.length() <= head + tail) {
            return "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }

    /** A card number as the design shows it whatever its length: 6222 **** **** 1234. */
    public static String card(String bin, String last4) {
        return bin.substring(0, 4) + " **** **** " + last4;
    }
}
