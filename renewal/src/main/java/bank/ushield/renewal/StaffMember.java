package bank.ushield.renewal;

import java.util.Objects;

/** A logged-in member of staff as the renewal sees them: login, display name and role. */
public record StaffMember(String login, String displayName, Role role) {

    public StaffMember {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(role, "role");
    }

    /** The roles of the staff_user table, and SYSTEM for automatic steps. */
    public enum Role { TELLER, MANAGER, TRAINER, IT, SYSTEM }

    /** The actor of steps no person runs (head-office import). */
    public static final StaffMember HEAD_OFFICE_SYNC = new StaffMember("system:ca-sync", "Head-office sync", Role.SYSTEM);
}
