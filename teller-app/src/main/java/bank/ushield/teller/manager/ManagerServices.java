package bank.ushield.teller.manager;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.db.Database;
import bank.ushield.teller.shell.Workstation;

/** Registers what the manager's home screen needs with the workstation (called by the wiring). */
public final class ManagerServices {

    /** Environment variable holding the production workstation keystore password. */
    public static final String KEYSTORE_PASSWORD_ENV = "USHIELD_KEYSTORE_PASSWORD";

    private ManagerServices() {
    }

    public static void register(Workstation workstation, Database database, AuditLog log) {
        KeystorePassword password = workstation.training() ? KeystorePassword.training()
                : KeystorePassword.fromEnvironment(KEYSTORE_PASSWORD_ENV);
        WorkstationKeys keys = WorkstationKeys.loadOrCreate(workstation.paths().modeDir(), log.workstation(), password);
        java.time.ZoneId zone = workstation.clock().getZone();
        workstation.register(AuditReview.class, new AuditLogReview(database, log, keys, zone));
        workstation.register(AuditStatistics.class, new AuditStatistics(database, zone));
    }
}
