package bank.ushield.token;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Conversions between token encodings (raw ECDSA r||s, CKA_EC_POINT, RSA modulus) and standard Java/X.509 forms. */
public final class KeyEncoding {

    /** BouncyCastle as a provider object, not registered JVM-wide: SM2 and SM3 exist only there. */
    public static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /** DER of the P-256 curve OID, as CKA_EC_PARAMS wants it. */
    public static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;

    private KeyEncoding() {
    }

    public static byte[] p256Params() {
        try {
            return P256.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ECDSA or SM2 r||s (as C_Sign returns it) to the DER SEQUENCE{r, s} X.509 and CMS use. */
    public static byte[] ecdsaPlainToDer(byte[] plain) {
        int n = plain.length / 2;
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(plain, 0, n))));
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(plain, n, plain.length))));
        try {
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key as a provider can use it: an SM2 key read by the JDK (from a certificate) is a bare encoding the JDK
     * cannot verify with, so it is re-read by BouncyCastle; other keys are returned as they are.
     */
    public static PublicKey usable(PublicKey key) {
        if (key instanceof java.security.interfaces.ECPublicKey || !"EC".equals(key.getAlgorithm())) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new TokenException(TokenProblem.CERTIFICATE_MISMATCH, "The certificate's key cannot be read", e);
        }
    }

    /**
     * Parses a DER certificate: by the JDK, except an SM2 one (SM2 key or SM3withSM2 signature), which the JDK
     * cannot read ("Unknown named curve") and BouncyCastle does.
     */
    public static java.security.cert.X509Certificate certificate(byte[] der) throws java.security.cert.CertificateException {
        java.security.cert.CertificateFactory cf;
        try {
            cf = isSm2(org.bouncycastle.asn1.x509.Certificate.getInstance(der))
                    ? java.security.cert.CertificateFactory.getInstance("X.509", BC)
                    : java.security.cert.CertificateFactory.getInstance("X.509");
        } catch (IllegalArgumentException e) {
            throw new java.security.cert.CertificateException("not an X.509 certificate", e);
        }
        return (java.security.cert.X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    /** Whether the certificate has an SM2 key or an SM3withSM2 signature (then only BouncyCastle handles it). */
    public static boolean isSm2(java.security.cert.X509Certificate certificate) {
        try {
            return isSm2(org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    private static boolean isSm2(org.bouncycastle.asn1.x509.Certificate c) {
        return GMObjectIdentifiers.sm2sign_with_sm3.equals(c.getSignatureAlgorithm().getAlgorithm())
                || GMObjectIdentifiers.sm2p256v1.equals(c.getSubjectPublicKeyInfo().getAlgorithm().getParameters());
    }

    public static PublicKey rsaPublicKey(BigInteger modulus, BigInteger exponent) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new TokenException(TokenProblem.DEVICE_ERROR, "The token returned an unusable RSA public key", e);
        }
    }

    /** An EC public key from CKA_EC_PARAMS and CKA_EC_POINT (raw or DER OCTET STRING wrapped). */
    public static PublicKey ecPublicKey(byte[] ecParams, byte[] ecPoint) {
        try {
            byte[] point = ecPoint;
            if (point.length > 0 && point[0] == 0x04 && point.length % 2 == 0) {
                // DER OCTET STRING (tag 0x04) around the point: an uncompressed point alone has odd length.
                point = ASN1OctetString.getInstance(point).getOctets();
            }
            ASN1Primitive curve = ASN1Primitive.fromByteArray(ecParams);
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point);
            // The JDK's EC provider knows no sm2p256v1; BouncyCastle does.
            KeyFactory kf = GMObjectIdentifiers.sm2p256v1.equals(curve) ? KeyFactory.getInstance("EC", BC) : KeyFactory.getInstance("EC");
            return kf.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new TokenException(TokenProblem.DEVICE_ERROR, "The token returned an unusable EC public key", e);
        }
    }
}
