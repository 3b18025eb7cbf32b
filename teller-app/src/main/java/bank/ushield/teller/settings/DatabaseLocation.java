package bank.ushield.teller.settings;

/**
 * Where this workstation's data lives, for IT's home screen: the branch's PostgreSQL database or the data folder's
 * SQLite file ({@code where}: path, or address without parameters; never a password), the branch database's user
 * (null for a file), the schema version, and the first digits of the card-matching key's check value (ADR 0097; null
 * when none is recorded). Parts, not a sentence: the screen words them in its language.
 */
public record DatabaseLocation(boolean branchServer, String where, String user, String schemaVersion,
                               String cardKeyCheck) {
}
