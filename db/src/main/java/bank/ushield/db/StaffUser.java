package bank.ushield.db;

import java.time.Instant;

/** A staff account as the rest of the app sees it; the password hash never leaves the repository. */
public record StaffUser(long id, String login, String displayName, StaffRole role, String branchId, boolean active,
                        int failedAttempts, Instant lockedUntil, Instant createdAt, Instant passwordChangedAt) {
}
