package bank.ushield.token;

import java.security.PublicKey;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Key pair types the workstation puts on a U-shield; RSA-2048 is the bank's default. */
public enum KeyAlgorithm {
    RSA_2048("SHA256withRSA"),
    EC_P256("SHA256withECDSA"),
    /** SM2 (国密) on the curve sm2p256v1, signing SM3withSM2 with the GM/T 0009 user ID ({@link Sm2}). */
    SM2("SM3withSM2");

    private final String jcaSignatureName;

    KeyAlgorithm(String jcaSignatureName) {
        this.jcaSignatureName = jcaSignatureName;
    }

    /** The JCA name of the signature this key makes (SHA-256 based; SM3 for SM2). */
    public String jcaSignatureName() {
        return jcaSignatureName;
    }

    /**
     * The algorithm of a public key: SM2 keys are EC keys whose curve is sm2p256v1, so the curve decides.
     *
     * @throws TokenException UNSUPPORTED_MECHANISM for any other key type
     */
    public static KeyAlgorithm of(PublicKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return RSA_2048;
            case "EC", "ECDSA", "SM2":
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
                Object params = spki.getAlgorithm().getParameters();
                return GMObjectIdentifiers.sm2p256v1.equals(params instanceof ASN1ObjectIdentifier oid ? oid : null)
                        ? SM2 : EC_P256;
            default:
                throw new TokenException(TokenProblem.UNSUPPORTED_MECHANISM, "Unsupported key type " + key.getAlgorithm());
        }
    }
}
