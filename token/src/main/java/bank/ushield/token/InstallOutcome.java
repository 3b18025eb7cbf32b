package bank.ushield.token;

/** What {@link Repersonalisation#installCertificate} did. */
public enum InstallOutcome {
    /** The certificate was written. */
    INSTALLED,
    /** The same certificate was already on the token for this key: nothing written. */
    ALREADY_INSTALLED,
    /** Another certificate for the same new key was there (a re-issue) and was replaced. */
    REPLACED
}
