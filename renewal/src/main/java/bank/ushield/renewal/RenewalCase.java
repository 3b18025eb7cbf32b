package bank.ushield.renewal;

import java.time.Instant;
import java.util.Optional;
import bank.ushield.db.CaseState;

/**
 * A renewal case as stored: its state, the customer and token it is about, and what the steps produced so far.
 * Immutable snapshot; every step returns a fresh one.
 *
 * @param installStartedAt when the install step first went to write the certificate to the token (null: never)
 * @param pendingException the exception code waiting for a manager, or null when the case is not held
 */
public record RenewalCase(
        long id,
        String caseNo,
        String workstationId,
        String tellerLogin,
        Long customerId,
        Long tokenId,
        Long oldCertificateId,
        Long newCertificateId,
        CaseState state,
        AbortReason abortReason,
        String newKeyId,
        String csrKeySha256,
        Long requestBatchId,
        Instant openedAt,
        Instant updatedAt,
        long version,
        String tokenSerial,
        String oldKeyId,
        Instant keyGenerationStartedAt,
        Instant selfTestPassedAt,
        Instant installStartedAt,
        String selfTestFailure,
        String rejectionReason,
        String pendingException) {

    /** True while a manager must authorise before the case may go on. */
    public boolean awaitingManager() {
        return pendingException != null;
    }

    /** True while the case is neither completed nor aborted. */
    public boolean open() {
        return !state.terminal();
    }

    public Optional<AbortReason> abortReasonIfAny() {
        return Optional.ofNullable(abortReason);
    }
}
