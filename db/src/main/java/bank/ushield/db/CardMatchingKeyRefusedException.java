package bank.ushield.db;

/** The workstation's card-matching key cannot be used with this database (docs/adr/0097); the message says why. */
public final class CardMatchingKeyRefusedException extends DatabaseException {
    /** Why the key was refused. */
    public enum Reason {
        /** The key file is gone while the database's cards were hashed with a key. */
        MISSING,
        /** The key file holds another key than the one the database recorded. */
        DIFFERENT
    }

    private final Reason reason;

    public CardMatchingKeyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the key was refused. */
    public Reason reason() {
        return reason;
    }
}
