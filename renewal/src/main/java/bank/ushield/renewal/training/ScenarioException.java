package bank.ushield.renewal.training;

/** A scenario file that cannot be used; the code tells a trainer screen what to explain. */
public final class ScenarioException extends RuntimeException {

    /** Why a scenario file was refused. */
    public enum Code { UNREADABLE, INVALID_JSON, MISSING_FIELD, DUPLICATE_ID, UNKNOWN_SCENARIO, INVALID_VALUE }

    private final Code code;
    private final String file;

    public ScenarioException(Code code, String file, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.file = file;
    }

    public ScenarioException(Code code, String file, String message) {
        this(code, file, message, null);
    }

    public Code code() {
        return code;
    }

    /** The file (or classpath resource) the problem is in. */
    public String file() {
        return file;
    }
}
