package bank.ushield.casync.format;

import java.io.IOException;
import java.security.PrivateKey;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import bank.ushield.db.WorkPhaseEvent;

/**
 * Signs batches with a software private key and its certificate (the workstation's key from its PKCS#12, or the
 * simulated head office's sync key): CMS SignedData, SHA-256, signed attributes, signer certificate included.
 */
public final class KeyBatchSigner implements BatchSigner {

    private final PrivateKey key;
    private final X509CertificateHolder certificate;

    public KeyBatchSigner(PrivateKey key, X509CertificateHolder certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Signs with the workstation key and certificate kept by the audit module (PKCS#12 in the data folder). */
    public static KeyBatchSigner forWorkstation(bank.ushield.audit.WorkstationKeys keys) {
        try {
            return new KeyBatchSigner(keys.privateKey(),
                    new org.bouncycastle.cert.X509CertificateHolder(keys.certificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException | IOException e) {
            throw new IllegalStateException("The workstation certificate cannot be encoded", e);
        }
    }

    /**
     * The JCA signature algorithm for the key: SHA-256 with RSA PKCS#1 v1.5 or ECDSA, or SM3withSM2 for an SM2 key
     * (BouncyCastle's, with the GM/T 0009 default user ID 1234567812345678).
     */
    public static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> Pki.isSm2(key) ? "SM3withSM2" : "SHA256withECDSA";
            default -> throw new IllegalArgumentException("Unsupported key algorithm " + key.getAlgorithm());
        };
    }

    /**
     * A ContentSigner for certificates, CRLs and batches with this key, through BouncyCastle: the JDK has no SM2, and
     * its ECDSA P-256 costs several times BouncyCastle's (ADR 0095, 0101).
     */
    public static ContentSigner contentSigner(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(signatureAlgorithm(key)).setProvider(Pki.BC).build(key);
    }

    @Override
    public byte[] sign(byte[] payload) {
        try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.CMS_SIGN)) {
            ContentSigner signer = contentSigner(key);
            JcaDigestCalculatorProviderBuilder digests = new JcaDigestCalculatorProviderBuilder();
            if (Pki.isSm2(key)) {
                digests.setProvider(Pki.BC); // SM3
            }
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests.build()).build(signer, certificate));
            gen.addCertificate(certificate);
            return gen.generate(new CMSProcessableByteArray(payload), true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("Cannot sign the batch: " + e.getMessage(), e);
        }
    }

    @Override
    public X509CertificateHolder certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "KeyBatchSigner[" + certificate.getSubject() + "]";
    }
}
