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

    /** True once the case is COMPLETED (renewed). */
    public boolean completed() {
        return state == CaseState.COMPLETED;
    }

    /** True while the case waits for head office's answer (CSR_QUEUED). */
    public boolean waitsForHeadOffice() {
        return state.waitsForHeadOffice();
    }

    /** True while the new key pair is still to be made (TOKEN_VERIFIED). */
    public boolean awaitsKeyGeneration() {
        return state == CaseState.TOKEN_VERIFIED;
    }

    /** True once the new certificate is on the token and only the self-test and completion remain. */
    public boolean certificateInstalled() {
        return state == CaseState.CERT_INSTALLED;
    }

    /** The counter step this case continues with. */
    public CounterStep counterStep() {
        return switch (state) {
            case OPENED -> CounterStep.ID_DOCUMENT;
            case ID_VERIFIED -> CounterStep.BANK_CARD;
            case CARD_VERIFIED -> CounterStep.TOKEN;
            case TOKEN_VERIFIED, KEY_GENERATED -> CounterStep.REPERSONALISE;
            case CSR_QUEUED -> CounterStep.HEAD_OFFICE;
            case CERT_RECEIVED, CERT_INSTALLED -> CounterStep.INSTALL;
            case COMPLETED, ABORTED -> CounterStep.CLOSED;
        };
    }

    /** The steps a case goes through at the counter, as the teller sees them (several states may share one). */
    public enum CounterStep {
        ID_DOCUMENT, BANK_CARD, TOKEN, REPERSONALISE, HEAD_OFFICE, INSTALL, CLOSED
    }
}
