package bank.ushield.renewal;

/** The audit event types the renewal writes besides the transitions ({@code CASE_<STATE>}). */
public final class CaseEvents {
    public static final String CHECK_FAILED = "CASE_CHECK_FAILED";
    public static final String EXCEPTION_RAISED = "CASE_EXCEPTION_RAISED";
    public static final String EXCEPTION_AUTHORISED = "CASE_EXCEPTION_AUTHORISED";
    public static final String AUTHORISATION_REFUSED = "CASE_AUTHORISATION_REFUSED";
    public static final String KEY_GENERATION_STARTED = "CASE_KEY_GENERATION_STARTED";
    public static final String TOKEN_STEP_FAILED = "CASE_TOKEN_STEP_FAILED";
    public static final String SELF_TEST = "CASE_SELF_TEST";

    private CaseEvents() {
    }

    /** The event type of a transition into {@code state}. */
    public static String transition(CaseState state) {
        return "CASE_" + state.name();
    }
}
