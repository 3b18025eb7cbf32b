package bank.ushield.casync.format;

import java.util.List;

/**
 * Payload of a head-office-to-branch batch: issued certificates, rejections, the CA chain, CRLs and
 * reference-data updates such as tokens reported lost.
 */
public record ResponseBatch(String format, int version, String kind, String workstation, long sequence,
                            String createdAt, List<Long> inReplyTo, ResponseManifest manifest,
                            List<IssuedCertificate> issued, List<Rejection> rejected, List<byte[]> caChain,
                            List<byte[]> crls, List<TokenUpdate> tokenUpdates, AuditAcknowledgement auditAcknowledgement,
                            AuditAnchorRefusal auditAnchorRefusal) {
    public ResponseBatch {
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        issued = issued == null ? List.of() : List.copyOf(issued);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        caChain = caChain == null ? List.of() : List.copyOf(caChain);
        crls = crls == null ? List.of() : List.copyOf(crls);
        tokenUpdates = tokenUpdates == null ? List.of() : List.copyOf(tokenUpdates);
    }

    /** A new response batch with the header and manifest filled in. */
    public static ResponseBatch of(String workstation, long sequence, String createdAt, List<Long> inReplyTo,
                                   List<IssuedCertificate> issued, List<Rejection> rejected, List<byte[]> caChain,
                                   List<byte[]> crls, List<TokenUpdate> tokenUpdates) {
        return new ResponseBatch(BatchFormat.FORMAT, BatchFormat.VERSION, BatchFormat.KIND_RESPONSE, workstation,
                sequence, createdAt, inReplyTo,
                new ResponseManifest(issued.size(), rejected.size(), caChain.size(), crls.size(), tokenUpdates.size()),
                issued, rejected, caChain, crls, tokenUpdates, null, null);
    }

    /** This batch with head office's answer to the request's audit anchor: an acknowledgement or a refusal. */
    public ResponseBatch withAnchor(AuditAcknowledgement ack, AuditAnchorRefusal refusal) {
        return new ResponseBatch(format, version, kind, workstation, sequence, createdAt, inReplyTo, manifest, issued,
                rejected, caChain, crls, tokenUpdates, ack, refusal);
    }

    /** Item counts, checked against the items on reading. */
    public record ResponseManifest(int issued, int rejected, int caCertificates, int crls, int tokenUpdates) {
    }

    /** An X.509 certificate (DER) issued for a request; the branch matches it by its public key. */
    public record IssuedCertificate(String requestId, byte[] certificate) {
    }

    /** A request the head office refused, identified by the SHA-256 of the request's public key. */
    public record Rejection(String requestId, String csrKeySha256, String code, String reason) {
    }

    /** Reference data about a token; status LOST means the customer reported it lost. */
    public record TokenUpdate(String tokenSerial, String status, String reportedAt, String note) {
        /** Status meaning the token was reported lost. */
        public static final String LOST = "LOST";
    }

    /**
     * Head office's signed acknowledgement of the branch's audit tree head (docs/batch-format.md, "Anchoring"):
     * {@code note} is the signed text, {@code signature} head office's sync key's signature over its UTF-8 bytes,
     * {@code keyId} the hex SHA-256 of that key's SubjectPublicKeyInfo; the other members repeat the note.
     */
    public record AuditAcknowledgement(String workstation, long treeSize, String rootHash, String acknowledgedAt,
                                       long requestSequence, String keyId, String note, byte[] signature) {
        /**
         * The audit module's form (signature not checked here).
         *
         * @throws IllegalArgumentException when the root or time cannot be read
         */
        public bank.ushield.audit.AnchorAcknowledgement toAnchor() {
            try {
                return new bank.ushield.audit.AnchorAcknowledgement(workstation, treeSize,
                        java.util.HexFormat.of().parseHex(rootHash), java.time.Instant.parse(acknowledgedAt), note, keyId,
                        signature);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The acknowledgement's root or time cannot be read", e);
            }
        }
    }

    /** Head office refused request batch {@code requestSequence} because of its audit anchor; nothing of it was acted on. */
    public record AuditAnchorRefusal(long requestSequence, String code, String reason, long acknowledgedTreeSize,
                                     String acknowledgedAt) {
    }
}
