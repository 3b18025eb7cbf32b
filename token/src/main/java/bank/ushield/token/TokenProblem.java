package bank.ushield.token;

/** What went wrong with a token, in terms a teller (and the UI's explainer) can act on. */
public enum TokenProblem {
    /** The PIN was not accepted; see {@link TokenException#pinStatus()} for how many tries remain. */
    WRONG_PIN,
    /** The PIN is blocked after too many wrong tries; the customer needs an unblock at the bank. */
    PIN_LOCKED,
    /** The PIN has expired or must be changed before use. */
    PIN_EXPIRED,
    /** The PIN has a format the token refuses (length, characters). */
    PIN_INVALID,
    /** The customer cancelled the PIN entry. */
    PIN_CANCELLED,
    /** An operation needs a logged-in session and there is none. */
    NOT_LOGGED_IN,
    /** No token with the wanted serial is in any reader. */
    TOKEN_NOT_FOUND,
    /** The token was pulled out (or the reader lost it) during the operation. */
    TOKEN_REMOVED,
    /** A different token is now in the reader than the one the operation started with. */
    TOKEN_SWAPPED,
    /** The token refuses writes. */
    WRITE_PROTECTED,
    /** The token has no room left for new objects. */
    NO_SPACE,
    /** The token does not support the algorithm or mechanism asked for. */
    UNSUPPORTED_MECHANISM,
    /** The key (by CKA_ID) is not on the token, or is incomplete. */
    KEY_NOT_FOUND,
    /** The certificate does not belong to the new key on the token. */
    CERTIFICATE_MISMATCH,
    /** The certificate does not chain to the configured CA, or is not valid now. */
    CERTIFICATE_NOT_TRUSTED,
    /** A step was asked for before the step it depends on was done (e.g. cleanup before install). */
    STEP_OUT_OF_ORDER,
    /** The token or its driver failed in a way not listed above (kept with its return code for the log). */
    DEVICE_ERROR
}
