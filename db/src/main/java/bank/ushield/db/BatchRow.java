package bank.ushield.db;

import java.time.Instant;

/** A head-office batch file as recorded: direction, per-workstation sequence, file, content hash and status. */
public record BatchRow(long id, BatchDirection direction, String workstationId, long sequence, String fileName,
                       String sha256, BatchStatus status, int itemCount, String detail, Instant createdAt) {
}
