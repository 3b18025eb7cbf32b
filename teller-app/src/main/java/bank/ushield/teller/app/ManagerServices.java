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
                       java.util.function.Function<bank.ushield.renewal.StaffMember, bank.ushield.renewal.TokenStock> stock,
                       ZoneId zone) {

    /** Who reads a receipt again from the review: reading writes nothing, so no person is named. */
    private static final bank.ushield.renewal.StaffMember READER = new bank.ushield.renewal.StaffMember("review",
            "review", bank.ushield.renewal.StaffMember.Role.MANAGER);

    /** Days, times and the sign-off's day boundaries in the branch's zone, as the receipt prints them. */
    static ManagerServices over(RenewalWorkstation renewal) {
        ZoneId zone = renewal.parts().branchZone();
        return new ManagerServices(new AuditLogReview(renewal.database(), renewal.auditLog(),
                renewal.workstationKeys(), zone, AuditLabels::codesInLabelOrder, renewal.headOfficeKeys())
                .withStaff(renewal.parts().staff())
                // Other counters' keys IT placed here: their logs are then checked against them (ADR 0098).
                .withPinnedWorkstations(bank.ushield.audit.branch.PinnedWorkstations.read(
                        renewal.dataFolder().resolve(bank.ushield.audit.branch.PinnedWorkstations.FOLDER)))
                .withReceipts(caseId -> renewal.receiptPdf().render(renewal.renewals(READER).receipt(caseId))),
                renewal::tokenStock, zone);
    }
}
