package bank.ushield.teller.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.theme.Theme;

/** Settings persist in the data folder; the settings model validates without a display. */
class SettingsTest {

    @Test
    void defaultsAreChineseLightAndTraining(@TempDir Path dir) {
        Settings s = new SettingsStore(dir).load();
        assertThat(s.language()).isEqualTo(Language.CHINESE);
        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.pkcs11ModulePath()).isEmpty();
    }

    @Test
    void savedSettingsComeBack(@TempDir Path dir) throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Settings s = new Settings("/usr/lib/softhsm/libsofthsm2.so", "counter-1", "0203-W07", "/tmp/sync",
                "/tmp/ho.pem", "/tmp/ca.pem", Language.ENGLISH, Theme.DARK, 7);
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        assertThat(Files.readString(store.file())).contains("ui.language=ENGLISH");
    }

    @Test
    void aBrokenValueFallsBackToItsDefault(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "ui.theme=PURPLE\nui.idleLockMinutes=soon\n");
        Settings s = new SettingsStore(dir).load();
        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.idleLockMinutes()).isEqualTo(5);
    }

    /** Issue 21: the audit anchor interval is a workstation setting, 60 minutes unless the file says otherwise. */
    @Test
    void theAnchorIntervalIsASettingWithSixtyMinutesByDefault(@TempDir Path dir) throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load().anchorIntervalMinutes()).isEqualTo(60);
        Files.writeString(store.file(), "audit.anchorIntervalMinutes=15\n");
        Settings fifteen = store.load();
        assertThat(fifteen.anchorIntervalMinutes()).isEqualTo(15);
        // The settings dialog and the language switch keep it.
        assertThat(new SettingsModel(fifteen).toSettings().anchorIntervalMinutes()).isEqualTo(15);
        store.save(fifteen.withLanguage(Language.ENGLISH));
        assertThat(Files.readString(store.file())).contains("audit.anchorIntervalMinutes=15");
        for (String bad : new String[] {"0", "-5", "hourly"}) {
            Files.writeString(store.file(), "audit.anchorIntervalMinutes=" + bad + "\n");
            assertThat(store.load().anchorIntervalMinutes()).as(bad).isEqualTo(60);
        }
        assertThat(new bank.ushield.renewal.wiring.RenewalWorkstation.ProductionSettings(dir, "0102-W03", dir, dir, dir,
                dir, null, null, "").anchorInterval()).isEqualTo(java.time.Duration.ofMinutes(60));
    }

    @Test
    void theModelRefusesAMissingModuleAndABadWorkstationId(@TempDir Path dir) throws Exception {
        SettingsModel model = new SettingsModel(Settings.defaults());
        assertThat(model.valid()).isTrue();
        model.setPkcs11Module(dir.resolve("nope.so").toString());
        assertThat(model.errors()).containsEntry("pkcs11Module", "Settings.error.moduleMissing");
        assertThat(model.valid()).isFalse();
        Path module = Files.createFile(dir.resolve("lib.so"));
        model.setPkcs11Module(module.toString());
        model.setWorkstationId("W3");
        assertThat(model.errors()).containsOnlyKeys("workstationId", "syncFolder");
        model.setWorkstationId("0102-W03");
        model.setSyncFolder(dir.toString());
        model.setHeadOfficeCert(module.toString());
        model.setCaCertificates(module.toString());
        assertThat(model.valid()).isTrue();
        assertThat(model.toSettings().pkcs11ModulePath()).contains(module);
    }

    /** Keys Settings does not hold (the branch database's) survive a save of the settings dialog; "" removes one. */
    @Test
    void savingKeepsTheBranchDatabaseKeysTheDialogDoesNotShow(@TempDir Path dir) throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.save(Settings.defaults(), java.util.Map.of("branch.database.url", "jdbc:postgresql://db/ushield_0102",
                "branch.database.user", "ushield_w03"));
        store.save(store.load().withLanguage(bank.ushield.teller.i18n.Language.ENGLISH));
        assertThat(store.properties().getProperty("branch.database.url")).isEqualTo("jdbc:postgresql://db/ushield_0102");
        assertThat(store.load().language()).isEqualTo(bank.ushield.teller.i18n.Language.ENGLISH);
        store.save(store.load(), java.util.Map.of("branch.database.user", ""));
        assertThat(store.properties().getProperty("branch.database.user")).isNull();
        assertThat(store.properties().getProperty("branch.database.url")).isNotNull();
    }
}
