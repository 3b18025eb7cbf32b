package bank.ushield.renewal.review;

import java.util.Arrays;
import java.util.List;

import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditOutcome;

/** The codes the review shows in its event and outcome columns (the audit log's event types and outcomes). */
public final class ReviewCodes {

    private ReviewCodes() {
    }

    /** Every audit event type code, in declaration order. */
    public static List<String> eventTypes() {
        return Arrays.stream(AuditEventType.values()).map(Enum::name).toList();
    }

    /** Every reason a verification can give ({@link VerifyOutcome.Broken#reason()}), in declaration order. */
    public static List<String> verifyReasons() {
        return java.util.stream.Stream.concat(Arrays.stream(bank.ushield.audit.VerifyReport.Kind.values()).map(Enum::name),
                java.util.stream.Stream.of(SIGNED_OFF_HEAD_CHANGED)).toList();
    }

    /** A log no longer holds the head a branch sign-off named for it (rewritten or cut short after the sign-off). */
    public static final String SIGNED_OFF_HEAD_CHANGED = "SIGNED_OFF_HEAD_CHANGED";

    /** Every way the log can contradict head office's acknowledgement ({@link VerifyOutcome.Contradicted#finding()}). */
    public static List<String> anchorFindings() {
        return Arrays.stream(bank.ushield.audit.AnchorCheck.Kind.values())
                .filter(k -> k != bank.ushield.audit.AnchorCheck.Kind.OK
                        && k != bank.ushield.audit.AnchorCheck.Kind.NO_ACKNOWLEDGEMENT)
                .map(Enum::name).toList();
    }

    /** Every audit outcome code (OK, FAILED, REFUSED, INFO...), in declaration order. */
    public static List<String> outcomes() {
        return Arrays.stream(AuditOutcome.values()).map(Enum::name).toList();
    }
}
