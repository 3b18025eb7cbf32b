package bank.ushield.db;

/**
 * The states a renewal case row can hold. Only the list lives here (the column's allowed values); which transitions
 * are legal is the renewal module's state machine.
 */
public enum CaseState {
    OPENED, ID_VERIFIED, CARD_VERIFIED, TOKEN_VERIFIED, KEY_GENERATED, CSR_QUEUED, CERT_RECEIVED, CERT_INSTALLED,
    COMPLETED, ABORTED;

    /** True for COMPLETED and ABORTED: the case will not move again. */
    public boolean isFinal() {
        return this == COMPLETED || this == ABORTED;
    }
}
