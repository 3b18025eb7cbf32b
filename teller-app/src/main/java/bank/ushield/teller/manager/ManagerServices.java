package bank.ushield.teller.manager;

import java.time.ZoneId;

import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.shell.Workstation;

/**
 * Registers what the manager's home screen needs with the workstation (called by the wiring, again after a training
 * reset reopened the workstation). The trainer's desk is registered by the wiring, which keeps it across resets.
 */
public final class ManagerServices {

    private ManagerServices() {
    }

    public static void register(Workstation workstation, RenewalWorkstation renewal) {
        ZoneId zone = workstation.clock().getZone();
        workstation.register(AuditReview.class, new AuditLogReview(renewal.database(), renewal.auditLog(),
                renewal.workstationKeys(), zone));
        workstation.register(AuditStatistics.class, new AuditStatistics(renewal.database(), zone));
    }
}
