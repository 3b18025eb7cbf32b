package bank.ushield.db;

import java.util.regex.Pattern;

/**
 * Masks personal data for storage, screens and receipts: ID numbers as 1101**********1234, bank cards as
 * 6222 **** **** 1234, names as 张*, phones as 138****5678 (JR/T 0171: ID and card numbers are sensitive). Masking is
 * idempotent: a masked value stays as it is. The one place every module masks with.
 */
public final class Masking {

    private static final Pattern ID_LIKE = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");
    private static final Pattern CARD_LIKE = Pattern.compile("\\d{13,19}");

    private Masking() {
    }

    /** An identity document number: first 4 and last 4 characters kept, the rest as '*'. */
    public static String idNumber(String number) {
        if (number == null) {
            return null;
        }
        String n = number.strip();
        if (n.length() <= 8) {
            return "*".repeat(n.length());
        }
        return keepEnds(n, 4, 4);
    }

    /** A bank card number (spaces allowed): first 4 and last 4 digits, always shown as 6222 **** **** 1234. */
    public static String cardNumber(String number) {
        if (number == null) {
            return null;
        }
        String digits = withoutSeparators(number);
        if (digits.contains("*")) {
            return number.strip();
        }
        if (digits.length() < 8) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
    }

    /** A person's name: first character kept, every further letter as '*' (张三 gives 张*, 欧阳娜娜 gives 欧***). */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.isEmpty()) {
            return n;
        }
        // A loop, not a stream: the audit log masks a name on most appends, often before the JIT compiled anything.
        StringBuilder out = new StringBuilder(n.length() + 1);
        int first = n.codePointAt(0);
        out.appendCodePoint(first);
        int i = Character.charCount(first);
        if (i == n.length()) {
            return out.append('*').toString();
        }
        while (i < n.length()) {
            int cp = n.codePointAt(i);
            out.append(Character.isWhitespace(cp) || cp == '·' ? (char) cp : '*');
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** A phone number: first 3 and last 4 digits kept (138****5678). */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.strip();
        if (p.length() <= 7) {
            return "*".repeat(p.length());
        }
        return keepEnds(p, 3, 4);
    }

    /** An address: only the first 6 characters (province and city) kept. */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        int keep = Math.min(6, a.length());
        return a.substring(0, keep) + (a.length() > keep ? "****" : "");
    }

    /** True when the text is an unmasked 15- or 18-character ID number. */
    public static boolean looksLikeIdNumber(String text) {
        return text != null && ID_LIKE.matcher(text.strip()).matches();
    }

    /** True when the text is an unmasked card number: 13 to 19 digits (spaces allowed) passing the Luhn check. */
    public static boolean looksLikeCardNumber(String text) {
        if (text == null) {
            return false;
        }
        String digits = withoutSeparators(text);
        return CARD_LIKE.matcher(digits).matches() && CheckDigits.luhnValid(digits);
    }


    /** The text without the spaces and dashes of a card number (what the regular expression [\s-] matched). */
    private static String withoutSeparators(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean separator = c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f'
                    || c == '\r';
            if (separator && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!separator && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The first {@code head} and last {@code tail} characters of {@code s} with a '*' for each one between. */
    private static String keepEnds(String s, int head, int tail) {
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, head);
        for (int i = s.length() - head - tail; i > 0; i--) {
            out.append('*');
        }
        return out.append(s, s.length() - tail, s.length()).toString();
    }

    /** A card shown from what the database keeps (BIN and last four), as 6222 **** **** 1234. */
    public static String card(String bin, String last4) {
        return (bin == null ? "****" : bin.substring(0, Math.min(4, bin.length()))) + " **** **** " + last4;
    }
}
