package bank.ushield.idverification.document;

/**
 * ISO 7064 MOD 11-2 check character as GB 11643 uses it over 17 digits (weights 2^(17-i) mod 11, 'X' for 10).
 * Since 11 is prime and no weight is 0 mod 11, every single-digit substitution and every transposition of two
 * different adjacent digits (adjacent weights differ) changes the check: the tests assert this exhaustively.
 */
public final class Mod112 {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private Mod112() {
    }

    /** The check character for 17 ASCII digits. */
    public static char checkCharacter(CharSequence body17) {
        if (body17.length() != 17) {
            throw new IllegalArgumentException("MOD 11-2 needs 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = body17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("MOD 11-2 needs ASCII digits");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** True for 17 ASCII digits followed by the matching check character (upper-case X only). */
    public static boolean isValid(CharSequence number18) {
        if (number18 == null || number18.length() != 18) {
            return false;
        }
        CharSequence body = number18.subSequence(0, 17);
        for (int i = 0; i < 17; i++) {
            char c = body.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkCharacter(body) == number18.charAt(17);
    }
}
