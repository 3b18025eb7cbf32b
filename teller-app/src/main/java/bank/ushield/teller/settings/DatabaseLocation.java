package bank.ushield.teller.settings;

/**
 * Where this workstation's data lives, for IT's home screen: the branch's PostgreSQL database or the data folder's
 * SQLite file ({@code where}: path, or address without parameters and the user; never a password), the schema
 * version, and the first digits of the card-matching key's check value (ADR 0097; null when none is recorded).
 */
public record DatabaseLocation(boolean branchServer, String where, String schemaVersion, String cardKeyCheck) {
}
