package bank.ushield.renewal.staff;

import java.util.Set;

/** The names of the workstation's settings as the audit log records them, and which only a manager or IT changes. */
public final class SettingNames {

    /** The settings that decide the workstation's identity, token reader and head-office exchange. */
    private static final Set<String> ADMINISTRATIVE = Set.of("pkcs11.module", "pkcs11.tokenLabel", "workstation.id",
            "headOffice.syncFolder", "headOffice.certificate", "headOffice.caCertificates", "sync.intervalMinutes", "audit.anchorIntervalMinutes");

    private SettingNames() {
    }

    /** True for a setting only a manager or IT may change (display settings are everyone's). */
    public static boolean administrative(String name) {
        return ADMINISTRATIVE.contains(name);
    }
}
