package bank.ushield.teller.settings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import bank.ushield.teller.i18n.Language;

/**
 * The workstation's settings (Swing-free, persisted by {@link SettingsStore}).
 *
 * @param pkcs11Module     path of the vendor PKCS#11 module; empty means no reader configured, so training mode
 * @param tokenLabel       the token to use when the module shows several (label); empty means the first present
 * @param workstationId    the workstation's id, e.g. 0102-W03
 * @param outbox           head-office request folder (empty: the mode's default under the data folder)
 * @param inbox            head-office response folder (empty: the mode's default under the data folder)
 * @param language         UI language
 * @param theme            light or dark
 * @param idleLockMinutes  minutes without input before the screen locks
 */
public record Settings(String pkcs11Module, String tokenLabel, String workstationId, String outbox, String inbox,
                       Language language, Theme theme, int idleLockMinutes) {

    public static final String DEFAULT_WORKSTATION = "0102-W01";

    public Settings {
        pkcs11Module = Objects.requireNonNullElse(pkcs11Module, "").strip();
        tokenLabel = Objects.requireNonNullElse(tokenLabel, "").strip();
        workstationId = Objects.requireNonNullElse(workstationId, DEFAULT_WORKSTATION).strip();
        outbox = Objects.requireNonNullElse(outbox, "").strip();
        inbox = Objects.requireNonNullElse(inbox, "").strip();
        language = Objects.requireNonNullElse(language, Language.CHINESE);
        theme = Objects.requireNonNullElse(theme, Theme.LIGHT);
        idleLockMinutes = idleLockMinutes <= 0 ? 5 : idleLockMinutes;
    }

    /** Chinese, light, no PKCS#11 module (training), lock after 5 minutes. */
    public static Settings defaults() {
        return new Settings("", "", DEFAULT_WORKSTATION, "", "", Language.CHINESE, Theme.LIGHT, 5);
    }

    /** The configured PKCS#11 module, if any. */
    public Optional<Path> pkcs11ModulePath() {
        return pkcs11Module.isEmpty() ? Optional.empty() : Optional.of(Path.of(pkcs11Module));
    }

    public Settings withLanguage(Language l) {
        return new Settings(pkcs11Module, tokenLabel, workstationId, outbox, inbox, l, theme, idleLockMinutes);
    }

    public Settings withTheme(Theme t) {
        return new Settings(pkcs11Module, tokenLabel, workstationId, outbox, inbox, language, t, idleLockMinutes);
    }

    public Settings withPkcs11(String module, String label) {
        return new Settings(module, label, workstationId, outbox, inbox, language, theme, idleLockMinutes);
    }
}
