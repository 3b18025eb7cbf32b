package bank.ushield.idverification;

/**
 * Masks personal data before it becomes audit evidence. The defaults follow the audit log's display rules
 * (ID number 1101**********1234, card 6222 **** **** 1234); a caller may pass its own implementation (e.g. the
 * audit module's masker) without this module depending on it.
 */
public interface EvidenceMasker {

    /** The default masking rules below. */
    EvidenceMasker DEFAULT = new EvidenceMasker() { };

    /** Document numbers: first four and last four characters kept. */
    default String documentNumber(String number) {
        return keepEnds(number, 4, 4);
    }

    /** Card numbers: first four and last four digits, grouped as printed. */
    default String cardNumber(String pan) {
        if (pan == null || pan.length() < 12 || pan.length() > 19 || !pan.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return stars(pan);
        }
        return pan.substring(0, 4) + " **** **** " + pan.substring(pan.length() - 4);
    }

    /** Names: first character kept, each other character replaced. */
    default String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        if (name.length() > 40) {
            return "<" + name.length() + " characters>";
        }
        name = printable(name);
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(name.codePointCount(first, name.length()));
    }

    /** Serial and voucher numbers: last four kept. */
    default String serial(String serial) {
        return keepEnds(serial, 0, 4);
    }

    /** Anything else short and personal (birth dates): fully replaced. */
    default String other(String value) {
        return stars(value);
    }

    private static String keepEnds(String s, int head, int tail) {
        if (s == null) {
            return "";
        }
        if (s.length() > 40) {
            return "<" + s.length() + " characters>";
        }
        s = printable(s);
        if (s.length() <= head + tail + 1) {
            return stars(s);
        }
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }

    /** Evidence goes into logs and JSON: control and format characters become '?'. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean hidden = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
            b.appendCodePoint(hidden ? '?' : cp);
        });
        return b.toString();
    }

    private static String stars(String s) {
        return s == null ? "" : "*".repeat(Math.min(s.length(), 32));
    }
}
