package bank.ushield.renewal;

import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The kind of key a certificate or request carries, as a receipt, the audit log and the token step name it:
 * {@link #label()} is the same in every language ("RSA-2048", "SM2"); legacy RSA-1024 is told apart.
 */
public enum KeyKind {
    RSA_1024("RSA-1024"),
    RSA_2048("RSA-2048"),
    EC_P256("EC P-256"),
    SM2("SM2"),
    /** Any other key (another RSA size, another curve). */
    OTHER("other");

    private final String label;

    KeyKind(String label) {
        this.label = label;
    }

    /** The name printed on receipts and written to the audit log. */
    public String label() {
        return label;
    }

    public static KeyKind of(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
            try {
                BigInteger modulus = ((ASN1Integer) ASN1Sequence.getInstance(spki.parsePublicKey()).getObjectAt(0))
                        .getPositiveValue();
                return switch (modulus.bitLength()) {
                    case 1024 -> RSA_1024;
                    case 2048 -> RSA_2048;
                    default -> OTHER;
                };
            } catch (java.io.IOException | RuntimeException e) {
                return OTHER;
            }
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
            Object curve = spki.getAlgorithm().getParameters();
            if (GMObjectIdentifiers.sm2p256v1.equals(curve)) {
                return SM2;
            }
            return SECObjectIdentifiers.secp256r1.equals(curve) ? EC_P256 : OTHER;
        }
        return OTHER;
    }

    /** The kind of key of a DER certificate; OTHER when it cannot be read. */
    public static KeyKind ofCertificate(byte[] der) {
        try {
            return of(Certificate.getInstance(der).getSubjectPublicKeyInfo());
        } catch (RuntimeException e) {
            return OTHER;
        }
    }

    /** The kind of key of a DER PKCS#10 request; OTHER when it cannot be read. */
    public static KeyKind ofRequest(byte[] der) {
        try {
            return of(new PKCS10CertificationRequest(der).getSubjectPublicKeyInfo());
        } catch (java.io.IOException | RuntimeException e) {
            return OTHER;
        }
    }
}
