package bank.ushield.casync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.store.QuarantineStore;

/**
 * What happens to a file of the inbox after its check: archived into processed, or moved into quarantine next to a
 * reason file, the refusal recorded (ca_quarantine) and audited. Shared by response batches and customer extracts.
 */
final class InboxFiles {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);

    private InboxFiles() {
    }

    /** Moves the file into the folder under its name, or name.1, name.2, ... when taken (atomic rename). */
    static Path moveUnique(Path file, Path folder, String name) {
        try {
            Path target = folder.resolve(name);
            for (int i = 1; Files.exists(target); i++) {
                target = folder.resolve(name + "." + i);
            }
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "Cannot move " + name + " to " + folder, e);
        }
    }

    /** The file's size; a file that cannot be read is a FILE_IO failure. */
    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CaSyncException(CaSyncException.Code.FILE_IO, "Cannot read " + file.getFileName(), e);
        }
    }

    /**
     * Moves a refused file into quarantine with {@code <file>.reason.txt} (code, reason, size, SHA-256), records it in
     * ca_quarantine and appends the audit event {@code eventType}, outcome REJECTED; nothing from the file is applied.
     */
    static Quarantined quarantine(Jdbi jdbi, SyncAuditTrail audit, Clock clock, Path quarantineFolder, Path file,
                                  BatchRejectedException e, String sha256, long size, String eventType) {
        String name = file.getFileName().toString();
        LOG.warn("{} quarantined ({}): {}", name, e.code(), e.getMessage());
        String now = clock.instant().toString();
        Path target = moveUnique(file, quarantineFolder, name);
        Path reasonFile = target.resolveSibling(target.getFileName() + ".reason.txt");
        String text = "file: " + name + "\n"
                + "code: " + e.code() + "\n"
                + "reason: " + e.getMessage() + "\n"
                + "size: " + size + "\n"
                + (sha256 == null ? "" : "sha256: " + sha256 + "\n")
                + "quarantined-at: " + now + "\n"
                + "nothing from this file was applied\n";
        try {
            Files.writeString(reasonFile, text, StandardCharsets.UTF_8);
        } catch (IOException io) {
            LOG.error("Cannot write the reason file {}", reasonFile, io);
        }
        try {
            jdbi.useTransaction(h -> {
                QuarantineStore.insert(h, name, target.getFileName().toString(), sha256, size, e.code().name(),
                        e.getMessage(), now);
                audit.record(h, eventType, "REJECTED", null, refusalDetails(name, e, sha256, size));
            });
        } catch (RuntimeException dbError) {
            LOG.error("Quarantine of {} could not be recorded in the database", name, dbError);
        }
        return new Quarantined(e.code(), e.getMessage(), target, reasonFile);
    }

    /** The audit details of a refused file. */
    static Map<String, Object> refusalDetails(String name, BatchRejectedException e, String sha256, long size) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", name);
        details.put("code", e.code().name());
        details.put("reason", e.getMessage());
        details.put("sha256", sha256);
        details.put("size", size);
        return details;
    }
}
