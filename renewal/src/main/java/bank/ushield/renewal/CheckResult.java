package bank.ushield.renewal;

import java.util.Map;
import java.util.Objects;

import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Verdict;

/**
 * The result of one of the three checks as the case records it: pass, fail with a reason code, or needs a manager
 * with an exception code (id-verification's reason codes, audited by name); the evidence is already masked and
 * goes into the audit entry as is.
 */
public record CheckResult(Check check, Verdict verdict, ReasonCode code, Map<String, Object> evidence) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        evidence = Map.copyOf(evidence);
        if (verdict != Verdict.PASS && code == null) {
            throw new IllegalArgumentException("a " + verdict + " needs a code");
        }
    }

    public static CheckResult pass(Check check, Map<String, Object> evidence) {
        return new CheckResult(check, Verdict.PASS, null, evidence);
    }

    public static CheckResult fail(Check check, ReasonCode code, Map<String, Object> evidence) {
        return new CheckResult(check, Verdict.FAIL, code, evidence);
    }

    public static CheckResult needsManager(Check check, ReasonCode code, Map<String, Object> evidence) {
        return new CheckResult(check, Verdict.NEEDS_MANAGER, code, evidence);
    }

    /** Which of the three checks. */
    public enum Check { IDENTITY, CARD, TOKEN }
}
