package bank.ushield.idverification.card;

/**
 * The Luhn (ISO/IEC 7812-1 annex B) check digit. It catches every single-digit substitution and every adjacent
 * transposition except 09 <-> 90, a known limit the property tests assert exactly.
 */
public final class Luhn {

    private Luhn() {
    }

    /** True for ASCII digits whose last digit is the Luhn check digit of the others. */
    public static boolean isValid(CharSequence digits) {
        if (digits == null || digits.length() < 2) {
            return false;
        }
        int sum = weightedSum(digits, false);
        return sum >= 0 && sum % 10 == 0;
    }

    /** The check digit to append to {@code body} (ASCII digits). */
    public static char checkDigit(CharSequence body) {
        int sum = weightedSum(body, true);
        if (sum < 0) {
            throw new IllegalArgumentException("Luhn needs ASCII digits");
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** Sum with every second digit from the right doubled (starting with the last one if asked); -1 for a non-digit. */
    private static int weightedSum(CharSequence digits, boolean doubleLast) {
        int sum = 0;
        boolean dbl = doubleLast;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int d = c - '0';
            if (dbl) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum;
    }
}
