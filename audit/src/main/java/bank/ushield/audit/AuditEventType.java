package bank.ushield.audit;

/**
 * The closed set of things the audit log records. The stored name is the constant's name, so never rename a
 * constant that has been written; add new ones at the end of their group (order does not matter to storage).
 */
public enum AuditEventType {
    // sessions
    LOGIN_OK,
    LOGIN_FAILED,
    LOGIN_LOCKED,
    LOGOUT,
    SCREEN_LOCKED,
    SCREEN_UNLOCKED,

    // the renewal case and its transitions (DESIGN.md state machine)
    CASE_OPENED,
    CASE_ID_VERIFIED,
    CASE_CARD_VERIFIED,
    CASE_TOKEN_VERIFIED,
    CASE_KEY_GENERATED,
    CASE_CSR_QUEUED,
    CASE_CERT_RECEIVED,
    CASE_CERT_INSTALLED,
    CASE_COMPLETED,
    CASE_ABORTED,
    CHECK_FAILED,
    /** The new key's CKA_ID was chosen and recorded before the token is written (crash recovery finds it by id). */
    CASE_KEY_GENERATION_STARTED,
    /** The post-install self-test of the token (outcome OK or FAILED). */
    CASE_SELF_TEST,
    /** The install step is about to write the new certificate to the token (recorded before the write). */
    CASE_CERT_INSTALL_STARTED,
    /** An abort was refused: the new certificate is, or may be, on the token; the case must be completed. */
    CASE_ABORT_REFUSED,
    /** A certificate issued for a case that closed unfinished: marked abandoned, its revocation queued. */
    CASE_CERTIFICATE_ABANDONED,
    /** The revocation of an abandoned certificate went to head office in a request batch. */
    CASE_REVOCATION_SENT,
    /** A head-office CRL lists the abandoned certificate: revocation confirmed. */
    CASE_REVOCATION_CONFIRMED,
    /** 联网核查 asked about the customer's identity document and answered (photo as its SHA-256 only). */
    CASE_ONLINE_VERIFICATION,
    /** The teller chose to replace the customer's token from branch stock, with the reason (ADR 0077). */
    CASE_REPLACEMENT_CHOSEN,
    /** The new token from the teller's box was initialised with the PIN the customer chose (never the PIN). */
    CASE_NEW_TOKEN_INITIALISED,
    /** The replaced token recorded retired: keys destroyed, not answering, or reported lost. */
    CASE_OLD_TOKEN_RETIRED,
    /** A manager authorised this workstation to take over a case another workstation held (ADR 0087). */
    CASE_TAKEN_OVER,
    /** A step was refused: another workstation holds the case (who, since when, in the details). */
    CASE_CLAIM_REFUSED,

    // dual control
    MANAGER_AUTHORISATION_GRANTED,
    MANAGER_AUTHORISATION_REFUSED,
    /** A check asked for a manager's decision; the case waits for it. */
    MANAGER_AUTHORISATION_REQUESTED,

    // blank tokens as controlled items of the branch (ADR 0077)
    /** A blank token moved: received, into or out of a teller's box, issued, returned or destroyed. */
    TOKEN_STOCK_MOVED,
    /** A stock move was refused (not in stock, wrong state, voucher mismatch, no authorisation). */
    TOKEN_STOCK_MOVE_REFUSED,

    // the token (never the PIN itself)
    PIN_ENTRY_FAILED,
    PIN_LOCKED,
    TOKEN_ERROR,

    // head-office exchange
    BATCH_EXPORTED,
    BATCH_IMPORTED,
    BATCH_QUARANTINED,
    /** Head office acknowledged the audit log's tree head (docs/audit-format.md, "Anchoring"). */
    AUDIT_ANCHORED,
    /** Head office refused a request batch because the audit log does not continue the one it acknowledged. */
    AUDIT_ANCHOR_REFUSED,

    // the audit log about itself
    CHECKPOINT_SIGNED,
    DAILY_REVIEW_SIGNED_OFF,
    AUDIT_VERIFIED,
    EXPORT_MADE,

    // training and administration
    TRAINING_SCENARIO_STARTED,
    TRAINING_SCENARIO_SCORED,
    SETTINGS_CHANGED,
    /** A workstation was set up (teller-app setup): branch and workstation rows, settings. */
    WORKSTATION_SET_UP,
    /** The workstation's signing key was rotated; details name both key ids, the previous key signed the hand-over. */
    WORKSTATION_KEY_ROTATED,
    /** A staff account was created (setup or staff create); details name it, never its password. */
    STAFF_ACCOUNT_CREATED,
    /** A staff account was changed: password reset, unlocked, disabled, enabled or its role changed. */
    STAFF_ACCOUNT_CHANGED;

    /** The case event for a renewal state name (as in renewal_case.state), e.g. "ID_VERIFIED" gives CASE_ID_VERIFIED. */
    public static AuditEventType forCaseState(String state) {
        return valueOf("CASE_" + state);
    }
}
