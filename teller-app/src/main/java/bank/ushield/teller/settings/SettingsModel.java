package bank.ushield.teller.settings;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.theme.Theme;

/**
 * The settings screen's state and validation (Swing-free). Each change fires "errors" and "valid" so the view's
 * Save button and field messages follow; the errors are text keys of the Settings bundle.
 */
public final class SettingsModel {

    public static final String VALID = "valid";
    static final Pattern WORKSTATION_ID = Pattern.compile("\\d{4}-W\\d{2}");

    private final PropertyChangeSupport changes = new PropertyChangeSupport(this);
    private String pkcs11Module;
    private String tokenLabel;
    private String workstationId;
    private String syncFolder;
    private String headOfficeCert;
    private String caCertificates;
    private Language language;
    private Theme theme;
    private final int idleLockMinutes;
    private final int anchorIntervalMinutes;
    private int syncMinutes;
    private boolean valid;

    public SettingsModel(Settings s) {
        pkcs11Module = s.pkcs11Module();
        tokenLabel = s.tokenLabel();
        workstationId = s.workstationId();
        syncFolder = s.syncFolder();
        headOfficeCert = s.headOfficeCert();
        caCertificates = s.caCertificates();
        language = s.language();
        theme = s.theme();
        idleLockMinutes = s.idleLockMinutes();
        anchorIntervalMinutes = s.anchorIntervalMinutes();
        syncMinutes = s.syncMinutes();
        valid = errors().isEmpty();
    }

    public void addPropertyChangeListener(PropertyChangeListener l) {
        changes.addPropertyChangeListener(l);
    }

    public void setPkcs11Module(String v) {
        pkcs11Module = v == null ? "" : v.strip();
        changed();
    }

    public void setTokenLabel(String v) {
        tokenLabel = v == null ? "" : v.strip();
        changed();
    }

    public void setWorkstationId(String v) {
        workstationId = v == null ? "" : v.strip();
        changed();
    }

    public void setSyncFolder(String v) {
        syncFolder = v == null ? "" : v.strip();
        changed();
    }

    public void setHeadOfficeCert(String v) {
        headOfficeCert = v == null ? "" : v.strip();
        changed();
    }

    public void setCaCertificates(String v) {
        caCertificates = v == null ? "" : v.strip();
        changed();
    }

    public void setLanguage(Language l) {
        language = l;
        changed();
    }

    public void setTheme(Theme t) {
        theme = t;
        changed();
    }

    /** Minutes between the app's own head-office syncs; 0 turns them off. */
    public void setSyncMinutes(int minutes) {
        syncMinutes = Math.max(0, minutes);
        changed();
    }

    /** Field name -> error text key, for the fields that are wrong now. */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!pkcs11Module.isEmpty() && !Files.isRegularFile(Path.of(pkcs11Module))) {
            errors.put("pkcs11Module", "Settings.error.moduleMissing");
        }
        if (!WORKSTATION_ID.matcher(workstationId).matches()) {
            errors.put("workstationId", "Settings.error.workstationId");
        }
        if (!syncFolder.isEmpty() && !Files.isDirectory(Path.of(syncFolder))) {
            errors.put("syncFolder", "Settings.error.folderMissing");
        }
        if (!headOfficeCert.isEmpty() && !Files.isRegularFile(Path.of(headOfficeCert))) {
            errors.put("headOfficeCert", "Settings.error.fileMissing");
        }
        if (!caCertificates.isEmpty() && !Files.isRegularFile(Path.of(caCertificates))) {
            errors.put("caCertificates", "Settings.error.fileMissing");
        }
        if (!pkcs11Module.isEmpty() && (syncFolder.isEmpty() || headOfficeCert.isEmpty() || caCertificates.isEmpty())) {
            // A reader means production: production cannot run without its head-office exchange.
            errors.putIfAbsent("syncFolder", "Settings.error.productionNeedsHeadOffice");
        }
        return errors;
    }

    public boolean valid() {
        return valid;
    }

    public Settings toSettings() {
        return new Settings(pkcs11Module, tokenLabel, workstationId, syncFolder, headOfficeCert, caCertificates, language,
                theme, idleLockMinutes, anchorIntervalMinutes, syncMinutes);
    }

    private void changed() {
        boolean old = valid;
        valid = errors().isEmpty();
        changes.firePropertyChange(VALID, old, valid);
        changes.firePropertyChange("errors", null, errors());
    }
}
