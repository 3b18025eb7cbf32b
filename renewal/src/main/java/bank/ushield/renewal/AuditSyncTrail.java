package bank.ushield.renewal;

import java.util.Map;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.casync.SyncAuditTrail;

/** ca-sync's batch events into the audit log, inside the exporter's or importer's transaction. */
public final class AuditSyncTrail implements SyncAuditTrail {

    private final AuditLog log;

    public AuditSyncTrail(AuditLog log) {
        this.log = log;
    }

    @Override
    public void record(Handle handle, String type, String outcome, Long caseId, Map<String, Object> details) {
        AuditEvent.Builder b = AuditEvent.builder(type(type), outcome(outcome))
                .actor(StaffMember.HEAD_OFFICE_SYNC.login(), StaffMember.Role.SYSTEM.name())
                .caseId(caseId)
                .detail("event", type);
        details.forEach(b::detail);
        log.append(handle, b.build());
    }

    static AuditEventType type(String type) {
        if (type.contains("QUARANTINE")) {
            return AuditEventType.BATCH_QUARANTINED;
        }
        return type.contains("EXPORT") || type.contains("REQUEST") ? AuditEventType.BATCH_EXPORTED
                : AuditEventType.BATCH_IMPORTED;
    }

    static AuditOutcome outcome(String outcome) {
        return switch (outcome) {
            case "SUCCESS" -> AuditOutcome.OK;
            case "REJECTED" -> AuditOutcome.REFUSED;
            case "FAILED" -> AuditOutcome.FAILED;
            default -> AuditOutcome.INFO;
        };
    }
}
