package bank.ushield.casync;

/** A ca-sync operation failed for a reason other than a refused batch (folders, database, signing key). */
public final class CaSyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed, for a UI to explain. */
    public enum Code {
        /** Writing or moving a batch file failed (disk full, permissions). */
        FILE_IO,
        /** Head office's shared folder is not there (share not mounted); nothing was exchanged. */
        FOLDER_MISSING,
        /** Applying a verified batch failed; nothing was applied and the file stays in the inbox for a retry. */
        IMPORT_FAILED,
        /** Writing a request batch failed; no case was marked as sent. */
        EXPORT_FAILED
    }

    private final Code code;

    public CaSyncException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What failed. */
    public Code code() {
        return code;
    }
}
