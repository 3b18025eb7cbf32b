package bank.ushield.db;

import java.time.Duration;

/** After {@code maxFailures} wrong passwords in a row an account is locked for {@code lockFor}. */
public record LockoutPolicy(int maxFailures, Duration lockFor) {

    /** 5 failures, 15 minutes. */
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, Duration.ofMinutes(15));

    public LockoutPolicy {
        if (maxFailures < 1 || lockFor.isNegative() || lockFor.isZero()) {
            throw new IllegalArgumentException("Lockout needs at least one try and a positive period");
        }
    }
}
