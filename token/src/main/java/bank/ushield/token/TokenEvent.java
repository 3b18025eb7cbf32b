package bank.ushield.token;

/** A token came into or left a reader. */
public record TokenEvent(Type type, String serial, TokenInfo info) {

    /** Insertion or removal. */
    public enum Type { INSERTED, REMOVED }
}
