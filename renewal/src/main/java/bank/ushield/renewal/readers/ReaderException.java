package bank.ushield.renewal.readers;

/**
 * A counter reader (ID card or bank card chip) could not read: the reader's own exception is the cause, its problem
 * kept as a renewal {@link Failure} so the screens need not see id-verification.
 */
public class ReaderException extends Exception {

    /** Why the read failed; the names are those of id-verification's card and ID card read problems. */
    public enum Failure { NO_READER, NO_CARD, NOT_UNIONPAY_CHIP, CARD_ERROR, MALFORMED_DATA, UNSUPPORTED_CARD_TYPE }

    private final Failure failure;

    public ReaderException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    ReaderException(Failure failure, Exception cause) {
        super(cause.getMessage(), cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
