package bank.ushield.audit;

/** A detail named or looked like a secret (PIN, password, private key); the event was not recorded. */
public final class SecretRefusedException extends AuditException {
    private final String detailKey;

    public SecretRefusedException(String detailKey, String why) {
        // Only the key name and the reason: never the value.
        super(Code.SECRET_REFUSED, "Audit detail '" + detailKey + "' was refused: " + why
                + ". PINs, passwords and key material must never be recorded.");
        this.detailKey = detailKey;
    }

    /** The detail key that was refused (the value is deliberately not kept). */
    public String detailKey() {
        return detailKey;
    }
}
