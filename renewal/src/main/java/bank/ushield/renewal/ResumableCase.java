package bank.ushield.renewal;

/**
 * An unfinished case with the step that continues it; the teller may always abort instead (with a reason).
 *
 * @param customerPresenceNeeded whether the customer (and their token) must be at the counter to continue
 * @param claim                  the workstation serving it now (null: none; ADR 0087)
 */
public record ResumableCase(RenewalCase renewalCase, NextStep nextStep, boolean customerPresenceNeeded,
                            CaseClaim claim) {

    public ResumableCase(RenewalCase renewalCase, NextStep nextStep, boolean customerPresenceNeeded) {
        this(renewalCase, nextStep, customerPresenceNeeded, null);
    }

    /** True when another workstation serves the case now: resuming it here needs that claim released or taken over. */
    public boolean heldElsewhere() {
        return claim != null && !claim.heldHere();
    }

    /** The case with the claim on it (null: none). */
    public static ResumableCase of(RenewalCase c, CaseClaim claim) {
        ResumableCase r = of(c);
        return new ResumableCase(r.renewalCase, r.nextStep, r.customerPresenceNeeded, claim);
    }

    /** The step that continues a case. */
    public enum NextStep {
        VERIFY_ID, VERIFY_CARD, VERIFY_TOKEN, AUTHORISE_EXCEPTION, GENERATE_KEY, QUEUE_REQUEST,
        WAIT_FOR_HEAD_OFFICE, INSTALL_CERTIFICATE, SELF_TEST, COMPLETE
    }

    public static ResumableCase of(RenewalCase c) {
        if (c.awaitingManager()) {
            return new ResumableCase(c, NextStep.AUTHORISE_EXCEPTION, true);
        }
        return switch (c.state()) {
            case OPENED -> new ResumableCase(c, NextStep.VERIFY_ID, true);
            case ID_VERIFIED -> new ResumableCase(c, NextStep.VERIFY_CARD, true);
            case CARD_VERIFIED -> new ResumableCase(c, NextStep.VERIFY_TOKEN, true);
            case TOKEN_VERIFIED -> new ResumableCase(c, NextStep.GENERATE_KEY, true);
            case KEY_GENERATED -> new ResumableCase(c, NextStep.QUEUE_REQUEST, false);
            case CSR_QUEUED -> new ResumableCase(c, NextStep.WAIT_FOR_HEAD_OFFICE, false);
            case CERT_RECEIVED -> new ResumableCase(c, NextStep.INSTALL_CERTIFICATE, true);
            case CERT_INSTALLED -> new ResumableCase(c, c.selfTestPassedAt() == null ? NextStep.SELF_TEST
                    : NextStep.COMPLETE, c.selfTestPassedAt() == null);
            case COMPLETED, ABORTED -> throw new IllegalArgumentException("case " + c.caseNo() + " is closed");
        };
    }
}
