package bank.ushield.renewal.cases;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.CaseClaim;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.store.CaseStore;

/**
 * A manager lets this workstation take over a case another workstation holds (it crashed, or its teller left the
 * customer): dual control as for an exception, with a reason, recorded in this workstation's log; the other
 * workstation's next try on the case is refused and recorded in its own log (ADR 0087).
 */
final class CaseTakeover {

    /** The exception code naming a takeover in authorisation refusals. */
    static final String EXCEPTION = "CLAIM_TAKEOVER";

    private final CaseSteps steps;

    CaseTakeover(CaseSteps steps) {
        this.steps = steps;
    }

    RenewalCase takeOver(long caseId, String managerLogin, char[] managerPassword, String reason) {
        RenewalCase c;
        Optional<CaseClaim> held;
        try {
            c = steps.tx(h -> steps.store.require(h, caseId));
            held = steps.tx(h -> steps.claims.find(h, caseId, steps.parts.workstationId()));
            if (c.state().terminal()) {
                throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(), "takeOver");
            }
        } catch (RuntimeException e) {
            Arrays.fill(managerPassword, '\0');
            throw e;
        }
        if (held.isEmpty() || held.get().heldHere()) {
            Arrays.fill(managerPassword, '\0');
            return steps.claim(caseId); // nobody else holds it: no manager needed
        }
        CaseClaim from = held.get();
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            Arrays.fill(managerPassword, '\0');
            ManagerAuthorisation.refuse(steps, c, EXCEPTION, steps.actor.login(), managerLogin,
                    ProblemCode.AUTH_REASON_REQUIRED);
            throw new RenewalException(ProblemCode.AUTH_REASON_REQUIRED, EXCEPTION);
        }
        StaffMember manager = ManagerAuthorisation.manager(steps, c, EXCEPTION, steps.actor.login(), managerLogin,
                managerPassword, java.util.List.of(steps.actor.login()));
        return steps.tx(h -> {
            RenewalCase fresh = steps.store.require(h, caseId);
            if (fresh.state().terminal() || !steps.claims.takeOver(h, caseId, from.workstationId(),
                    steps.parts.workstationId(), steps.actor.login(), manager.login(), steps.now())) {
                throw new RenewalException(ProblemCode.CASE_CHANGED_ELSEWHERE, fresh.caseNo());
            }
            if (fresh.state() == CaseState.CSR_QUEUED && fresh.requestBatchId() == null) {
                // not sent yet: it goes out with this workstation's next request batch (ADR 0088)
                steps.store.setCaseColumn(h, caseId, CaseStore.CaseColumn.QUEUED_BY, steps.parts.workstationId());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("fromWorkstation", from.workstationId());
            details.put("fromTeller", from.tellerLogin());
            details.put("heldSince", from.claimedAt().toString());
            details.put("lastStep", from.touchedAt().toString());
            details.put("state", fresh.state().name());
            details.put("teller", steps.actor.login());
            details.put("manager", manager.login());
            details.put("managerName", manager.displayName());
            details.put("reason", why.length() > ManagerAuthorisation.REASON_MAX
                    ? why.substring(0, ManagerAuthorisation.REASON_MAX) : why);
            steps.parts.journal().record(h, new CaseEvent(CaseEvents.TAKEN_OVER, manager, fresh.id(), fresh.caseNo(),
                    "SUCCESS", details));
            return steps.store.require(h, caseId);
        });
    }
}
