package bank.ushield.db;

import java.time.Instant;

/**
 * A certificate known to the workstation for a token. {@code der} may be null for generated training rows whose
 * certificate is made later. Arrays compare by identity in records: compare {@code der} with Arrays.equals.
 */
public record CertificateRecord(long id, long tokenId, String serialHex, String issuerDn, String subjectDn,
                                Instant notBefore, Instant notAfter, String sha256Fingerprint,
                                CertificateStatus status, byte[] der) {

    @Override
    public String toString() {
        return "CertificateRecord[id=" + id + ", tokenId=" + tokenId + ", serialHex=" + serialHex + ", notAfter="
                + notAfter + ", status=" + status + "]";
    }
}
