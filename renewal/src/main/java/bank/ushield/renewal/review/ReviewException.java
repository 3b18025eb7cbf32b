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
        ALREADY_SIGNED_OFF("review.alreadySigned");

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
