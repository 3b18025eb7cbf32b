package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CardMatchingKeyCheck;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** Installing head office's card-matching key: owner-only file, idempotent, never over cards hashed with another. */
@ExtendWith(DatabaseFileExtension.class)
class BranchCardKeyTest {
    private static final String W01 = "0102-W01";
    private static final Clock CLOCK = Clock.systemUTC();

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

        assertThat(BranchCardKey.install(supplied, data, branch.jdbi, W01, CLOCK)).isInstanceOf(BranchCardKey.Outcome.Installed.class);
        Path keyFile = data.resolve(CardMatchingKey.KEY_FILE);
        assertThat(keyFile).hasBinaryContent(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(BranchCardKey.install(supplied, data, branch.jdbi, W01, CLOCK)).isInstanceOf(BranchCardKey.Outcome.Unchanged.class);

        branch.jdbi.useHandle(h -> {
            h.execute("INSERT INTO customer (customer_no, name, created_at) VALUES ('C1', 'x', '2026-01-01T00:00:00Z')");
            h.execute("INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, status, created_at) "
                    + "VALUES (1, '622202', '1234', 19, 'h', 'DEBIT', 'ACTIVE', '2026-01-01T00:00:00Z')");
        });
        Path other = Files.write(tmp.resolve("other.key"), new byte[32]);
        assertThat(BranchCardKey.install(other, data, branch.jdbi, W01, CLOCK)).isInstanceOfSatisfying(
                BranchCardKey.Outcome.Refused.class, r -> assertThat(r.reason()).contains("1 bank cards"));
        assertThat(keyFile).hasBinaryContent(key);
        Path shortKey = Files.write(tmp.resolve("short.key"), new byte[16]);
        assertThat(BranchCardKey.install(shortKey, tmp.resolve("fresh"), branch.jdbi, W01, CLOCK))
                .isInstanceOf(BranchCardKey.Outcome.Refused.class);
        assertThat(tmp.resolve("fresh").resolve(CardMatchingKey.KEY_FILE)).doesNotExist();
    }

    @Test
    void aSecondWorkstationWithAnotherKeyThanTheDatabasesIsRefusedAtInstall(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 5);
        Path supplied = Files.write(tmp.resolve("branch.key"), key);
        assertThat(BranchCardKey.install(supplied, tmp.resolve("w01"), branch.jdbi, W01, CLOCK))
                .isInstanceOf(BranchCardKey.Outcome.Installed.class);
        assertThat(CardMatchingKeyCheck.recorded(branch.jdbi)).hasValueSatisfying(
                r -> assertThat(r.checkValue()).isEqualTo(new CardMatchingKey(key).checkValue()));
        // W02's IT copies the wrong file: refused before it lands, with nothing installed
        Path wrong = Files.write(tmp.resolve("wrong.key"), new byte[32]);
        assertThat(BranchCardKey.install(wrong, tmp.resolve("w02"), branch.jdbi, "0102-W02", CLOCK))
                .isInstanceOfSatisfying(BranchCardKey.Outcome.Refused.class,
                        r -> assertThat(r.reason()).contains("not the branch's").contains(W01));
        assertThat(tmp.resolve("w02").resolve(CardMatchingKey.KEY_FILE)).doesNotExist();
        assertThat(BranchCardKey.install(supplied, tmp.resolve("w02"), branch.jdbi, "0102-W02", CLOCK))
                .isInstanceOf(BranchCardKey.Outcome.Installed.class);
    }
}
