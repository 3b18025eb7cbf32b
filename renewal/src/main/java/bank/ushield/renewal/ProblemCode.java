package bank.ushield.renewal;

/**
 * Everything that can stop a renewal step, as codes a UI explains from the {@code Problems} resource bundle
 * (keys {@code CODE.problem}, {@code CODE.cause}, {@code CODE.tellCustomer}, {@code CODE.nextStep}).
 */
public enum ProblemCode {
    CASE_NOT_FOUND,
    STEP_NOT_ALLOWED,
    CASE_CHANGED_ELSEWHERE,
    /** Another workstation serves the case (arguments: case, workstation, teller, since, last step; ADR 0087). */
    CASE_CLAIMED_ELSEWHERE,
    /** A manager let another workstation take over this workstation's case (case, workstation, teller, when, manager). */
    CASE_TAKEN_OVER_ELSEWHERE,
    AWAITING_MANAGER,
    CUSTOMER_NOT_FOUND,
    CUSTOMER_HAS_NO_TOKEN,
    CUSTOMER_HAS_OPEN_CASE,
    ID_CHECK_FAILED,
    /** 联网核查 must answer before the resident ID card is checked (the wizard asks it first). */
    ONLINE_CHECK_REQUIRED,
    /** The online check matched: the teller must compare the photo on record and confirm the person matches. */
    PERSON_NOT_CONFIRMED,
    /** 联网核查: the name is not the one on record; the case stops. */
    ONLINE_NAME_MISMATCH,
    /** 联网核查: no citizen with this number; the case stops. */
    ONLINE_NOT_FOUND,
    /** 联网核查: the document is reported lost or invalid; the case stops. */
    ONLINE_DOCUMENT_INVALID,
    /** 联网核查 did not answer: retry, or a manager authorises going on without it, with a reason. */
    ONLINE_UNAVAILABLE,
    /** This authorisation needs the manager's reason in words. */
    AUTH_REASON_REQUIRED,
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
    /** The token cannot make the key the policy asks for (e.g. legacy RSA-1024 only): a new token from stock. */
    TOKEN_NEEDS_REPLACEMENT,
    HEAD_OFFICE_NO_ANSWER_YET,
    HEAD_OFFICE_REJECTED,
    SYNC_FAILED,
    /** Head office's shared folder is missing (share not mounted): nothing was exchanged, nothing was created. */
    HEAD_OFFICE_FOLDER_MISSING,
    SELF_TEST_FAILED,
    SELF_TEST_REQUIRED,
    /** Abort refused: the new certificate is on the token (the old key may be gone), so the case must be completed. */
    ABORT_NEEDS_COMPLETION,
    /** Abort refused: the install step started, so the token must be in the reader to see what it holds. */
    ABORT_NEEDS_TOKEN,
    RECEIPT_FONT_MISSING,
    NOT_AVAILABLE_IN_THIS_SETUP,
    DATABASE_FAILURE,
    /** The daily sign-off found the audit log changed from an entry on (argument: the first bad entry). */
    AUDIT_LOG_NOT_INTACT,
    /** The daily sign-off found the audit file itself changed or damaged (schema, pages, indexes). */
    AUDIT_FILE_NOT_INTACT,
    /**
     * The branch's daily sign-off found another workstation's audit log broken (arguments: the workstation's name,
     * its id): the sign-off covers every log of the branch, so none is signed.
     */
    AUDIT_BRANCH_LOG_NOT_INTACT,
    /**
     * The evidence package (and the tool CSV) holds the exporting workstation's own log, signed with its key; a filter
     * on another workstation is refused (arguments: that workstation, this one).
     */
    AUDIT_EXPORT_OWN_LOG_ONLY,
    /**
     * Head office refused a request batch because this workstation's audit log does not continue the one it
     * acknowledged (rolled back, truncated or rewritten); nothing of that batch was acted on.
     */
    AUDIT_ANCHOR_REFUSED,
    /**
     * The daily sign-off found the log contradicting head office's acknowledgement (arguments: entries acknowledged,
     * when, entries in this file): truncated or restored below it, rewritten, or a forged acknowledgement.
     */
    AUDIT_ANCHOR_CONTRADICTED,
    /** A replacement step on a case that is a renewal (ADR 0077). */
    NOT_A_REPLACEMENT,
    /** The token in the reader is not a blank of the branch's stock. */
    STOCK_NOT_IN_STOCK,
    /** The blank token was already issued to a customer. */
    STOCK_ALREADY_ISSUED,
    /** The voucher number typed is not the one recorded for the blank token in the reader. */
    STOCK_VOUCHER_MISMATCH,
    /** The blank token is not in the acting teller's box. */
    STOCK_NOT_IN_YOUR_BOX,
    /** The blank token is held by another open replacement case. */
    STOCK_RESERVED,
    /** The stock move does not fit where the token is. */
    STOCK_WRONG_STATE,
    /** The serial or voucher number is already recorded (stock or a customer's token). */
    STOCK_ALREADY_RECEIVED,
    /** Serial, model or voucher number missing or malformed. */
    STOCK_BAD_INPUT,
    /** Returning or destroying a blank token needs a reason. */
    STOCK_NEEDS_REASON,
    /** The stock rows and their movement history disagree (argument: the differences in words). */
    STOCK_COUNT_MISMATCH,
    /** The customer typed two different new PINs. */
    NEW_PIN_MISMATCH,
    /** The new PIN is not 6 to 8 characters. */
    NEW_PIN_INVALID,
    /** Key generation on a replacement token before it was initialised with the customer's PIN. */
    NEW_TOKEN_NOT_INITIALISED,
    /** The blank token refused initialisation (faulty, or not the security officer PIN it was delivered with). */
    NEW_TOKEN_REFUSED,
    /** A replacement completes only after the old token is recorded retired. */
    OLD_TOKEN_NOT_RETIRED,
    /** The old token to retire is not in the reader. */
    OLD_TOKEN_ABSENT
}
