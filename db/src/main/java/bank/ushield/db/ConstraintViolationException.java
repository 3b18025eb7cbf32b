package bank.ushield.db;

/**
 * A row was refused by the schema: a duplicate (e.g. token serial already registered), a reference to a missing
 * row, or a value outside the allowed set. {@link #kind()} says which, so a screen can explain it.
 */
public final class ConstraintViolationException extends DatabaseException {

    /** Which rule of the schema refused the row. */
    public enum Kind {
        UNIQUE, FOREIGN_KEY, CHECK, NOT_NULL, OTHER
    }

    private final Kind kind;

    public ConstraintViolationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Which rule refused the row. */
    public Kind kind() {
        return kind;
    }
}
