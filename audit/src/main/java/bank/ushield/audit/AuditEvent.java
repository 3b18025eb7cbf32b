package bank.ushield.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing to record, before masking: who did what, with which outcome, and details. Build with
 * {@link #builder(AuditEventType, AuditOutcome)}; details are masked and checked for secrets when appended.
 *
 * @param customerRef a non-reversible customer reference (see {@link CustomerRef}), or null
 */
public record AuditEvent(AuditEventType type, AuditOutcome outcome, String actor, String role, Long caseId,
                         String customerRef, Map<String, Object> details) {

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        if (actor == null || actor.isBlank()) {
            throw new AuditException(AuditException.Code.INVALID_EVENT, "An audit event needs an actor (login or 'system').");
        }
        role = role == null ? "" : role;
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Starts an event of the given type and outcome. */
    public static Builder builder(AuditEventType type, AuditOutcome outcome) {
        return new Builder(type, outcome);
    }

    /** Builds an {@link AuditEvent} step by step. */
    public static final class Builder {
        private final AuditEventType type;
        private final AuditOutcome outcome;
        private String actor;
        private String role = "";
        private Long caseId;
        private String customerRef;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(AuditEventType type, AuditOutcome outcome) {
            this.type = type;
            this.outcome = outcome;
        }

        /** The staff login (or "system") and its role (TELLER, MANAGER, TRAINER, SYSTEM). */
        public Builder actor(String login, String role) {
            this.actor = login;
            this.role = role;
            return this;
        }

        public Builder caseId(Long caseId) {
            this.caseId = caseId;
            return this;
        }

        /** A customer reference from {@link CustomerRef}, never a clear customer number. */
        public Builder customerRef(String customerRef) {
            this.customerRef = customerRef;
            return this;
        }

        /** A detail; personal values are masked and secret-looking ones refused when the event is appended. */
        public Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(type, outcome, actor, role, caseId, customerRef, details);
        }
    }
}
