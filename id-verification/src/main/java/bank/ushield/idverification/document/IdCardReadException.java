package bank.ushield.idverification.document;

/** The ID card could not be read; {@link #problem()} says why in a way a UI can explain. */
public class IdCardReadException extends Exception {

    /** What went wrong, as a teller would act on it. */
    public enum Problem { NO_READER, NO_CARD, MALFORMED_DATA, UNSUPPORTED_CARD_TYPE }

    private final Problem problem;

    public IdCardReadException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
