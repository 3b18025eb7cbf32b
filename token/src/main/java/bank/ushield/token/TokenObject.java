package bank.ushield.token;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * One object on the token as the workstation sees it.
 *
 * @param id             CKA_ID (null when the object has none)
 * @param algorithm      key type for keys, null for certificates or unknown key types
 * @param certificateDer DER of the certificate for certificate objects, else null
 */
public record TokenObject(ObjectKind kind, KeyId id, String label, KeyAlgorithm algorithm, byte[] certificateDer) {

    /** The certificate of a certificate object. */
    public X509Certificate certificate() {
        if (certificateDer == null) {
            throw new IllegalStateException("not a certificate object");
        }
        try {
            return KeyEncoding.certificate(certificateDer);
        } catch (CertificateException e) {
            throw new TokenException(TokenProblem.DEVICE_ERROR, "Certificate object " + label + " is not a valid X.509 certificate", e);
        }
    }

    @Override
    public String toString() {
        return kind + "[id=" + id + ", label=" + label + (algorithm != null ? ", " + algorithm : "") + "]";
    }
}
