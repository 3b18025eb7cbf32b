package bank.ushield.audit;

import java.util.regex.Pattern;

import bank.ushield.db.CheckDigits;

/**
 * bank.ushield.db.Masking as it was before ADR 0105 (regular expressions, a stream), the oracle of
 * AuditDetailsGoldenTest: the masked text must not change.
 */
final class LegacyMasking {

    private static final Pattern ID_LIKE = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");
    private static final Pattern CARD_LIKE = Pattern.compile("\\d{13,19}");
    /** Spaces and dashes inside a card number; compiled once (the audit log masks cards on every append). */
    private static final Pattern CARD_SEPARATORS = Pattern.compile("[\\s-]");

    private LegacyMasking() {
    }

    /** An identity document number: first 4 and last 4 characters kept, the rest as '*'. */
    static String idNumber(String number) {
        if (number == null) {
            return null;
        }
        String n = number.strip();
        if (n.length() <= 8) {
            return "*".repeat(n.length());
        }
        return n.substring(0, 4) + "*".repeat(n.length() - 8) + n.substring(n.length() - 4);
    }

    /** A bank card number (spaces allowed): first 4 and last 4 digits, always shown as 6222 **** **** 1234. */
    static String cardNumber(String number) {
        if (number == null) {
            return null;
        }
        String digits = CARD_SEPARATORS.matcher(number).replaceAll("");
        if (digits.contains("*")) {
            return number.strip();
        }
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
    }

    /** A person's name: first character kept, every further letter as '*' (张三 gives 张*, 欧阳娜娜 gives 欧***). */
    static String name(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.isEmpty()) {
            return n;
        }
        StringBuilder out = new StringBuilder();
        int first = n.codePointAt(0);
        out.appendCodePoint(first);
        n.codePoints().skip(1).forEach(cp -> out.append(Character.isWhitespace(cp) || cp == '·' ? (char) cp : '*'));
        if (n.codePointCount(0, n.length()) == 1) {
            out.append('*');
        }
        return out.toString();
    }

    /** A phone number: first 3 and last 4 digits kept (138****5678). */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.strip();
        if (p.length() <= 7) {
            return "*".repeat(p.length());
        }
        return p.substring(0, 3) + "*".repeat(p.length() - 7) + p.substring(p.length() - 4);
    }

    /** An address: only the first 6 characters (province and city) kept. */
    static String address(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        int keep = Math.min(6, a.length());
        return a.substring(0, keep) + (a.length() > keep ? "****" : "");
    }

    /** True when the text is an unmasked 15- or 18-character ID number. */
    static boolean looksLikeIdNumber(String text) {
        return text != null && ID_LIKE.matcher(text.strip()).matches();
    }

    /** True when the text is an unmasked card number: 13 to 19 digits (spaces allowed) passing the Luhn check. */
    static boolean looksLikeCardNumber(String text) {
        if (text == null) {
            return false;
        }
        String digits = CARD_SEPARATORS.matcher(text).replaceAll("");
        return CARD_LIKE.matcher(digits).matches() && digits.length() >= 2
                && CheckDigits.luhnCheck(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1);
    }


    /** A card shown from what the database keeps (BIN and last four), as 6222 **** **** 1234. */
    static String card(String bin, String last4) {
        return (bin == null ? "****" : bin.substring(0, Math.min(4, bin.length()))) + " **** **** " + last4;
    }
}
