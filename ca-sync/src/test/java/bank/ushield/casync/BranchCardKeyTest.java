package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CardMatchingKey;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** Installing head office's card-matching key: owner-only file, idempotent, never over cards hashed with another. */
@ExtendWith(DatabaseFileExtension.class)
class BranchCardKeyTest {

    @TempDir
    Path tmp;

    @Test
    void installsOnceAndRefusesToOrphanRegisteredCards(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        Path data = tmp.resolve("data");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        Path supplied = Files.write(tmp.resolve("branch.key"), key);
        // A workstation that already made a random key of its own, with no cards yet.
        CardMatchingKey.forDataFolder(data);

        assertThat(BranchCardKey.install(supplied, data, branch.jdbi)).isInstanceOf(BranchCardKey.Outcome.Installed.class);
        Path keyFile = data.resolve(CardMatchingKey.KEY_FILE);
        assertThat(keyFile).hasBinaryContent(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(BranchCardKey.install(supplied, data, branch.jdbi)).isInstanceOf(BranchCardKey.Outcome.Unchanged.class);

        branch.jdbi.useHandle(h -> {
            h.execute("INSERT INTO customer (customer_no, name, created_at) VALUES ('C1', 'x', '2026-01-01T00:00:00Z')");
            h.execute("INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, status, created_at) "
                    + "VALUES (1, '622202', '1234', 19, 'h', 'DEBIT', 'ACTIVE', '2026-01-01T00:00:00Z')");
        });
        Path other = Files.write(tmp.resolve("other.key"), new byte[32]);
        assertThat(BranchCardKey.install(other, data, branch.jdbi)).isInstanceOfSatisfying(
                BranchCardKey.Outcome.Refused.class, r -> assertThat(r.reason()).contains("1 bank cards"));
        assertThat(keyFile).hasBinaryContent(key);
        Path shortKey = Files.write(tmp.resolve("short.key"), new byte[16]);
        assertThat(BranchCardKey.install(shortKey, tmp.resolve("fresh"), branch.jdbi))
                .isInstanceOf(BranchCardKey.Outcome.Refused.class);
        assertThat(tmp.resolve("fresh").resolve(CardMatchingKey.KEY_FILE)).doesNotExist();
    }
}
