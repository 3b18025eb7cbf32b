package bank.ushield.db;

/** Independent checks of generated numbers (written apart from the generator's own code on purpose). */
final class NumberChecks {
    private NumberChecks() {
    }

    /** GB 11643-1999: ISO 7064 MOD 11-2 over all 18 characters (X = 10) gives 1. */
    static boolean validResidentId(String id) {
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 18; i++) {
            int value = id.charAt(i) == 'X' ? 10 : id.charAt(i) - '0';
            int weight = (1 << (17 - i)) % 11; // 2^(n-1) mod 11, n = position from the right
            sum += value * weight;
        }
        return sum % 11 == 1;
    }

    /** Luhn: doubling every second digit from the right, the sum is a multiple of 10. */
    static boolean validLuhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
        }
        return sum % 10 == 0;
    }
}
