package bank.ushield.casync.format;

/** A batch file failed a check; nothing from it was applied. The code says which check. */
public final class BatchRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectionCode code;

    public BatchRejectedException(RejectionCode code, String message) {
        super(message);
        this.code = code;
    }

    public BatchRejectedException(RejectionCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Which check failed. */
    public RejectionCode code() {
        return code;
    }
}
