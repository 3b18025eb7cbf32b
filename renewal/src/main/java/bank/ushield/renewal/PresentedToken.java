package bank.ushield.renewal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * What the reader reports about the token in it: identity, PIN state and the certificates on it.
 *
 * @param certificates the certificates on the token, with the CKA_ID of their key pair
 */
public record PresentedToken(String serial, String label, String model, String manufacturer, boolean pinLocked,
                             boolean pinCountLow, List<TokenCertificate> certificates, java.util.Set<KeyKind> canMake) {

    public PresentedToken {
        certificates = List.copyOf(certificates);
        canMake = java.util.Set.copyOf(canMake);
    }

    /** A token that can make every key the workstation knows (RSA-2048, EC P-256, SM2). */
    public PresentedToken(String serial, String label, String model, String manufacturer, boolean pinLocked,
                          boolean pinCountLow, List<TokenCertificate> certificates) {
        this(serial, label, model, manufacturer, pinLocked, pinCountLow, certificates,
                java.util.Set.of(KeyKind.RSA_2048, KeyKind.EC_P256, KeyKind.SM2));
    }

    /** A certificate found on the token. */
    public record TokenCertificate(String keyId, BigInteger serial, String subject, String issuer, Instant notBefore,
                                   Instant notAfter, byte[] der) {
    }
}
