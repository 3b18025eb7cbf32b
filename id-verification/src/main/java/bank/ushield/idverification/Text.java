package bank.ushield.idverification;

import java.text.Normalizer;
import java.util.Locale;

/** Text rules shared by the checks: how names are compared and what counts as a half-width digit string. */
public final class Text {

    private Text() {
    }

    /**
     * A name as compared with the customer record: NFKC (full-width letters and digits become half-width), every
     * kind of space removed (ASCII, ideographic U+3000, no-break), the middle-dot variants of minority and foreign
     * names (· ・ • ‧ ･ and the hyphenation point) unified to U+00B7, Latin letters upper-cased.
     */
    public static String normaliseName(String name) {
        if (name == null) {
            return "";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return;
            }
            switch (cp) {
                case '\u30FB', '\u2022', '\u2027', '\uFF65', '\u2219', '\u22C5', '.' -> b.append('\u00B7');
                default -> b.appendCodePoint(cp);
            }
        });
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** True when every character is an ASCII digit 0-9 (full-width and other scripts' digits are not). */
    public static boolean isAsciiDigits(CharSequence s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Removes leading and trailing ASCII spaces and tabs only; anything else stays and is judged by the rule. */
    public static String trimAscii(String s) {
        if (s == null) {
            return "";
        }
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }
}
