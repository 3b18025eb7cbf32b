package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.teller.error.StartRefusal;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.theme.Theme;

/**
 * Refusals of a branch workstation's start that come before any connection: a missing card-matching key (a key made
 * up here would not match the branch's cards, so none is made) and a password file others may read.
 */
class BranchStartRefusalTest {

    private static final String KEYSTORE = "ks-Branch-0102";

    @TempDir
    Path home;
    /** Where IT keeps the password file: outside the data folder (whose files the start makes owner-only). */
    @TempDir
    Path etc;

    private Settings settings(Path passwordFile) throws Exception {
        Path ho = Files.writeString(home.resolve("ho.pem"), "");
        Settings s = new Settings("/usr/lib/softhsm/libsofthsm2.so", "", "0102-W03", home.toString(), ho.toString(),
                ho.toString(), Language.CHINESE, Theme.LIGHT, 5);
        new SettingsStore(home).save(s, Map.of(BranchDatabaseSettings.URL_KEY, "jdbc:postgresql://127.0.0.1:9/b",
                BranchDatabaseSettings.USER_KEY, "ushield_w03", BranchDatabaseSettings.PASSWORD_FILE_KEY,
                passwordFile.toString()));
        return s;
    }

    private Path passwordFile(String mode) throws Exception {
        Path f = Files.writeString(etc.resolve("db-" + mode + ".password"), "Db-Secret-1\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void aBranchWorkstationWithoutTheBranchCardKeyIsRefusedAndNoKeyIsMade() throws Exception {
        Settings s = settings(passwordFile("rw-------"));
        Path prod = Files.createDirectories(home.resolve("production"));
        WorkstationKeys.create(prod, "0102-W03", KEYSTORE::toCharArray);
        assertThatThrownBy(() -> DomainWiring.production(prod, s, Clock.systemUTC(), KEYSTORE::toCharArray,
                name -> null)).isInstanceOfSatisfying(WorkstationStartException.class,
                        e -> assertThat(e.code()).isEqualTo(StartRefusal.BRANCH_CARD_KEY_MISSING));
        assertThat(prod.resolve(CardMatchingKey.KEY_FILE)).doesNotExist();
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedWithoutThePasswordInTheMessage() throws Exception {
        Settings s = settings(passwordFile("rw-r--r--"));
        Path prod = Files.createDirectories(home.resolve("production"));
        WorkstationKeys.create(prod, "0102-W03", KEYSTORE::toCharArray);
        assertThatThrownBy(() -> DomainWiring.production(prod, s, Clock.systemUTC(), KEYSTORE::toCharArray,
                name -> null)).isInstanceOfSatisfying(WorkstationStartException.class, e -> {
                    assertThat(e.code()).isEqualTo(StartRefusal.BRANCH_DATABASE_SETTINGS);
                    assertThat(e.getMessage()).contains("may be read by other users").doesNotContain("Db-Secret-1");
                });
    }
}
