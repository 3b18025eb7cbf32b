package bank.ushield.db;

import java.util.List;

/**
 * The branch database user lacks rights the workstation needs (checked at start, before anything is written): the
 * missing rights are listed so IT can grant them (docs/db.md, "A branch on PostgreSQL").
 */
public final class DatabaseGrantsException extends DatabaseException {
    private final String user;
    private final List<String> missing;

    public DatabaseGrantsException(String user, List<String> missing) {
        super("The branch database user " + user + " lacks rights the workstation needs: " + String.join("; ", missing)
                + ". Ask IT to grant them as shown in docs/db.md; nothing was changed.");
        this.user = user;
        this.missing = List.copyOf(missing);
    }

    /** The database user that lacks the rights. */
    public String user() {
        return user;
    }

    /** The missing rights in words, e.g. "INSERT on audit_entry". */
    public List<String> missing() {
        return missing;
    }
}
