package bank.ushield.idverification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check found: its outcome, the reason when it did not simply pass (a PASS may carry an advisory reason,
 * e.g. {@link ReasonCode#SELF_SERVICE_AVAILABLE}), and evidence for the audit log. Evidence values are already
 * masked by the check; nothing in here is a full ID or card number.
 */
public record CheckResult(Check check, Outcome outcome, ReasonCode reason, Map<String, String> evidence) {

    /** Which of the checks produced a result. */
    public enum Check { ID_DOCUMENT, DOCUMENT_MATCH, BANK_CARD, TOKEN_IDENTITY, ELIGIBILITY }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != Outcome.PASS && reason == null) {
            throw new IllegalArgumentException(outcome + " needs a reason code");
        }
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence == null ? Map.of() : evidence));
    }

    public static CheckResult pass(Check check, Map<String, String> evidence) {
        return new CheckResult(check, Outcome.PASS, null, evidence);
    }

    /** A pass the teller should be told something about. */
    public static CheckResult passWithNote(Check check, ReasonCode note, Map<String, String> evidence) {
        return new CheckResult(check, Outcome.PASS, Objects.requireNonNull(note), evidence);
    }

    public static CheckResult fail(Check check, ReasonCode reason, Map<String, String> evidence) {
        return new CheckResult(check, Outcome.FAIL, reason, evidence);
    }

    public static CheckResult needsManager(Check check, ReasonCode reason, Map<String, String> evidence) {
        return new CheckResult(check, Outcome.NEEDS_MANAGER, reason, evidence);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    public Optional<ReasonCode> reasonCode() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return check + ":" + outcome + (reason == null ? "" : "(" + reason + ")") + evidence;
    }
}
