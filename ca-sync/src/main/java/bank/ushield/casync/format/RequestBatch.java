package bank.ushield.casync.format;

import java.util.List;

/**
 * Payload of a branch-to-head-office batch: certificate requests, revocations of superseded certificates and the
 * latest signed audit checkpoint.
 */
public record RequestBatch(String format, int version, String kind, String workstation, String branch,
                           long sequence, String createdAt, RequestManifest manifest,
                           List<CertificateRequest> requests, List<RevocationRequest> revocations,
                           AuditCheckpoint auditCheckpoint, AuditAnchor auditAnchor) {
    public RequestBatch {
        requests = requests == null ? List.of() : List.copyOf(requests);
        revocations = revocations == null ? List.of() : List.copyOf(revocations);
    }

    /** A new request batch with the header and manifest filled in. */
    public static RequestBatch of(String workstation, String branch, long sequence, String createdAt,
                                  List<CertificateRequest> requests, List<RevocationRequest> revocations,
                                  AuditCheckpoint checkpoint) {
        return of(workstation, branch, sequence, createdAt, requests, revocations, checkpoint, null);
    }

    /** As above, with the consistency proof from head office's last acknowledged head to {@code checkpoint}. */
    public static RequestBatch of(String workstation, String branch, long sequence, String createdAt,
                                  List<CertificateRequest> requests, List<RevocationRequest> revocations,
                                  AuditCheckpoint checkpoint, AuditAnchor anchor) {
        return new RequestBatch(BatchFormat.FORMAT, BatchFormat.VERSION, BatchFormat.KIND_REQUEST, workstation, branch,
                sequence, createdAt, new RequestManifest(requests.size(), revocations.size(), checkpoint != null),
                requests, revocations, checkpoint, anchor);
    }

    /** Item counts, checked against the items on reading. */
    public record RequestManifest(int requests, int revocations, boolean auditCheckpoint) {
    }

    /**
     * One certificate request: the renewal case's reference, who it is for, and the PKCS#10 request (DER).
     * csrKeySha256 is the lowercase hex SHA-256 of the request's SubjectPublicKeyInfo DER.
     */
    public record CertificateRequest(String requestId, String customerNo, String tokenSerial, String csrKeySha256,
                                     byte[] csr) {
    }

    /** A certificate to revoke because the renewal supersedes it (RFC 5280 reason superseded). */
    public record RevocationRequest(String requestId, String issuer, String serialHex, String certificateSha256,
                                    String reason) {
    }

    /**
     * The branch's latest signed audit tree head, carried for the head office's consistency check: the signed
     * note text (C2SP checkpoint layout, see docs/audit-format.md), the signer's key id (hex SHA-256 of its
     * SubjectPublicKeyInfo) and the DER ECDSA signature over the note's UTF-8 bytes.
     */
    public record AuditCheckpoint(long treeSize, String rootHash, String signedAt, String keyId, String note,
                                  byte[] signature) {
        /** A checkpoint without its note and key id (the first form of this record; kept for callers of it). */
        public AuditCheckpoint(long treeSize, String rootHash, String signedAt, byte[] signature) {
            this(treeSize, rootHash, signedAt, null, null, signature);
        }
    }

    /**
     * The RFC 9162 consistency proof from the last head head office acknowledged ({@code fromTreeSize},
     * {@code fromRootHash}; 0 and the empty tree's root on first contact) to the batch's {@code auditCheckpoint}.
     * Hashes are lowercase hex.
     */
    public record AuditAnchor(long fromTreeSize, String fromRootHash, List<String> consistencyProof) {
        public AuditAnchor {
            consistencyProof = consistencyProof == null ? List.of() : List.copyOf(consistencyProof);
        }
    }
}
