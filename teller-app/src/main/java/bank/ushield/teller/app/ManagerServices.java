package bank.ushield.teller.app;

import java.time.ZoneId;

import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.review.AuditLogReview;
import bank.ushield.renewal.review.AuditReview;
import bank.ushield.teller.manager.AuditLabels;

/**
 * What the manager's home screen needs over an open workstation (made again after a training reset reopened it).
 */
record ManagerServices(AuditReview review,
                       java.util.function.Function<bank.ushield.renewal.StaffMember, bank.ushield.renewal.TokenStock> stock) {

    ManagerServices(AuditReview review) {
        this(review, null);
    }

    static ManagerServices over(RenewalWorkstation renewal, ZoneId zone) {
        return new ManagerServices(new AuditLogReview(renewal.database(), renewal.auditLog(),
                renewal.workstationKeys(), zone, AuditLabels::codesInLabelOrder, renewal.headOfficeKeys()),
                renewal::tokenStock);
    }
}
