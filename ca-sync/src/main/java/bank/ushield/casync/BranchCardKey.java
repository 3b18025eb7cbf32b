package bank.ushield.casync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CardMatchingKeyCheck;
import bank.ushield.db.OwnerOnly;

/**
 * Installs the branch's card-matching key from head office as the workstation's {@code card-matching.key}, so the
 * card hashes of head office's customer extracts match the cards a teller reads (docs/customer-extract.md, ADR 0055).
 * A different key is never installed over one that registered cards were hashed with: they would stop matching.
 */
public final class BranchCardKey {

    private BranchCardKey() {
    }

    /** What installing did. */
    public sealed interface Outcome {
        /** The key file now holds the branch key. */
        record Installed(Path keyFile) implements Outcome {
        }

        /** The key file held the branch key already. */
        record Unchanged(Path keyFile) implements Outcome {
        }

        /** Nothing was changed, for the reason given. */
        record Refused(String reason) implements Outcome {
        }
    }

    /**
     * Copies {@code suppliedKey} (32 raw bytes) to {@code dataFolder/card-matching.key} (owner read/write only,
     * atomic replace), unless the folder's current key differs and the database already holds bank cards, or the
     * database is bound to another key ({@link CardMatchingKeyCheck#admit}: a branch's other workstations').
     */
    public static Outcome install(Path suppliedKey, Path dataFolder, Jdbi jdbi, String workstationId, Clock clock)
            throws IOException {
        byte[] key = Files.readAllBytes(suppliedKey);
        byte[] current = null;
        try {
            if (key.length != 32) {
                return new Outcome.Refused(suppliedKey + " has " + key.length + " bytes; a card-matching key has 32");
            }
            Path target = dataFolder.resolve(CardMatchingKey.KEY_FILE);
            boolean unchanged = false;
            if (Files.exists(target)) {
                current = Files.readAllBytes(target);
                unchanged = Arrays.equals(current, key);
                long cards = unchanged ? 0 : CardMatchingKeyCheck.bankCards(jdbi);
                if (cards > 0) {
                    return new Outcome.Refused("this workstation's database holds " + cards + " bank cards hashed with "
                            + "its current card-matching key; a new key would make them unmatchable");
                }
            }
            Optional<String> notTheDatabases = CardMatchingKeyCheck.admit(jdbi, new CardMatchingKey(key),
                    workstationId, clock);
            if (notTheDatabases.isPresent()) {
                return new Outcome.Refused(notTheDatabases.get());
            }
            if (unchanged) {
                return new Outcome.Unchanged(target);
            }
            OwnerOnly.folder(dataFolder);   // made 0700, not with the umask's 0755 (the key goes in it)
            Path tmp = dataFolder.resolve("." + CardMatchingKey.KEY_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.write(tmp, key);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Outcome.Installed(target);
        } finally {
            Arrays.fill(key, (byte) 0);
            if (current != null) {
                Arrays.fill(current, (byte) 0);
            }
        }
    }
}
