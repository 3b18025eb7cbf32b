package bank.ushield.renewal;

import bank.ushield.db.CaseState;

/** The audit event types the renewal writes besides the transitions ({@code CASE_<STATE>}). */
public final class CaseEvents {
    public static final String CHECK_FAILED = "CASE_CHECK_FAILED";
    public static final String EXCEPTION_RAISED = "CASE_EXCEPTION_RAISED";
    public static final String EXCEPTION_AUTHORISED = "CASE_EXCEPTION_AUTHORISED";
    public static final String AUTHORISATION_REFUSED = "CASE_AUTHORISATION_REFUSED";
    public static final String KEY_GENERATION_STARTED = "CASE_KEY_GENERATION_STARTED";
    public static final String TOKEN_STEP_FAILED = "CASE_TOKEN_STEP_FAILED";
    public static final String SELF_TEST = "CASE_SELF_TEST";
    /** The install step is about to write the certificate to the token (recorded before the write). */
    public static final String CERT_INSTALL_STARTED = "CASE_CERT_INSTALL_STARTED";
    /** An abort was refused because the new certificate is, or may be, on the token (ADR 0050). */
    public static final String ABORT_REFUSED = "CASE_ABORT_REFUSED";
    /** A certificate issued for the case will never be the customer's: ABANDONED, revocation queued. */
    public static final String CERTIFICATE_ABANDONED = "CASE_CERTIFICATE_ABANDONED";
    /** The revocation of an abandoned certificate went out in a request batch. */
    public static final String REVOCATION_SENT = "CASE_REVOCATION_SENT";
    /** A head-office CRL lists the abandoned certificate: its revocation is confirmed. */
    public static final String REVOCATION_CONFIRMED = "CASE_REVOCATION_CONFIRMED";

    /** 联网核查 asked and answered (masked request, result, SHA-256 of the photo on record, never its bytes). */
    public static final String ONLINE_VERIFICATION = "CASE_ONLINE_VERIFICATION";

    /** The teller chose to replace the token from branch stock (ADR 0077). */
    public static final String REPLACEMENT_CHOSEN = "CASE_REPLACEMENT_CHOSEN";
    /** The new token was initialised with the customer's chosen PIN. */
    public static final String NEW_TOKEN_INITIALISED = "CASE_NEW_TOKEN_INITIALISED";
    /** The replaced token was recorded retired. */
    public static final String OLD_TOKEN_RETIRED = "CASE_OLD_TOKEN_RETIRED";
    /** A blank token moved in branch stock (no case, or the replacement case that issued it). */
    public static final String STOCK_MOVED = "TOKEN_STOCK_MOVED";
    /** A blank-token stock move was refused. */
    public static final String STOCK_MOVE_REFUSED = "TOKEN_STOCK_MOVE_REFUSED";

    /** A manager authorised this workstation to take over a case another workstation held (ADR 0087). */
    public static final String TAKEN_OVER = "CASE_TAKEN_OVER";
    /** A step was refused because another workstation holds the case (who, since when, in the details). */
    public static final String CLAIM_REFUSED = "CASE_CLAIM_REFUSED";

    private CaseEvents() {
    }

    /** The event type of a transition into {@code state}. */
    public static String transition(CaseState state) {
        return "CASE_" + state.name();
    }
}
