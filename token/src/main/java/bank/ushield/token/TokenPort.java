package bank.ushield.token;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The desk reader(s) and the U-shields in them. Two adapters: PKCS#11 (a vendor module or SoftHSM2) and the
 * simulated token used in training mode. Tokens are found by serial, never by slot id.
 */
public interface TokenPort extends AutoCloseable {

    /** The readers (slots) and whether a token is in each. */
    List<ReaderSlot> readers();

    /** The tokens present in any reader now. */
    List<TokenInfo> presentTokens();

    /**
     * As {@link #presentTokens()}, for a reader looking for one token: a module that must re-read its readers to see
     * a new token (C_Finalize + C_Initialize) may skip that when {@code wanted} is already listed.
     */
    default List<TokenInfo> presentTokens(String wanted) {
        return presentTokens();
    }

    /**
     * The token with this serial if a reader holds it now, without re-reading the readers (a module that must re-read
     * them to see a new token may miss one inserted since; {@link #presentTokens(String)} does not).
     */
    default Optional<TokenInfo> present(String serial) {
        return presentTokens(serial).stream().filter(t -> t.serial().equals(serial)).findFirst();
    }

    default Optional<TokenInfo> find(String serial) {
        return presentTokens().stream().filter(t -> t.serial().equals(serial)).findFirst();
    }

    /**
     * Opens a read/write session on the token with this serial (read-only if the token is write-protected).
     *
     * @throws TokenException TOKEN_NOT_FOUND if no reader holds it
     */
    TokenSession open(String serial);

    /**
     * Initialises the token with this serial as the branch hands it out (C_InitToken): every object on it goes, the
     * serial stays, the label becomes {@code label}; then, with {@code userPin} not null, the security officer sets
     * that user PIN (C_InitPIN). With a null {@code userPin} the token is left wiped and without a user PIN (a retired
     * token whose keys are destroyed). No session may be open on the token. Both PIN arrays are wiped.
     *
     * @throws TokenException WRONG_PIN (the security officer PIN), PIN_INVALID, TOKEN_NOT_FOUND, WRITE_PROTECTED, ...
     */
    void initialise(String serial, char[] soPin, String label, char[] userPin);

    /**
     * Opens a session on the token with this serial where a reader holds it now (without re-reading the readers, as
     * {@link #present(String)}), runs {@code work} on it and closes it: one hand-over to the token's thread where the
     * adapter has one. {@code work} must not wait for a person (no PIN prompt).
     *
     * @throws TokenException TOKEN_NOT_FOUND if no reader holds it
     */
    default <T> T inSession(String serial, java.util.function.Function<TokenSession, T> work) {
        if (present(serial).isEmpty()) {
            throw new TokenException(TokenProblem.TOKEN_NOT_FOUND, "The token " + serial + " is not in any reader");
        }
        try (TokenSession session = open(serial)) {
            return session.batch("Read the token", () -> work.apply(session));
        }
    }

    /** Polls the readers and reports insertions and removals until the returned handle is closed. */
    AutoCloseable watch(TokenListener listener, Duration interval);

    @Override
    void close();

    /** A reader (slot) and the token in it, if any. */
    record ReaderSlot(String description, Optional<TokenInfo> token) {
    }
}
