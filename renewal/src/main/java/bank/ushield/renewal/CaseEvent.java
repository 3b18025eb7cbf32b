package bank.ushield.renewal;

import java.util.Map;
import java.util.Objects;

/**
 * One audit entry about a case: the event type, who did it, the outcome and masked details.
 *
 * @param type    event type (a transition is {@code CASE_<TO_STATE>}, others as named in {@link CaseEvents})
 * @param actor   who acted (for an authorisation: the manager)
 * @param outcome SUCCESS, FAILURE, NEEDS_MANAGER...
 * @param details masked details; never PINs, passwords or key material
 */
public record CaseEvent(String type, StaffMember actor, long caseId, String caseNo, String outcome,
                        Map<String, Object> details) {
    public CaseEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        details = Map.copyOf(details);
    }
}
