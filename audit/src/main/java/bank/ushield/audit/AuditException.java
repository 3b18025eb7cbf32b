package bank.ushield.audit;

/** A problem of the audit log, with a code a screen can explain. Messages never carry secrets or personal data. */
public class AuditException extends RuntimeException {

    /** What went wrong, for a UI explainer. */
    public enum Code {
        /** A detail looked like a PIN, password or private key and was refused. */
        SECRET_REFUSED,
        /** An event was incomplete or malformed (missing actor, bad detail value). */
        INVALID_EVENT,
        /** The database could not record the entry; nothing was recorded. */
        STORAGE,
        /** The workstation key could not be created, opened or used. */
        KEYSTORE,
        /** A proof was asked for sizes or indexes the log does not have. */
        BAD_PROOF_REQUEST,
        /** The export could not be written. */
        EXPORT,
        /** The log contradicts head office's acknowledgement (truncated, rolled back or rewritten). */
        ANCHOR_CONTRADICTED,
        /** The step needs a role the actor does not have (e.g. only a manager signs off a day). */
        NOT_AUTHORISED,
        /** There is nothing to do (e.g. no entries on the day to sign off). */
        NOTHING_TO_DO
    }

    private final Code code;

    public AuditException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public AuditException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
