package bank.ushield.renewal;

/** Why a case was closed without completing; stored as the case's abort_reason and audited. */
public enum AbortReason {
    /** The customer decided not to go on, or left the counter. */
    CUSTOMER_WITHDREW,
    /** The identity document did not pass and no manager authorised an exception. */
    ID_CHECK_FAILED,
    /** The bank card did not pass (another customer's card, no online banking, lost or closed). */
    CARD_CHECK_FAILED,
    /** The token is not the customer's registered token, is reported lost, or needs replacement. */
    TOKEN_CHECK_FAILED,
    /** The customer may renew online (self-service window) and chose to do so. */
    SELF_SERVICE_ADVISED,
    /** The manager refused the exception. */
    MANAGER_REFUSED,
    /** The token PIN is locked; the customer must have it unlocked first. */
    PIN_LOCKED,
    /** Head office rejected the certificate request. */
    HEAD_OFFICE_REJECTED,
    /** The token failed (removed, damaged, write error) and the case cannot be resumed with it. */
    TOKEN_FAULT,
    /** Found unfinished after a restart and closed by the teller instead of resumed. */
    ABANDONED_AFTER_RESTART,
    /** Opened by mistake (wrong customer). */
    OPENED_IN_ERROR;

    /**
     * The reason a close-case dialog suggests for the problem on screen: the one the problem stands for (a refused
     * card suggests "card check failed", a certificate in the self-service window "customer renews online"), else
     * (also for no problem) "customer withdrew".
     */
    public static AbortReason suggestedFor(ProblemCode problem) {
        if (problem == null) {
            return CUSTOMER_WITHDREW;
        }
        return switch (problem) {
            case ID_CHECK_FAILED -> ID_CHECK_FAILED;
            case CARD_CHECK_FAILED -> CARD_CHECK_FAILED;
            case TOKEN_CHECK_FAILED -> TOKEN_CHECK_FAILED;
            case SELF_SERVICE_AVAILABLE -> SELF_SERVICE_ADVISED;
            case PIN_LOCKED -> PIN_LOCKED;
            case HEAD_OFFICE_REJECTED -> HEAD_OFFICE_REJECTED;
            case TOKEN_FAULT, SELF_TEST_FAILED -> TOKEN_FAULT;
            default -> CUSTOMER_WITHDREW;
        };
    }
}
