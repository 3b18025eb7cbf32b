package bank.ushield.renewal.staff;

/**
 * What the shell needs to let staff in and out: checking credentials (the db module's Argon2 accounts with
 * lockout) and recording every login, logout, lock and unlock in the audit log. The wiring implements it on the
 * domain modules; tests may give a fake.
 */
public interface StaffAccess {

    /** Checks login, password and the chosen role; the password array is wiped. Audited either way. */
    SignInResult signIn(String login, char[] password, Role role);

    /** Records a logout. */
    void signedOut(StaffSession session);

    /** Records that the screen was locked (idle time or the Lock button); the open case stays open. */
    void locked(StaffSession session, boolean idle);

    /** Checks the locked-out user's password to unlock; audited either way; the array is wiped. */
    SignInResult unlock(StaffSession session, char[] password);
}
