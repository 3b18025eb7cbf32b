package bank.ushield.renewal;

/** Why the customer's U-shield is replaced from branch stock instead of renewed (ADR 0077). */
public enum ReplacementReason {
    /** The token does not work (not recognised, write errors, broken). */
    FAULTY,
    /** The token model is past its service life. */
    END_OF_LIFE,
    /** The model cannot make the key the policy requires (e.g. no SM2). */
    MODEL_CANNOT_MAKE_KEY,
    /** The customer reported the token lost: nothing to retire at the counter, its certificate is revoked. */
    REPORTED_LOST,
    /** A token fault after install left the customer without a working certificate (ADR 0050). */
    FAULT_AFTER_INSTALL
}
