package bank.ushield.renewal;

import java.math.BigDecimal;

/**
 * The bank's policy for token replacements: the fee recorded on a completed replacement (a setting; default none).
 *
 * @param fee      null or zero: no fee
 * @param currency ISO 4217 code, e.g. CNY
 */
public record ReplacementPolicy(BigDecimal fee, String currency) {

    /** No fee. */
    public static final ReplacementPolicy NO_FEE = new ReplacementPolicy(null, "CNY");

    public ReplacementPolicy {
        if (fee != null && fee.signum() < 0) {
            throw new IllegalArgumentException("a replacement fee cannot be negative");
        }
        currency = currency == null || currency.isBlank() ? "CNY" : currency.strip();
    }

    /** True when a fee is to be recorded. */
    public boolean charges() {
        return fee != null && fee.signum() > 0;
    }
}
