package bank.ushield.token;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An open session on one token (identified by serial). Every write re-checks the serial first and stops with
 * TOKEN_SWAPPED or TOKEN_REMOVED if the token in the reader is not the one this session was opened on.
 * Close it to log out and release the session.
 */
public interface TokenSession extends AutoCloseable {

    /** The token's current info, read from the token (not cached). */
    TokenInfo info();

    String serial();

    /**
     * Logs the user in. The PIN array is wiped before this method returns, whatever the outcome.
     *
     * @throws TokenException WRONG_PIN (with the PIN status after the failure), PIN_LOCKED, ...
     */
    void login(char[] pin);

    /** Asks the prompter for the PIN and logs in; the PIN array is wiped afterwards. */
    default void login(PinPrompter prompter) {
        TokenInfo info = info();
        if (info.pinStatus().locked()) {
            throw new TokenException(TokenProblem.PIN_LOCKED, "The token PIN is locked", -1, info.pinStatus(), null);
        }
        char[] pin = prompter.promptPin(new PinRequest(info.serial(), info.label(), info.pinStatus(), false));
        if (pin == null) {
            throw new TokenException(TokenProblem.PIN_CANCELLED, "PIN entry was cancelled");
        }
        try {
            login(pin);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    boolean loggedIn();

    void logout();

    /** The key and certificate objects visible in this session (private keys only after login). */
    List<TokenObject> objects();

    /** The objects with this CKA_ID (a key pair and its certificate). */
    default List<TokenObject> objects(KeyId id) {
        return objects().stream().filter(o -> id.equals(o.id())).toList();
    }

    default List<X509Certificate> certificates() {
        return objects().stream().filter(o -> o.kind() == ObjectKind.CERTIFICATE).map(TokenObject::certificate).toList();
    }

    /** The public key of the key pair with this CKA_ID, if its public key object is on the token. */
    Optional<PublicKey> publicKey(KeyId id);

    /**
     * Generates a key pair on the token (private key sensitive, not extractable, sign only) with the plan's CKA_ID
     * and label, unless a complete key pair with that CKA_ID is already there: then that one is returned.
     */
    GeneratedKey generateKeyPair(KeyPlan plan);

    /**
     * Signs data on the token with the private key of this CKA_ID (SHA-256 with the key's algorithm).
     *
     * @return the signature as X.509/CMS expects it (PKCS#1 v1.5 for RSA, DER SEQUENCE{r,s} for ECDSA)
     */
    byte[] sign(KeyId id, byte[] data);

    /** Writes a certificate object with this CKA_ID and label (no checks: see {@link Repersonalisation}). */
    void writeCertificate(KeyId id, String label, X509Certificate certificate);

    /** Destroys every key and certificate object with this CKA_ID; returns how many were destroyed. */
    int destroyObjects(KeyId id, ObjectKind... kinds);

    @Override
    void close();
}
