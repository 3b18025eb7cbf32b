package bank.ushield.db;

/** The branch's PostgreSQL server cannot be reached or refuses the login; nothing was read or written. */
public final class DatabaseUnreachableException extends DatabaseException {

    private final boolean loginRefused;

    public DatabaseUnreachableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** {@code loginRefused}: the server answered but refused the user or its password (IT fixes the credentials). */
    public DatabaseUnreachableException(String message, Throwable cause, boolean loginRefused) {
        super(message, cause);
        this.loginRefused = loginRefused;
    }

    /** True when the server answered and refused the login; false when it could not be reached at all. */
    public boolean loginRefused() {
        return loginRefused;
    }
}
