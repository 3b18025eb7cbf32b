package bank.ushield.token.pin;

/**
 * Asks the customer for the token PIN. The UI (teller-app) implements it with its own dialog; the token module
 * never opens a window. The returned array is wiped by the caller after use.
 */
@FunctionalInterface
public interface PinPrompter {

    /**
     * @return the PIN the customer typed, or null if the customer cancelled
     */
    char[] promptPin(PinRequest request);
}
