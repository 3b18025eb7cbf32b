package bank.ushield.renewal.adapter;

import org.jdbi.v3.core.Handle;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CaseJournal;
import bank.ushield.renewal.ProblemCode;

/** Case events into the audit module's log, appended inside the caller's transaction. */
public final class AuditCaseJournal implements CaseJournal {

    private final AuditLog log;

    public AuditCaseJournal(AuditLog log) {
        this.log = log;
    }

    @Override
    public long record(Handle handle, CaseEvent e) {
        AuditEvent.Builder b = AuditEvent.builder(type(e), outcome(e.outcome()))
                .actor(e.actor().login(), e.actor().role().name())
                .caseId(e.caseId() > 0 ? e.caseId() : null);
        if (e.caseNo() != null) {
            b.detail("caseNo", e.caseNo());
        }
        e.details().forEach(b::detail);
        return log.append(handle, b.build()).seq();
    }

    static AuditEventType type(CaseEvent e) {
        if (CaseEvents.TOKEN_STEP_FAILED.equals(e.type())) {
            Object problem = e.details().get("problem");
            if (problem == ProblemCode.WRONG_PIN) {
                return AuditEventType.PIN_ENTRY_FAILED;
            }
            if (problem == ProblemCode.PIN_LOCKED) {
                return AuditEventType.PIN_LOCKED;
            }
        }
        return type(e.type());
    }

    static AuditEventType type(String caseEventType) {
        return switch (caseEventType) {
            case CaseEvents.CHECK_FAILED -> AuditEventType.CHECK_FAILED;
            case CaseEvents.EXCEPTION_RAISED -> AuditEventType.MANAGER_AUTHORISATION_REQUESTED;
            case CaseEvents.EXCEPTION_AUTHORISED -> AuditEventType.MANAGER_AUTHORISATION_GRANTED;
            case CaseEvents.AUTHORISATION_REFUSED -> AuditEventType.MANAGER_AUTHORISATION_REFUSED;
            case CaseEvents.KEY_GENERATION_STARTED -> AuditEventType.CASE_KEY_GENERATION_STARTED;
            case CaseEvents.TOKEN_STEP_FAILED -> AuditEventType.TOKEN_ERROR;
            case CaseEvents.SELF_TEST -> AuditEventType.CASE_SELF_TEST;
            default -> AuditEventType.valueOf(caseEventType);
        };
    }

    static AuditOutcome outcome(String outcome) {
        return switch (outcome) {
            case "SUCCESS", "ABORTED" -> AuditOutcome.OK;
            case "FAILURE" -> AuditOutcome.FAILED;
            case "REJECTED" -> AuditOutcome.REFUSED;
            default -> AuditOutcome.INFO;
        };
    }
}
