package bank.ushield.db;

/**
 * Check digits for made-up and masked numbers: GB 11643 (ISO 7064 MOD 11-2) for resident ID numbers and Luhn for
 * card numbers. Checking presented documents is id-verification's job.
 */
public final class CheckDigits {
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private CheckDigits() {
    }

    /** The 18th character for the first 17 digits of a resident ID number. */
    public static char residentIdCheck(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("17 digits expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK[sum % 11];
    }

    /** The Luhn digit to append to the given digits. */
    public static char luhnCheck(String digits) {
        int sum = 0;
        boolean doubleIt = true; // the digit left of the check digit is doubled
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** True for 2 or more ASCII digits whose last one is the Luhn digit of the others. */
    static boolean luhnValid(String digits) {
        return digits.length() >= 2 && digits.chars().allMatch(Character::isDigit)
                && luhnCheck(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1);
    }
}
