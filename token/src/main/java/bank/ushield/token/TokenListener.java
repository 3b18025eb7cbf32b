package bank.ushield.token;

/** Receives insertion and removal events from {@link TokenPort#watch}; called on the watcher's thread. */
@FunctionalInterface
public interface TokenListener {
    void onTokenEvent(TokenEvent event);
}
