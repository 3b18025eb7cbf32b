package bank.ushield.renewal;

import bank.ushield.token.pin.PinPrompter;

/**
 * The U-shield in the desk reader as the renewal uses it (the token module's adapters behind it). Every write
 * re-checks the serial first, and every step is idempotent: repeating it after a crash finds what is already there.
 */
public interface TokenDesk {

    /**
     * Reads the token in the reader; with several readers, the one holding {@code registeredSerial} if any, else
     * the first. @throws RenewalException TOKEN_ABSENT
     */
    PresentedToken read(String registeredSerial);

    /** Reads the token in the (first) reader. @throws RenewalException TOKEN_ABSENT */
    default PresentedToken read() {
        return read(null);
    }

    /**
     * Makes (or, after a crash, finds) the key pair with CKA_ID {@code keyId} and returns a PKCS#10 request signed on
     * the token.
     */
    GeneratedRequest generateKeyAndRequest(String expectedSerial, String keyId, String subjectDn, PinPrompter pin);

    /**
     * As {@link #generateKeyAndRequest(String, String, String, PinPrompter)} with the key the case's {@link KeyChoice}
     * names (null: the desk's configured key). Desks that make one kind only ignore it.
     */
    default GeneratedRequest generateKeyAndRequest(String expectedSerial, String keyId, String subjectDn, KeyKind kind,
                                                   PinPrompter pin) {
        return generateKeyAndRequest(expectedSerial, keyId, subjectDn, pin);
    }

    /**
     * Installs the certificate beside its key (no-op when present), then removes the superseded key pairs
     * ({@code oldKeyIds}: comma-separated CKA_IDs in hex) and their certificates.
     */
    void install(String expectedSerial, String newKeyId, byte[] certificateDer, String oldKeyIds, PinPrompter pin);

    /** Logs in, signs a challenge with the new key, verifies it with the new certificate, checks the old key is gone. */
    SelfTestReport selfTest(String expectedSerial, String newKeyId, byte[] certificateDer, String oldKeyIds,
                            PinPrompter pin);

    /**
     * The customer leaves the counter: the logged-in token session kept between this visit's steps (one PIN per
     * visit, ADR 0074) is logged out and closed, so a later visit asks for the PIN again.
     */
    default void endVisit() {
    }

    /**
     * Initialises the blank token with this serial for a customer (ADR 0077): everything on it wiped, the serial kept,
     * the user PIN the customer chose set (the array is wiped).
     *
     * @throws RenewalException TOKEN_ABSENT, NEW_TOKEN_REFUSED (faulty, or not the security officer PIN it was
     *                          delivered with), NEW_PIN_INVALID, NOT_AVAILABLE_IN_THIS_SETUP (no security officer PIN)
     */
    default void initialise(String serial, String label, char[] userPin) {
        java.util.Arrays.fill(userPin, '\0');
        throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "initialise");
    }

    /**
     * Retires a replaced token: re-initialised without a user PIN, so every key and certificate on it is destroyed.
     *
     * @throws RenewalException TOKEN_ABSENT, TOKEN_FAULT, NOT_AVAILABLE_IN_THIS_SETUP
     */
    default void retire(String serial) {
        throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "retire");
    }

    /** A PKCS#10 request made on the token. */
    record GeneratedRequest(String keyId, byte[] csrDer, String publicKeySha256) {
    }

    /** What the self-test found; {@code failure} is null when it passed. */
    record SelfTestReport(boolean loggedIn, boolean signatureVerified, boolean oldKeyGone, String failure) {
        public boolean passed() {
            return failure == null && loggedIn && signatureVerified && oldKeyGone;
        }
    }
}
