package bank.ushield.casync.format;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Small helpers over BouncyCastle: fingerprints and PEM text. */
public final class Pki {

    /** BouncyCastle as a provider object, used without registering it JVM-wide (verifiers need its EC support by OID). */
    public static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private Pki() {
    }

    /** Lowercase hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    /** SHA-256 of the bytes. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** The key id used to match certificates to requests: hex SHA-256 of the SubjectPublicKeyInfo DER. */
    public static String keySha256(SubjectPublicKeyInfo spki) {
        try {
            return sha256Hex(spki.getEncoded("DER"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JCA public key of a certificate (to check signatures made by its key outside CMS). */
    public static java.security.PublicKey publicKey(org.bouncycastle.cert.X509CertificateHolder certificate) {
        return x509(certificate).getPublicKey();
    }

    /** The certificate as a JCA certificate. */
    public static java.security.cert.X509Certificate x509(org.bouncycastle.cert.X509CertificateHolder certificate) {
        try {
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(BC)
                    .getCertificate(certificate);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("The certificate cannot be read", e);
        }
    }

    /** Whether the key is on the SM2 curve sm2p256v1 (an "EC" key to the JCA: the curve tells them apart). */
    public static boolean isSm2(java.security.Key key) {
        Object params;
        if (key instanceof java.security.PrivateKey) {
            params = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm()
                    .getParameters();
        } else {
            params = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
        }
        return org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1.equals(params);
    }

    /** PEM text of a BouncyCastle or JCA object (certificate, CRL, key). */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
