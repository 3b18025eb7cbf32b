package bank.ushield.token;

import java.nio.file.Path;

/**
 * The configured PKCS#11 module library cannot be used: it is missing, cannot be loaded, is not a PKCS#11 module,
 * refuses to initialise, or crashes while starting. The message names the library and the precise cause (for the log and Details).
 */
public class TokenModuleException extends TokenException {

    private static final long serialVersionUID = 1L;

    /** Why the library cannot be used, so a screen can say what to check. */
    public enum Reason {
        /** No file at the path (or it is a folder). */
        MISSING,
        /** The system loader refuses the file (not a shared library, wrong architecture, missing dependency). */
        NOT_LOADABLE,
        /** A shared library, but it exports no C_GetFunctionList: not a PKCS#11 module. */
        NOT_PKCS11,
        /** The module loaded but C_Initialize failed (driver or its configuration). */
        INIT_FAILED,
        /** The module crashed or hung while starting in a child JVM; it was not loaded into this one. */
        CRASHED
    }

    private final Reason reason;
    private final transient Path library;

    public TokenModuleException(Reason reason, Path library, String message, long returnCode, Throwable cause) {
        super(TokenProblem.DEVICE_ERROR, message, returnCode, null, cause);
        this.reason = reason;
        this.library = library;
    }

    public Reason reason() {
        return reason;
    }

    /** The library path as configured. */
    public Path library() {
        return library;
    }
}
