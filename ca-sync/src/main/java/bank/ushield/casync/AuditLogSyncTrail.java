package bank.ushield.casync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;

/** ca-sync's audit events in the workstation's audit log, appended inside the caller's transaction. */
public final class AuditLogSyncTrail implements SyncAuditTrail {

    private final AuditLog log;

    public AuditLogSyncTrail(AuditLog log) {
        this.log = log;
    }

    @Override
    public void record(Handle handle, String type, String outcome, Long caseId, Map<String, Object> details) {
        AuditEvent.Builder b = AuditEvent.builder(eventType(type), outcome(type, outcome))
                .actor("system", "SYSTEM")
                .caseId(caseId)
                .detail("event", type);
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.forEach(b::detail);
        log.append(handle, b.build());
    }

    static AuditEventType eventType(String type) {
        return switch (type) {
            case RequestBatchExporter.EVENT_EXPORTED -> AuditEventType.BATCH_EXPORTED;
            case ResponseBatchImporter.EVENT_QUARANTINED -> AuditEventType.BATCH_QUARANTINED;
            case ResponseBatchImporter.EVENT_ANCHOR_ACKNOWLEDGED -> AuditEventType.AUDIT_ANCHORED;
            case ResponseBatchImporter.EVENT_ANCHOR_REFUSED -> AuditEventType.AUDIT_ANCHOR_REFUSED;
            default -> AuditEventType.BATCH_IMPORTED; // imported, duplicate, failed: told apart by "event" and outcome
        };
    }

    static AuditOutcome outcome(String type, String outcome) {
        if (ResponseBatchImporter.EVENT_DUPLICATE.equals(type)) {
            return AuditOutcome.INFO;
        }
        return switch (outcome) {
            case "SUCCESS" -> AuditOutcome.OK;
            case "REJECTED" -> AuditOutcome.REFUSED;
            default -> AuditOutcome.FAILED;
        };
    }
}
