package bank.ushield.teller.settings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.theme.Theme;

/**
 * The workstation's settings (Swing-free, persisted by {@link SettingsStore}).
 *
 * @param pkcs11Module     path of the vendor PKCS#11 module; empty means no reader configured, so training mode
 * @param tokenLabel       the token to read when several are present and none is the case's registered one (label); empty means the first present
 * @param workstationId    the workstation's id, e.g. 0102-W03
 * @param syncFolder       head-office exchange folder (outbox, inbox, quarantine inside it); production only
 * @param headOfficeCert   the pinned head-office sync certificate (PEM or DER); production only
 * @param caCertificates   the CA certificates new token certificates must chain to; production only
 * @param language         UI language
 * @param theme            light or dark
 * @param idleLockMinutes  minutes without input before the screen locks
 * @param anchorIntervalMinutes longest time the audit log grows without a head-office anchor before a sync sends a
 *                         checkpoint-only batch (docs/audit-format.md "Anchoring"); default 60
 * @param syncMinutes      minutes between the running app's own head-office syncs (production); 0 turns them off
 */
public record Settings(String pkcs11Module, String tokenLabel, String workstationId, String syncFolder,
                       String headOfficeCert, String caCertificates, Language language, Theme theme,
                       int idleLockMinutes, int anchorIntervalMinutes, int syncMinutes) {

    public static final String DEFAULT_WORKSTATION = "0102-W01";
    /** The anchor interval when the settings file names none (or an unusable value). */
    public static final int DEFAULT_ANCHOR_INTERVAL_MINUTES = 60;
    /** Minutes between scheduled syncs unless the settings say otherwise. */
    public static final int DEFAULT_SYNC_MINUTES = 10;

    /** Settings with the default anchor and sync intervals. */
    public Settings(String pkcs11Module, String tokenLabel, String workstationId, String syncFolder,
                    String headOfficeCert, String caCertificates, Language language, Theme theme, int idleLockMinutes) {
        this(pkcs11Module, tokenLabel, workstationId, syncFolder, headOfficeCert, caCertificates, language, theme,
                idleLockMinutes, DEFAULT_ANCHOR_INTERVAL_MINUTES, DEFAULT_SYNC_MINUTES);
    }

    /** Settings with the default sync interval. */
    public Settings(String pkcs11Module, String tokenLabel, String workstationId, String syncFolder,
                    String headOfficeCert, String caCertificates, Language language, Theme theme, int idleLockMinutes,
                    int anchorIntervalMinutes) {
        this(pkcs11Module, tokenLabel, workstationId, syncFolder, headOfficeCert, caCertificates, language, theme,
                idleLockMinutes, anchorIntervalMinutes, DEFAULT_SYNC_MINUTES);
    }

    public Settings {
        pkcs11Module = Objects.requireNonNullElse(pkcs11Module, "").strip();
        tokenLabel = Objects.requireNonNullElse(tokenLabel, "").strip();
        workstationId = Objects.requireNonNullElse(workstationId, DEFAULT_WORKSTATION).strip();
        syncFolder = Objects.requireNonNullElse(syncFolder, "").strip();
        headOfficeCert = Objects.requireNonNullElse(headOfficeCert, "").strip();
        caCertificates = Objects.requireNonNullElse(caCertificates, "").strip();
        language = Objects.requireNonNullElse(language, Language.CHINESE);
        theme = Objects.requireNonNullElse(theme, Theme.LIGHT);
        idleLockMinutes = idleLockMinutes <= 0 ? 5 : idleLockMinutes;
        anchorIntervalMinutes = anchorIntervalMinutes <= 0 ? DEFAULT_ANCHOR_INTERVAL_MINUTES : anchorIntervalMinutes;
        syncMinutes = syncMinutes < 0 ? DEFAULT_SYNC_MINUTES : syncMinutes;
    }

    /** Chinese, light, no PKCS#11 module (training), lock after 5 minutes. */
    public static Settings defaults() {
        return new Settings("", "", DEFAULT_WORKSTATION, "", "", "", Language.CHINESE, Theme.LIGHT, 5,
                DEFAULT_ANCHOR_INTERVAL_MINUTES, DEFAULT_SYNC_MINUTES);
    }

    /** The configured PKCS#11 module, if any. */
    public Optional<Path> pkcs11ModulePath() {
        return pkcs11Module.isEmpty() ? Optional.empty() : Optional.of(Path.of(pkcs11Module));
    }

    public Settings withLanguage(Language l) {
        return new Settings(pkcs11Module, tokenLabel, workstationId, syncFolder, headOfficeCert, caCertificates, l,
                theme, idleLockMinutes, anchorIntervalMinutes, syncMinutes);
    }

    public Settings withTheme(Theme t) {
        return new Settings(pkcs11Module, tokenLabel, workstationId, syncFolder, headOfficeCert, caCertificates,
                language, t, idleLockMinutes, anchorIntervalMinutes, syncMinutes);
    }

    public Settings withPkcs11(String module, String label) {
        return new Settings(module, label, workstationId, syncFolder, headOfficeCert, caCertificates, language, theme,
                idleLockMinutes, anchorIntervalMinutes, syncMinutes);
    }

    /** The production settings {@code setup} writes: identity, token reader and head-office exchange. */
    public Settings withProduction(String workstation, String module, String label, String folder, String hoCert,
                                   String ca) {
        return new Settings(module, label, workstation, folder, hoCert, ca, language, theme, idleLockMinutes,
                anchorIntervalMinutes, syncMinutes);
    }

    /**
     * Each setting by the name settings.properties and the audit log use, as text (the order of the file); what
     * Settings compares to audit a change.
     */
    public java.util.SortedMap<String, String> byName() {
        java.util.SortedMap<String, String> m = new java.util.TreeMap<>();
        m.put("pkcs11.module", pkcs11Module);
        m.put("pkcs11.tokenLabel", tokenLabel);
        m.put("workstation.id", workstationId);
        m.put("headOffice.syncFolder", syncFolder);
        m.put("headOffice.certificate", headOfficeCert);
        m.put("headOffice.caCertificates", caCertificates);
        m.put("ui.language", language.name());
        m.put("ui.theme", theme.name());
        m.put("ui.idleLockMinutes", Integer.toString(idleLockMinutes));
        m.put("audit.anchorIntervalMinutes", Integer.toString(anchorIntervalMinutes));
        m.put("sync.intervalMinutes", Integer.toString(syncMinutes));
        return m;
    }

    /** Setting name -> [old, new] for each setting that differs from {@code before}. */
    public java.util.SortedMap<String, java.util.List<String>> changesFrom(Settings before) {
        java.util.SortedMap<String, java.util.List<String>> changes = new java.util.TreeMap<>();
        java.util.Map<String, String> old = before.byName();
        byName().forEach((name, value) -> {
            if (!value.equals(old.get(name))) {
                changes.put(name, java.util.List.of(old.get(name), value));
            }
        });
        return changes;
    }
}
