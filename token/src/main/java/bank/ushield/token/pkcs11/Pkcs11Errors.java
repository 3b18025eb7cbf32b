package bank.ushield.token.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import bank.ushield.token.pin.PinStatus;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenProblem;

/** Maps PKCS#11 return codes to the domain's {@link TokenProblem}s, keeping the code for the log. */
public final class Pkcs11Errors {

    private Pkcs11Errors() {
    }

    /** The problem a CKR_* code stands for. */
    public static TokenProblem problemOf(long ckr) {
        if (ckr == CKR_PIN_INCORRECT) {
            return TokenProblem.WRONG_PIN;
        } else if (ckr == CKR_PIN_LOCKED) {
            return TokenProblem.PIN_LOCKED;
        } else if (ckr == CKR_PIN_EXPIRED) {
            return TokenProblem.PIN_EXPIRED;
        } else if (ckr == CKR_PIN_INVALID || ckr == CKR_PIN_LEN_RANGE) {
            return TokenProblem.PIN_INVALID;
        } else if (ckr == CKR_USER_NOT_LOGGED_IN || ckr == CKR_USER_PIN_NOT_INITIALIZED) {
            return TokenProblem.NOT_LOGGED_IN;
        } else if (ckr == CKR_TOKEN_NOT_PRESENT || ckr == CKR_DEVICE_REMOVED || ckr == CKR_SESSION_HANDLE_INVALID
                || ckr == CKR_SESSION_CLOSED || ckr == CKR_SLOT_ID_INVALID || ckr == CKR_TOKEN_NOT_RECOGNIZED) {
            return TokenProblem.TOKEN_REMOVED;
        } else if (ckr == CKR_TOKEN_WRITE_PROTECTED || ckr == CKR_SESSION_READ_ONLY) {
            return TokenProblem.WRITE_PROTECTED;
        } else if (ckr == CKR_DEVICE_MEMORY || ckr == CKR_TOKEN_RESOURCE_EXCEEDED) {
            return TokenProblem.NO_SPACE;
        } else if (ckr == CKR_MECHANISM_INVALID || ckr == CKR_MECHANISM_PARAM_INVALID || ckr == CKR_KEY_SIZE_RANGE
                || ckr == CKR_KEY_TYPE_INCONSISTENT || ckr == CKR_DOMAIN_PARAMS_INVALID || ckr == CKR_CURVE_NOT_SUPPORTED
                || ckr == CKR_FUNCTION_NOT_SUPPORTED || ckr == CKR_KEY_FUNCTION_NOT_PERMITTED) {
            return TokenProblem.UNSUPPORTED_MECHANISM;
        }
        return TokenProblem.DEVICE_ERROR;
    }

    /** A teller-readable exception for a failed call; the CKR code goes into the exception, not the sentence. */
    public static TokenException map(String operation, long ckr, PinStatus pinStatus, Throwable cause) {
        TokenProblem problem = problemOf(ckr);
        if (problem == TokenProblem.WRONG_PIN && pinStatus != null && pinStatus.locked()) {
            problem = TokenProblem.PIN_LOCKED;
        }
        return new TokenException(problem, operation + ": " + sentence(problem, pinStatus), ckr, pinStatus, cause);
    }

    /** The CKR_ name of a return code, for log lines. */
    public static String name(long ckr) {
        String name = ckrCodeToName(ckr);
        return name != null ? name : String.format("0x%08X", ckr);
    }

    static String sentence(TokenProblem problem, PinStatus pin) {
        return switch (problem) {
            case WRONG_PIN -> "the PIN is wrong" + triesText(pin);
            case PIN_LOCKED -> "the PIN is locked after too many wrong tries";
            case PIN_EXPIRED -> "the PIN has expired and must be changed";
            case PIN_INVALID -> "the PIN has a length or characters the token refuses";
            case NOT_LOGGED_IN -> "the token needs the PIN first";
            case TOKEN_REMOVED -> "the token was removed from the reader";
            case WRITE_PROTECTED -> "the token is write-protected";
            case NO_SPACE -> "the token has no space left";
            case UNSUPPORTED_MECHANISM -> "the token does not support this algorithm";
            default -> "the token reported an error";
        };
    }

    private static String triesText(PinStatus pin) {
        if (pin == null) {
            return "";
        }
        if (pin.triesLeft().isPresent()) {
            int left = pin.triesLeft().getAsInt();
            return left == 1 ? " (one try left before the PIN locks)" : " (" + left + " tries left)";
        }
        return pin.state() == PinStatus.State.COUNT_LOW ? " (few tries left before the PIN locks)" : "";
    }

    /** The PIN status from CK_TOKEN_INFO flags. */
    public static PinStatus pinStatusOf(long flags) {
        if ((flags & CKF_USER_PIN_LOCKED) != 0) {
            return PinStatus.of(PinStatus.State.LOCKED);
        } else if ((flags & CKF_USER_PIN_FINAL_TRY) != 0) {
            return PinStatus.of(PinStatus.State.FINAL_TRY);
        } else if ((flags & CKF_USER_PIN_COUNT_LOW) != 0) {
            return PinStatus.of(PinStatus.State.COUNT_LOW);
        } else if ((flags & CKF_USER_PIN_TO_BE_CHANGED) != 0) {
            return PinStatus.of(PinStatus.State.TO_BE_CHANGED);
        } else if ((flags & CKF_USER_PIN_INITIALIZED) == 0) {
            return PinStatus.of(PinStatus.State.NOT_INITIALIZED);
        }
        return PinStatus.OK;
    }
}
