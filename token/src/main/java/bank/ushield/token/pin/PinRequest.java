package bank.ushield.token.pin;

/**
 * What a PIN prompt shows: which token, and the PIN state so the UI can warn ("last try before the PIN locks").
 *
 * @param previousAttemptFailed true when this prompt follows a wrong PIN (or, for a new PIN, a confirmation that
 *                              did not match)
 * @param purpose               whether the customer types the PIN to log in, or chooses a new one (twice)
 */
public record PinRequest(String tokenSerial, String tokenLabel, PinStatus pinStatus, boolean previousAttemptFailed,
                         Purpose purpose) {

    /** A login prompt. */
    public PinRequest(String tokenSerial, String tokenLabel, PinStatus pinStatus, boolean previousAttemptFailed) {
        this(tokenSerial, tokenLabel, pinStatus, previousAttemptFailed, Purpose.LOGIN);
    }

    public PinRequest {
        purpose = purpose == null ? Purpose.LOGIN : purpose;
    }

    /** Why the PIN is asked for. */
    public enum Purpose {
        /** The customer types the token's PIN to log in. */
        LOGIN,
        /** The customer chooses the PIN of a new token. */
        CHOOSE_NEW,
        /** The customer types the chosen PIN again. */
        CONFIRM_NEW
    }
}
