package bank.ushield.renewal;

/** Masks personal data for receipts, logs and toString: the audit log's rules (1101**********1234), plus BIN + last four. */
public final class Masking {

    private Masking() {
    }

    /** ID number: first 4 and last 4 kept, the rest as stars. */
    public static String idNumber(String number) {
        return bank.ushield.audit.Masking.idNumber(number);
    }

    /** Card number as 6222 **** **** 1234. */
    public static String cardNumber(String pan) {
        return bank.ushield.audit.Masking.cardNumber(pan);
    }

    /** Card shown from what the database keeps (BIN and last four). */
    public static String cardFromParts(String bin, String last4) {
        return (bin == null ? "****" : bin.substring(0, Math.min(4, bin.length()))) + " **** **** " + last4;
    }

    /** Name as 张* (first character kept). */
    public static String name(String name) {
        return bank.ushield.audit.Masking.name(name);
    }
}
