package bank.ushield.db;

import java.time.Instant;

/**
 * One row of {@code renewal_case}: the persisted part of a renewal. {@code version} is the optimistic lock: an update
 * succeeds only if the row still has the version it was read with. The renewal module owns what the states mean.
 */
public record RenewalCaseRow(long id, String caseNo, String workstationId, String tellerLogin, Long customerId,
                             Long tokenId, Long oldCertificateId, Long newCertificateId, CaseState state,
                             String abortReason, String newKeyId, byte[] csrDer, String csrKeySha256,
                             Long requestBatchId, Instant openedAt, Instant updatedAt, long version) {

    /** The same case in another state; {@code abortReason} is required for ABORTED and dropped otherwise. */
    public RenewalCaseRow withState(CaseState newState, String abortReason) {
        return new RenewalCaseRow(id, caseNo, workstationId, tellerLogin, customerId, tokenId, oldCertificateId,
                newCertificateId, newState, newState == CaseState.ABORTED ? abortReason : null, newKeyId, csrDer,
                csrKeySha256, requestBatchId, openedAt, updatedAt, version);
    }

    public RenewalCaseRow withCustomer(Long newCustomerId) {
        return new RenewalCaseRow(id, caseNo, workstationId, tellerLogin, newCustomerId, tokenId, oldCertificateId,
                newCertificateId, state, abortReason, newKeyId, csrDer, csrKeySha256, requestBatchId, openedAt, updatedAt,
                version);
    }

    public RenewalCaseRow withToken(Long newTokenId, Long newOldCertificateId) {
        return new RenewalCaseRow(id, caseNo, workstationId, tellerLogin, customerId, newTokenId, newOldCertificateId,
                newCertificateId, state, abortReason, newKeyId, csrDer, csrKeySha256, requestBatchId, openedAt, updatedAt,
                version);
    }

    /** The new key pair's CKA_ID and the CSR made with it (and the SHA-256 of its SubjectPublicKeyInfo). */
    public RenewalCaseRow withRequest(String newKeyIdHex, byte[] csr, String csrKeySha256Hex) {
        return new RenewalCaseRow(id, caseNo, workstationId, tellerLogin, customerId, tokenId, oldCertificateId,
                newCertificateId, state, abortReason, newKeyIdHex, csr, csrKeySha256Hex, requestBatchId, openedAt,
                updatedAt, version);
    }

    public RenewalCaseRow withRequestBatch(Long batchId) {
        return new RenewalCaseRow(id, caseNo, workstationId, tellerLogin, customerId, tokenId, oldCertificateId,
                newCertificateId, state, abortReason, newKeyId, csrDer, csrKeySha256, batchId, openedAt, updatedAt,
                version);
    }

    public RenewalCaseRow withNewCertificate(Long certificateId) {
        return new RenewalCaseRow(id, caseNo, workstationId, tellerLogin, customerId, tokenId, oldCertificateId,
                certificateId, state, abortReason, newKeyId, csrDer, csrKeySha256, requestBatchId, openedAt, updatedAt,
                version);
    }

    @Override
    public String toString() {
        return "RenewalCaseRow[id=" + id + ", caseNo=" + caseNo + ", state=" + state + ", version=" + version + "]";
    }
}
