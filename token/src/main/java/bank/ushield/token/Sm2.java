package bank.ushield.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2 (GM/T 0003) with SM3 as GM/T 0009 uses it: the signature hashes Z, a digest of the signer's user ID and public
 * key, before the message. Tokens that sign a raw digest need Z computed here; {@link #contentSigner} signs with a
 * software key and an explicit user ID (BouncyCastle's JcaContentSignerBuilder takes no SM2 parameter).
 */
public final class Sm2 {

    /** The GM/T 0009 default user ID; OpenSSL before 4.0 defaults to an empty one, so always pass it there. */
    public static final String DEFAULT_USER_ID = "1234567812345678";

    /** The SM3withSM2 signature algorithm, 1.2.156.10197.1.501, as it appears in requests and certificates. */
    public static final AlgorithmIdentifier SM3_WITH_SM2 = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);

    private static final X9ECParameters CURVE = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);

    private Sm2() {
    }

    /** DER of the curve OID sm2p256v1 (1.2.156.10197.1.301), as CKA_EC_PARAMS wants it. */
    public static byte[] curveParams() {
        try {
            return GMObjectIdentifiers.sm2p256v1.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] defaultUserId() {
        return DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII);
    }

    /** Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA). */
    public static byte[] z(PublicKey key, byte[] userId) {
        if (!(key instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException("not an SM2 public key: " + key.getAlgorithm());
        }
        SM3Digest d = new SM3Digest();
        int bits = userId.length * 8;
        d.update((byte) (bits >> 8));
        d.update((byte) bits);
        d.update(userId, 0, userId.length);
        for (java.math.BigInteger v : new java.math.BigInteger[] {CURVE.getCurve().getA().toBigInteger(),
                CURVE.getCurve().getB().toBigInteger(), CURVE.getG().getAffineXCoord().toBigInteger(),
                CURVE.getG().getAffineYCoord().toBigInteger(), ec.getW().getAffineX(), ec.getW().getAffineY()}) {
            byte[] b = BigIntegers.asUnsignedByteArray(32, v);
            d.update(b, 0, b.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** e = SM3(Z || message): what a token's raw SM2 mechanism signs. */
    public static byte[] digest(PublicKey key, byte[] userId, byte[] message) {
        byte[] z = z(key, userId);
        SM3Digest d = new SM3Digest();
        d.update(z, 0, z.length);
        d.update(message, 0, message.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** A verifier-side check: does the DER signature verify over the message with this key and user ID? */
    public static boolean verifies(PublicKey key, byte[] userId, byte[] message, byte[] signature) {
        try {
            Signature v = Signature.getInstance("SM3withSM2", KeyEncoding.BC);
            v.setParameter(new SM2ParameterSpec(userId));
            v.initVerify(key);
            v.update(message);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A ContentSigner (requests, certificates, CRLs) for a software SM2 key with an explicit user ID. */
    public static ContentSigner contentSigner(PrivateKey key, byte[] userId) {
        byte[] id = Arrays.copyOf(userId, userId.length);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return SM3_WITH_SM2;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    Signature s = Signature.getInstance("SM3withSM2", KeyEncoding.BC);
                    s.setParameter(new SM2ParameterSpec(id));
                    s.initSign(key);
                    s.update(buffer.toByteArray());
                    buffer.reset();
                    return s.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("SM2 signing failed", e);
                }
            }
        };
    }
}
