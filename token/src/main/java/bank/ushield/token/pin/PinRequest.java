package bank.ushield.token.pin;

/**
 * What a PIN prompt shows: which token, and the PIN state so the UI can warn ("last try before the PIN locks").
 *
 * @param previousAttemptFailed true when this prompt follows a wrong PIN
 */
public record PinRequest(String tokenSerial, String tokenLabel, PinStatus pinStatus, boolean previousAttemptFailed) {
}
