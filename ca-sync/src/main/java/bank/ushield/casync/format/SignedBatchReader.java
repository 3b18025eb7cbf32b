package bank.ushield.casync.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import bank.ushield.db.WorkPhaseEvent;

/**
 * Opens a signed batch file and checks it before anyone looks at its content: size limit, outer DER structure
 * (announced length against file size, read from the first bytes only), CMS SignedData with attached id-data
 * content, exactly one signer, that signer one of the trusted certificates given (never a certificate the file
 * carries itself), and the signature.
 */
public final class SignedBatchReader {

    /** Default size limit: far above a 10,000-certificate response (about 15 MB), far below memory trouble. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final List<X509CertificateHolder> trusted;
    private final long maxBytes;

    public SignedBatchReader(Collection<X509CertificateHolder> trusted, long maxBytes) {
        this.trusted = List.copyOf(trusted);
        this.maxBytes = maxBytes;
    }

    /** The verified content of a batch file, the certificate that signed it, and the file's own digest. */
    public record VerifiedBatch(byte[] payload, X509CertificateHolder signer, String fileSha256, long size) {
    }

    /** Reads and verifies the file; throws with the failed check's code, having read at most maxBytes. */
    public VerifiedBatch read(Path file) throws BatchRejectedException, IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new BatchRejectedException(RejectionCode.TOO_LARGE,
                    "The file has " + size + " bytes, more than the limit of " + maxBytes + " bytes; it was not read");
        }
        checkOuterStructure(file, size);
        byte[] bytes = Files.readAllBytes(file);
        return verify(bytes);
    }

    /** Verifies batch bytes already in memory (same checks as {@link #read} except the file size). */
    public VerifiedBatch verify(byte[] bytes) throws BatchRejectedException {
        try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.CMS_VERIFY)) {
            return verifySigned(bytes);
        }
    }

    private VerifiedBatch verifySigned(byte[] bytes) throws BatchRejectedException {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(bytes);
        } catch (CMSException | RuntimeException e) {
            throw new BatchRejectedException(RejectionCode.NOT_CMS, "The file is not a CMS SignedData structure", e);
        }
        if (!CMSObjectIdentifiers.data.getId().equals(signed.getSignedContentTypeOID()) || signed.getSignedContent() == null) {
            throw new BatchRejectedException(RejectionCode.NOT_CMS,
                    "The CMS SignedData does not carry its content (id-data) inside; detached signatures are not batches");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new BatchRejectedException(RejectionCode.WRONG_SIGNER,
                    "The batch has " + signers.size() + " signatures; exactly one is expected");
        }
        SignerInformation signer = signers.iterator().next();
        X509CertificateHolder cert = trustedFor(signer).orElseThrow(() -> new BatchRejectedException(
                RejectionCode.WRONG_SIGNER, "The batch is signed by " + describe(signed, signer)
                + ", which is not the trusted (pinned) certificate " + describeTrusted()));
        try {
            // Verify with the key, not the certificate: an expired pinned certificate must not read as a forgery.
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Pki.BC).build(Pki.publicKey(cert)))) {
                throw new BatchRejectedException(RejectionCode.BAD_SIGNATURE,
                        "The signature does not verify with the pinned certificate " + cert.getSubject()
                        + ": the batch was altered or forged");
            }
        } catch (CMSSignerDigestMismatchException e) {
            throw new BatchRejectedException(RejectionCode.BAD_SIGNATURE,
                    "The batch content does not match its signed digest: the file was altered after signing", e);
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            throw new BatchRejectedException(RejectionCode.BAD_SIGNATURE,
                    "The signature does not verify with the pinned certificate " + cert.getSubject() + ": "
                    + e.getMessage(), e);
        }
        java.util.Date signedAt = signingTime(signer);
        if (signedAt != null && !cert.isValidOn(signedAt)) {
            throw new BatchRejectedException(RejectionCode.EXPIRED_SIGNER, "The signature is sound, but the pinned "
                    + "certificate " + cert.getSubject() + " is valid only from " + cert.getNotBefore().toInstant()
                    + " to " + cert.getNotAfter().toInstant() + " and the batch was signed at " + signedAt.toInstant()
                    + ": install head office's current certificate");
        }
        byte[] payload = (byte[]) signed.getSignedContent().getContent();
        return new VerifiedBatch(payload, cert, Pki.sha256Hex(bytes), bytes.length);
    }

    /** The signing-time signed attribute, or null when absent or unreadable. */
    private static java.util.Date signingTime(SignerInformation signer) {
        try {
            org.bouncycastle.asn1.cms.AttributeTable attrs = signer.getSignedAttributes();
            org.bouncycastle.asn1.cms.Attribute a = attrs == null ? null
                    : attrs.get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_signingTime);
            return a == null ? null : org.bouncycastle.asn1.cms.Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Optional<X509CertificateHolder> trustedFor(SignerInformation signer) {
        return trusted.stream().filter(c -> signer.getSID().match(c)).findFirst();
    }

    private String describeTrusted() {
        List<String> names = new ArrayList<>();
        trusted.forEach(c -> names.add(c.getSubject() + " #" + c.getSerialNumber().toString(16)));
        return String.join(", ", names);
    }

    @SuppressWarnings("unchecked")
    private static String describe(CMSSignedData signed, SignerInformation signer) {
        Collection<X509CertificateHolder> carried = signed.getCertificates().getMatches(signer.getSID());
        if (!carried.isEmpty()) {
            X509CertificateHolder c = carried.iterator().next();
            return "'" + c.getSubject() + "' #" + c.getSerialNumber().toString(16);
        }
        if (signer.getSID().getIssuer() != null) {
            return "issuer '" + signer.getSID().getIssuer() + "' serial #" + signer.getSID().getSerialNumber().toString(16);
        }
        return "an unknown key";
    }

    /**
     * Reads at most 6 bytes: a batch is one DER/BER SEQUENCE; with a definite length, header plus length must be
     * the file size exactly. This rejects junk and truncated files without reading them.
     */
    static void checkOuterStructure(Path file, long size) throws IOException, BatchRejectedException {
        if (size < 2) {
            throw new BatchRejectedException(RejectionCode.NOT_CMS, "The file is empty or too short to be a batch");
        }
        byte[] head = new byte[6];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if ((head[0] & 0xff) != 0x30) {
            throw new BatchRejectedException(RejectionCode.NOT_CMS, String.format(
                    "The file does not start like a CMS structure (first byte 0x%02x, expected 0x30)", head[0] & 0xff));
        }
        int first = head[1] & 0xff;
        if (first == 0x80) {
            return; // BER indefinite length: the CMS parser finds the end (and a truncation) itself
        }
        long length;
        int headerLength;
        if (first < 0x80) {
            length = first;
            headerLength = 2;
        } else {
            int count = first & 0x7f;
            if (count > 4 || n < 2 + count) {
                throw new BatchRejectedException(RejectionCode.NOT_CMS, "The file's outer length field is not valid DER");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (head[2 + i] & 0xff);
            }
            headerLength = 2 + count;
        }
        long expected = headerLength + length;
        if (expected > size) {
            throw new BatchRejectedException(RejectionCode.TRUNCATED, "The file is truncated: its structure announces "
                    + expected + " bytes but the file has only " + size);
        }
        if (expected < size) {
            throw new BatchRejectedException(RejectionCode.TRAILING_DATA, "The file has " + (size - expected)
                    + " bytes after the end of its CMS structure");
        }
    }
}
