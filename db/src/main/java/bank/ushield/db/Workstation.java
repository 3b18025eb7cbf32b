package bank.ushield.db;

import java.time.Instant;

/** A counter workstation of a branch; training workstations hold only training data. */
public record Workstation(String id, String branchId, String name, boolean training, Instant createdAt) {
}
