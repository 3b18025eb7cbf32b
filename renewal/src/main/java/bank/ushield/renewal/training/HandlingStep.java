package bank.ushield.renewal.training;

/**
 * What a trainee can be seen doing during a training case, as read back from that case's audit entries.
 * Scenario files name these steps; {@link AuditStepMapping} turns audit event types into them, so scenario files
 * stay stable when event names change.
 */
public enum HandlingStep {
    CASE_OPENED,
    ID_ACCEPTED,
    ID_REJECTED,
    CARD_ACCEPTED,
    CARD_REJECTED,
    TOKEN_ACCEPTED,
    TOKEN_REJECTED,
    /** The media voucher number typed from the token's label was not the registered one: a typo to correct. */
    VOUCHER_MISTYPED,
    PIN_WRONG,
    PIN_LOCKED,
    MANAGER_OVERRIDE,
    KEY_GENERATED,
    CSR_QUEUED,
    HEAD_OFFICE_REJECTED,
    CERT_INSTALLED,
    TOKEN_REMOVED,
    SELF_SERVICE_ADVISED,
    /** The case was closed because the token PIN is locked: the customer is sent to the PIN unlock procedure. */
    PIN_UNLOCK_ADVISED,
    /** The case was closed because the card is not the customer's: the customer is asked to bring their own. */
    OWN_CARD_REQUESTED,
    /** The case was closed as "identity check failed" (e.g. 联网核查 said the name does not match). */
    ID_REFUSED_CASE_CLOSED,
    /** The case was closed because the token is not the customer's registered one (or must be replaced). */
    OWN_TOKEN_REQUESTED,
    /** The teller chose to replace the token with a blank from the box (ADR 0077). */
    REPLACEMENT_CHOSEN,
    /** The replaced token was recorded retired (keys destroyed, lost, or not answering). */
    OLD_TOKEN_RETIRED,
    CASE_COMPLETED,
    CASE_ABORTED
}
