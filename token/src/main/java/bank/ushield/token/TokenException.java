package bank.ushield.token;

import java.util.Optional;
import java.util.OptionalLong;
import bank.ushield.token.pin.PinStatus;

/**
 * A token operation failed with a typed {@link TokenProblem}. The PKCS#11 return code (when there is one) is kept
 * for the log. Messages never contain a PIN or key material.
 */
public class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TokenProblem problem;
    private final long returnCode;
    private final transient PinStatus pinStatus;

    public TokenException(TokenProblem problem, String message) {
        this(problem, message, -1, null, null);
    }

    public TokenException(TokenProblem problem, String message, Throwable cause) {
        this(problem, message, -1, null, cause);
    }

    public TokenException(TokenProblem problem, String message, long returnCode, PinStatus pinStatus, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.returnCode = returnCode;
        this.pinStatus = pinStatus;
    }

    public TokenProblem problem() {
        return problem;
    }

    /** The PKCS#11 CKR_* code behind this problem, if it came from a PKCS#11 call. */
    public OptionalLong returnCode() {
        return returnCode < 0 ? OptionalLong.empty() : OptionalLong.of(returnCode);
    }

    /** The PIN state after a failed login (tries left, locked), when the token reported it. */
    public Optional<PinStatus> pinStatus() {
        return Optional.ofNullable(pinStatus);
    }

    @Override
    public String toString() {
        String rc = returnCode < 0 ? "" : String.format(" [CKR 0x%X]", returnCode);
        return "TokenException " + problem + rc + ": " + getMessage();
    }
}
