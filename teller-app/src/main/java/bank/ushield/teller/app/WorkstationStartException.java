package bank.ushield.teller.app;

import bank.ushield.teller.error.StartRefusal;

/**
 * The workstation cannot start in the chosen mode; the code tells the error dialog what to explain (Errors bundle,
 * Error.start.&lt;CODE&gt;). Messages name files and variables, never a password.
 */
public class WorkstationStartException extends RuntimeException implements StartRefusal.Carrier {

    private static final long serialVersionUID = 1L;

    private final StartRefusal code;

    public WorkstationStartException(StartRefusal code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public StartRefusal code() {
        return code;
    }

    @Override
    public StartRefusal refusal() {
        return code;
    }
}
