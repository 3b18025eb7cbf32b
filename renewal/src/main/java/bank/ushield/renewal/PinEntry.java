package bank.ushield.renewal;

/**
 * Asks the customer for the token PIN (the teller app shows a dialog meant for the customer). The caller wipes the
 * returned array after use; null means the customer cancelled.
 */
@FunctionalInterface
public interface PinEntry {

    /**
     * @param attempt   1 for the first request, higher after a wrong PIN
     * @param triesLeft tries left as the token reports it, or -1 when it does not say
     */
    char[] askPin(int attempt, int triesLeft);
}
