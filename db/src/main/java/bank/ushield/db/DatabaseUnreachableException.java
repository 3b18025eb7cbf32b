package bank.ushield.db;

/** The branch's PostgreSQL server cannot be reached or refuses the login; nothing was read or written. */
public final class DatabaseUnreachableException extends DatabaseException {
    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
