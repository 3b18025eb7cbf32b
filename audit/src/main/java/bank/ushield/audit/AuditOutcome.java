package bank.ushield.audit;

/** How the recorded step ended. */
public enum AuditOutcome {
    /** The step succeeded. */
    OK,
    /** The step was attempted and failed (wrong PIN, check failed, token error). */
    FAILED,
    /** The step was not allowed (authorisation refused, account locked). */
    REFUSED,
    /** A fact was recorded; nothing was attempted (checkpoint, settings change). */
    INFO
}
