package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchDatabaseSettingsTest {

    @TempDir
    Path dir;

    private static Properties settings(String passwordFile) {
        Properties p = new Properties();
        p.setProperty(BranchDatabaseSettings.URL_KEY, "jdbc:postgresql://db.branch:5432/ushield_0102?sslmode=verify-full");
        p.setProperty(BranchDatabaseSettings.USER_KEY, "ushield_w03");
        if (passwordFile != null) {
            p.setProperty(BranchDatabaseSettings.PASSWORD_FILE_KEY, passwordFile);
        }
        return p;
    }

    @Test
    void withoutAUrlTheWorkstationKeepsItsSqliteFile() {
        assertThat(BranchDatabaseSettings.fromSettings(new Properties(), "0102-W03", k -> null)).isNull();
    }

    @Test
    void thePasswordComesFromTheEnvironmentFirstThenAnOwnerOnlyFileAndIsNeverShown() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file-pw\nsecond line ignored\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        BranchDatabaseSettings fromFile = BranchDatabaseSettings.fromSettings(settings(file.toString()), "0102-W03",
                k -> null);
        assertThat(fromFile.password()).containsExactly("from-file-pw".toCharArray());
        Map<String, String> env = Map.of(BranchDatabaseSettings.PASSWORD_ENV, "from-env-pw");
        BranchDatabaseSettings fromEnv = BranchDatabaseSettings.fromSettings(settings(file.toString()), "0102-W03",
                env::get);
        assertThat(fromEnv.password()).containsExactly("from-env-pw".toCharArray());
        assertThat(fromEnv.toString()).doesNotContain("from-env-pw").doesNotContain("sslmode")
                .contains("ushield_w03", "0102-W03");
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "leaked-pw");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> BranchDatabaseSettings.fromSettings(settings(file.toString()), "0102-W03", k -> null))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("leaked-pw");
    }
}
