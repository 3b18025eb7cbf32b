package bank.ushield.token;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pin.PinRequest;
import bank.ushield.token.pin.PinStatus;

/**
 * An open session on one token (identified by serial). Every write re-checks the serial first and stops with
 * TOKEN_SWAPPED or TOKEN_REMOVED if the token in the reader is not the one this session was opened on.
 * Close it to log out and release the session.
 */
public interface TokenSession extends AutoCloseable {

    /** How many PINs one {@link #login(PinPrompter)} asks for at most before it reports WRONG_PIN. */
    int MAX_PROMPTS_PER_LOGIN = 3;

    /** The token's current info, read from the token (not cached). */
    TokenInfo info();

    /**
     * The token's info as read when this session was opened (PKCS#11: the C_GetTokenInfo that found the token; no
     * call now). Only as fresh as the session: for a prompt right after {@link TokenPort#open}, not later.
     */
    default TokenInfo infoAtOpen() {
        return info();
    }

    String serial();

    /**
     * Logs the user in. The PIN array is wiped before this method returns, whatever the outcome.
     *
     * @throws TokenException WRONG_PIN (with the PIN status after the failure), PIN_LOCKED, ...
     */
    void login(char[] pin);

    /**
     * Asks the prompter for the PIN and logs in; after a wrong PIN it asks again, telling the prompter so and what
     * the token now says about tries left, until the login succeeds, the customer cancels (PIN_CANCELLED), the PIN
     * locks (PIN_LOCKED) or {@link #MAX_PROMPTS_PER_LOGIN} PINs were wrong (then WRONG_PIN: some tokens, SoftHSM2
     * among them, never lock). Every PIN array is wiped after use.
     */
    default void login(PinPrompter prompter) {
        login(prompter, info());
    }

    /**
     * As {@link #login(PinPrompter)}, the first prompt showing {@code info} (the PIN status just read, e.g.
     * {@link #infoAtOpen()} right after opening) instead of reading it again.
     */
    default void login(PinPrompter prompter, TokenInfo info) {
        PinStatus status = info.pinStatus();
        boolean failedBefore = false;
        for (int prompt = 1; ; prompt++) {
            if (status.locked()) {
                throw new TokenException(TokenProblem.PIN_LOCKED, "The token PIN is locked", -1, status, null);
            }
            char[] pin = prompter.promptPin(new PinRequest(info.serial(), info.label(), status, failedBefore));
            if (pin == null) {
                throw new TokenException(TokenProblem.PIN_CANCELLED, "PIN entry was cancelled");
            }
            try {
                login(pin);
                return;
            } catch (TokenException e) {
                if (e.problem() != TokenProblem.WRONG_PIN || prompt >= MAX_PROMPTS_PER_LOGIN) {
                    throw e;
                }
                failedBefore = true;
                status = e.pinStatus().orElse(PinStatus.of(PinStatus.State.COUNT_LOW));
            } finally {
                Arrays.fill(pin, '\0');
            }
        }
    }

    /**
     * Runs several calls on this session as one unit of work on the token's thread, saving a thread hand-over per
     * call (the PKCS#11 adapter runs every call on one thread). Nothing becomes atomic on the token.
     */
    default <T> T batch(String operation, java.util.function.Supplier<T> work) {
        return work.get();
    }

    /**
     * The key algorithms this token can make (PKCS#11: by its mechanisms, RSA only with 2048-bit keys, SM2 by a fitting
     * vendor profile; the simulated token: all).
     */
    default java.util.Set<KeyAlgorithm> algorithms() {
        return java.util.EnumSet.allOf(KeyAlgorithm.class);
    }

    boolean loggedIn();

    /**
     * Whether this session is still logged in on the token it was opened on, asked of the token now: a token pulled
     * out (and put back) or swapped has lost the login, so a session kept between steps must ask for the PIN again.
     */
    default boolean loginStillValid() {
        try {
            return loggedIn() && info().serial().equals(serial()) && loggedIn();
        } catch (TokenException | IllegalStateException e) {
            return false;
        }
    }

    void logout();

    /** The key and certificate objects visible in this session (private keys only after login). */
    List<TokenObject> objects();

    /** The objects with this CKA_ID (a key pair and its certificate), of the given kinds (all kinds if none given). */
    default List<TokenObject> objects(KeyId id, ObjectKind... kinds) {
        List<ObjectKind> wanted = kinds.length == 0 ? List.of(ObjectKind.values()) : List.of(kinds);
        return objects().stream().filter(o -> id.equals(o.id()) && wanted.contains(o.kind())).toList();
    }

    /** The objects with any of these CKA_IDs (PKCS#11: one search per id rather than one per kind). */
    default List<TokenObject> objectsWith(java.util.Collection<KeyId> ids) {
        return objects().stream().filter(o -> o.id() != null && ids.contains(o.id())).toList();
    }

    /** The objects of one kind (PKCS#11: one search by class rather than one per kind). */
    default List<TokenObject> objectsOf(ObjectKind kind) {
        return objects().stream().filter(o -> o.kind() == kind).toList();
    }

    default List<X509Certificate> certificates() {
        return objectsOf(ObjectKind.CERTIFICATE).stream().map(TokenObject::certificate).toList();
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
