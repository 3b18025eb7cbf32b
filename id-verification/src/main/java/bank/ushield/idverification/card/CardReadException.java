package bank.ushield.idverification.card;

/** The card could not be read; {@link #problem()} says why in a way a UI can explain. */
public class CardReadException extends Exception {

    /** What went wrong, as a teller would act on it. */
    public enum Problem { NO_READER, NO_CARD, NOT_UNIONPAY_CHIP, CARD_ERROR, MALFORMED_DATA }

    private final Problem problem;

    public CardReadException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public CardReadException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
