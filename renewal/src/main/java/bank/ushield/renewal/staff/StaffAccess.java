package bank.ushield.renewal.staff;

/**
 * What the shell needs to let staff in and out: checking credentials (the db module's Argon2 accounts with
 * lockout) and recording every login, logout, lock and unlock in the audit log. The wiring implements it on the
 * domain modules; tests may give a fake.
 */
public interface StaffAccess {

    /**
     * Checks login and password; the session gets the account's own role (nobody picks one). The password array is
     * wiped. Audited either way.
     */
    SignInResult signIn(String login, char[] password);

    /** Records a logout. */
    void signedOut(StaffSession session);

    /** Records that the screen was locked (idle time or the Lock button); the open case stays open. */
    void locked(StaffSession session, boolean idle);

    /** Checks the locked-out user's password to unlock; audited either way; the array is wiped. */
    SignInResult unlock(StaffSession session, char[] password);

    /**
     * Records a change of the workstation's settings before it is saved: who, and each setting's old and new value
     * (setting name -> [old, new]). Only a manager or IT may change the workstation's settings.
     *
     * @throws IllegalStateException when {@code by} may not change them (the settings are then not saved)
     */
    default void settingsChanged(StaffSession by, java.util.SortedMap<String, java.util.List<String>> changes) {
        if (!by.role().administers() && changes.keySet().stream().anyMatch(SettingNames::administrative)) {
            throw new IllegalStateException(by.login() + " (" + by.role() + ") may not change " + changes.keySet());
        }
    }
}
