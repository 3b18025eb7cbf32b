package bank.ushield.idverification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one rule check found: its verdict, the reason when it did not simply pass (a PASS may carry an advisory reason,
 * e.g. {@link ReasonCode#SELF_SERVICE_AVAILABLE}), and evidence for the audit log. Evidence values are already
 * masked by the check; nothing in here is a full ID or card number.
 */
public record Finding(Check check, Verdict verdict, ReasonCode reason, Map<String, String> evidence) {

    /** Which of the checks produced a result. */
    public enum Check { ID_DOCUMENT, DOCUMENT_MATCH, BANK_CARD, TOKEN_IDENTITY, ELIGIBILITY }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        if (verdict != Verdict.PASS && reason == null) {
            throw new IllegalArgumentException(verdict + " needs a reason code");
        }
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence == null ? Map.of() : evidence));
    }

    public static Finding pass(Check check, Map<String, String> evidence) {
        return new Finding(check, Verdict.PASS, null, evidence);
    }

    /** A pass the teller should be told something about. */
    public static Finding passWithNote(Check check, ReasonCode note, Map<String, String> evidence) {
        return new Finding(check, Verdict.PASS, Objects.requireNonNull(note), evidence);
    }

    public static Finding fail(Check check, ReasonCode reason, Map<String, String> evidence) {
        return new Finding(check, Verdict.FAIL, reason, evidence);
    }

    public static Finding needsManager(Check check, ReasonCode reason, Map<String, String> evidence) {
        return new Finding(check, Verdict.NEEDS_MANAGER, reason, evidence);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    public Optional<ReasonCode> reasonCode() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return check + ":" + verdict + (reason == null ? "" : "(" + reason + ")") + evidence;
    }
}
