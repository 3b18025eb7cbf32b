package bank.ushield.renewal;

/**
 * Everything that can stop a renewal step, as codes a UI explains from the {@code Problems} resource bundle
 * (keys {@code CODE.problem}, {@code CODE.cause}, {@code CODE.tellCustomer}, {@code CODE.nextStep}).
 */
public enum ProblemCode {
    CASE_NOT_FOUND,
    STEP_NOT_ALLOWED,
    CASE_CHANGED_ELSEWHERE,
    AWAITING_MANAGER,
    CUSTOMER_NOT_FOUND,
    CUSTOMER_HAS_NO_TOKEN,
    CUSTOMER_HAS_OPEN_CASE,
    ID_CHECK_FAILED,
    CARD_CHECK_FAILED,
    /** The card number fails its own check (check digit, length, format): a typo, not a refused card. */
    CARD_MISTYPED,
    TOKEN_CHECK_FAILED,
    /** The media voucher number typed from the token's label is not 10 digits or not the registered one. */
    TOKEN_VOUCHER_MISMATCH,
    NEEDS_MANAGER,
    /** Held for a manager because the customer can renew online: the teller advises self-service first. */
    SELF_SERVICE_AVAILABLE,
    AUTH_BAD_CREDENTIALS,
    AUTH_NOT_A_MANAGER,
    AUTH_OWN_CASE,
    AUTH_NOTHING_PENDING,
    AUTH_ACCOUNT_LOCKED,
    TOKEN_ABSENT,
    TOKEN_SWAPPED,
    WRONG_PIN,
    PIN_LOCKED,
    PIN_ENTRY_CANCELLED,
    TOKEN_REMOVED,
    TOKEN_FAULT,
    HEAD_OFFICE_NO_ANSWER_YET,
    HEAD_OFFICE_REJECTED,
    SYNC_FAILED,
    SELF_TEST_FAILED,
    SELF_TEST_REQUIRED,
    /** Abort refused: the new certificate is on the token (the old key may be gone), so the case must be completed. */
    ABORT_NEEDS_COMPLETION,
    /** Abort refused: the install step started, so the token must be in the reader to see what it holds. */
    ABORT_NEEDS_TOKEN,
    RECEIPT_FONT_MISSING,
    NOT_AVAILABLE_IN_THIS_SETUP,
    DATABASE_FAILURE
}
