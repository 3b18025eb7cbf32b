package bank.ushield.renewal;

/** Masks personal data for receipts, logs and toString (same shapes as the audit log: 1101**********1234). */
public final class Masking {

    private Masking() {
    }

    /** ID number: first 4 and last 4 kept, the rest as stars. */
    public static String idNumber(String number) {
        if (number == null) {
            return null;
        }
        String n = number.strip();
        if (n.length() <= 8) {
            return "*".repeat(n.length());
        }
        return n.substring(0, 4) + "*".repeat(n.length() - 8) + n.substring(n.length() - 4);
    }

    /** Card number as 6222 **** **** 1234. */
    public static String cardNumber(String pan) {
        if (pan == null) {
            return null;
        }
        String digits = pan.replaceAll("\\s", "");
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
    }

    /** Card shown from what the database keeps (BIN and last four). */
    public static String cardFromParts(String bin, String last4) {
        return (bin == null ? "****" : bin.substring(0, Math.min(4, bin.length()))) + " **** **** " + last4;
    }

    /** Name as 张* (first character kept). */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
