package bank.ushield.renewal;

/** Checks a member of staff's own credentials (the db module's Argon2 users behind an adapter). */
public interface StaffDirectory {

    /**
     * Authenticates with login and password; the password array is wiped before returning.
     *
     * @throws RenewalException AUTH_BAD_CREDENTIALS or AUTH_ACCOUNT_LOCKED
     */
    StaffMember authenticate(String login, char[] password);
}
