package bank.ushield.renewal.staff;

import java.util.List;

/**
 * The branch's staff accounts as a manager's or IT's screen manages them (over {@link StaffAdministration}): every
 * change audited with who made it; passwords are wiped and never logged. A change that is not allowed throws
 * {@link StaffAdministration.Refused}.
 */
public interface StaffAccounts {

    /** One account as the screen lists it. */
    record Account(String login, String displayName, Role role, boolean active, boolean locked) {
    }

    /** The accounts of this workstation's branch, by login. */
    List<Account> list();

    /** Creates an account in this workstation's branch; the password array is wiped. */
    void create(StaffSession by, String login, String displayName, Role role, char[] password);

    /** A new password, which also lifts a lockout; the array is wiped. */
    void resetPassword(StaffSession by, String login, char[] password);

    /** Lifts a lockout before its time. */
    void unlock(StaffSession by, String login);

    /** Disables or enables an account (never one's own). */
    void setActive(StaffSession by, String login, boolean active);

    /** Another role from the next login (never one's own). */
    void changeRole(StaffSession by, String login, Role role);
}
