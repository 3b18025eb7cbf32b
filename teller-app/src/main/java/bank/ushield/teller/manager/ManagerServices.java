package bank.ushield.teller.manager;

import java.time.ZoneId;

import bank.ushield.audit.stats.AuditStatistics;
import bank.ushield.renewal.RenewalWorkstation;
import bank.ushield.renewal.training.ScenarioTrainingDesk;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.teller.shell.Workstation;

/** Registers what the manager's and the trainer's home screens need with the workstation (called by the wiring). */
public final class ManagerServices {

    private ManagerServices() {
    }

    public static void register(Workstation workstation, RenewalWorkstation renewal) {
        ZoneId zone = workstation.clock().getZone();
        workstation.register(AuditReview.class, new AuditLogReview(renewal.database(), renewal.auditLog(),
                renewal.workstationKeys(), zone));
        workstation.register(AuditStatistics.class, new AuditStatistics(renewal.database(), zone));
        if (renewal.training() && workstation.training()) {
            workstation.register(TrainingDesk.class, new ScenarioTrainingDesk(renewal,
                    workstation.paths().modeDir().resolve("scenarios"), workstation.clock(), () -> {
                        // TrainingReset needs the training workstation closed; the running app cannot reopen it yet.
                        throw new IllegalStateException("Reset the training data with the app closed: "
                                + "TrainingReset on " + workstation.paths().modeDir());
                    }));
        }
    }
}
