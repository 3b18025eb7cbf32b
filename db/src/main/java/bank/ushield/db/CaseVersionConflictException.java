package bank.ushield.db;

/**
 * A renewal case changed since it was read (another window, thread or a resumed session moved it first): the caller
 * must reload the case and decide again instead of overwriting the newer state.
 */
public final class CaseVersionConflictException extends DatabaseException {
    private final long caseId;
    private final long expectedVersion;

    public CaseVersionConflictException(long caseId, long expectedVersion) {
        super("Renewal case " + caseId + " was changed by someone else (expected version " + expectedVersion
                + "); reload the case and try again.");
        this.caseId = caseId;
        this.expectedVersion = expectedVersion;
    }

    public long caseId() {
        return caseId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
