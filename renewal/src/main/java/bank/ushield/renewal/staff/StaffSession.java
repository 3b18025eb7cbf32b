package bank.ushield.renewal.staff;

import java.time.Instant;
import java.util.Objects;
import bank.ushield.renewal.staff.Role;

/**
 * Who is logged in at the workstation, and since when.
 *
 * @param login       the staff login
 * @param displayName name shown in the header
 * @param role        the role of the login
 * @param since       when the login happened
 */
public record StaffSession(String login, String displayName, Role role, Instant since) {

    public StaffSession {
        Objects.requireNonNull(login);
        Objects.requireNonNull(role);
        displayName = displayName == null ? login : displayName;
    }
}
