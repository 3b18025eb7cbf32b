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
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Conversions between token encodings (raw ECDSA r||s, CKA_EC_POINT, RSA modulus) and standard Java/X.509 forms. */
public final class KeyEncoding {

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

    /** ECDSA r||s (as C_Sign returns it) to the DER SEQUENCE{r, s} X.509 and CMS use. */
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
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ASN1Primitive.fromByteArray(ecParams)), point);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new TokenException(TokenProblem.DEVICE_ERROR, "The token returned an unusable EC public key", e);
        }
    }
}
