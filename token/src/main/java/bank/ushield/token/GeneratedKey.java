package bank.ushield.token;

import java.security.PublicKey;

/**
 * The key pair made (or found again) by {@link TokenSession#generateKeyPair}.
 *
 * @param alreadyPresent true when a key pair with this CKA_ID was already on the token (resumed after a crash)
 */
public record GeneratedKey(KeyId id, String label, KeyAlgorithm algorithm, PublicKey publicKey, boolean alreadyPresent) {
}
