package bank.ushield.idverification.eligibility;

/** What the policy says about renewing this token today. */
public enum Eligibility {
    /** More than the self-service window after expiry: only the counter can renew. */
    COUNTER_RENEWAL_REQUIRED,
    /** Inside the self-service window: the customer could renew online; the counter may still renew. */
    SELF_SERVICE_WINDOW,
    /** Earlier than the window opens. */
    TOO_EARLY,
    /** Certificate revoked or token model end-of-life: a replacement token, not a renewal. */
    REPLACE_TOKEN,
    /** No certificate on record for the token: the policy cannot decide; a manager does. */
    UNDETERMINED
}
