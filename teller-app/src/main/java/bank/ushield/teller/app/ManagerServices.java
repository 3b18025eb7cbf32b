package bank.ushield.teller.app;

import java.time.ZoneId;

import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.manager.AuditLogReview;
import bank.ushield.teller.manager.AuditReview;

/**
 * What the manager's home screen needs over an open workstation (made again after a training reset reopened it).
 */
record ManagerServices(AuditReview review, AuditStatistics statistics) {

    static ManagerServices over(RenewalWorkstation renewal, ZoneId zone) {
        return new ManagerServices(new AuditLogReview(renewal.database(), renewal.auditLog(),
                renewal.workstationKeys(), zone), new AuditStatistics(renewal.database(), zone));
    }
}
