package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardMatchingKeyTest {

    @Test
    void createsAnOwnerOnlyKeyOnceAndKeepsUsingIt(@TempDir Path dir) throws Exception {
        CardMatchingKey first = CardMatchingKey.forDataFolder(dir.resolve("data"));
        Path key = dir.resolve("data").resolve(CardMatchingKey.KEY_FILE);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        CardMatchingKey second = CardMatchingKey.forDataFolder(dir.resolve("data"));
        assertThat(second.hash("6222021234567890128")).isEqualTo(first.hash("6222021234567890128"))
                .hasSize(64).doesNotContain("0128");
        assertThat(CardMatchingKey.forDataFolder(dir.resolve("other")).hash("6222021234567890128"))
                .isNotEqualTo(first.hash("6222021234567890128"));
        assertThat(first.toString()).doesNotContain(Files.readString(key, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesADamagedKeyAndBadNumbers(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(CardMatchingKey.KEY_FILE), new byte[5]);
        assertThatThrownBy(() -> CardMatchingKey.forDataFolder(dir)).isInstanceOf(DatabaseException.class).hasMessageContaining("damaged");
        CardMatchingKey hasher = new CardMatchingKey(new byte[32]);
        assertThatThrownBy(() -> hasher.hash("6222x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.hash("123")).isInstanceOf(IllegalArgumentException.class);
        assertThat(hasher.hash("6222-0212 3456 7890 128")).isEqualTo(hasher.hash("6222021234567890128"));
    }
}
