package bank.ushield.db;

/** A database problem that the caller cannot fix by retrying (broken file, missing folder, failed migration). */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
