package bank.ushield.renewal.review;

import java.time.LocalDate;

import bank.ushield.renewal.ProblemExplainer;

/** A sign-off the review refuses (the screens prevent it; this is the service's own guard). */
public final class ReviewException extends RuntimeException implements ProblemExplainer.Coded {

    /** Why the sign-off was refused. */
    public enum Reason {
        /** The day is today or later: entries may still come. */
        DAY_NOT_CLOSED("review.dayNotClosed"),
        /** Someone signed the day off already. */
        ALREADY_SIGNED_OFF("review.alreadySigned"),
        /** The co-signer is the manager who signs. */
        CO_SIGNER_SAME("review.coSignerSame"),
        /** The co-signer's account is not a manager's. */
        CO_SIGNER_NOT_A_MANAGER("review.coSignerNotManager"),
        /** The co-signer did or authorised one of the exceptions to co-sign. */
        CO_SIGNER_INVOLVED("review.coSignerInvolved"),
        /** Co-signing needs the staff directory, which this review was not given. */
        CO_SIGN_UNAVAILABLE("review.coSignUnavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }
    }

    private final Reason reason;

    public ReviewException(Reason reason, LocalDate day) {
        super(day.toString());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String problemCode() {
        return reason.code;
    }
}
