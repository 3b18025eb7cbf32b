package bank.ushield.teller.wiring;

/**
 * The workstation cannot start in the chosen mode; the code tells the error dialog what to explain (Errors bundle,
 * Error.start.&lt;CODE&gt;). Messages name files and variables, never a password.
 */
public class WorkstationStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the start was refused. */
    public enum Code {
        /** Production needs the keystore password in USHIELD_KEYSTORE_PASSWORD and it is not set. */
        KEYSTORE_PASSWORD_MISSING,
        /** The workstation keystore does not open with the given password (or the file is damaged). */
        KEYSTORE_UNREADABLE,
        /** Production settings are incomplete (module, head-office folder or certificates). */
        NOT_CONFIGURED,
        /** The production database does not know this workstation: it was not set up (teller-app setup). */
        NOT_SET_UP,
        /** The production database holds training data. */
        TRAINING_DATA_IN_PRODUCTION,
        /** The training database holds production data. */
        PRODUCTION_DATA_IN_TRAINING
    }

    private final Code code;

    public WorkstationStartException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
