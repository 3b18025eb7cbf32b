package bank.ushield.renewal.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import bank.ushield.idverification.ReasonCode;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.store.ManagerAuthorisationStore;

/** A manager's authorisation of the exception a case is held for (dual control), or its audited refusal. */
final class ManagerAuthorisation {

    private final CaseSteps steps;
    private final ManagerAuthorisationStore authorisations = new ManagerAuthorisationStore();

    ManagerAuthorisation(CaseSteps steps) {
        this.steps = steps;
    }

    /** Longest reason kept: a sentence, not a document. */
    static final int REASON_MAX = 200;

    Outcome authorise(long caseId, String exceptionCode, String managerLogin, char[] managerPassword, String reason) {
        RenewalCase c = steps.tx(h -> steps.store.require(h, caseId));
        String why = reason == null ? "" : reason.strip();
        if (ReasonCode.ONLINE_UNAVAILABLE.name().equals(exceptionCode) && why.isEmpty()) {
            // going on without the public-security answer is the manager's judgement: it must say why
            java.util.Arrays.fill(managerPassword, '\0');
            refuse(steps, c, exceptionCode, c.tellerLogin(), managerLogin, ProblemCode.AUTH_REASON_REQUIRED);
            throw new RenewalException(ProblemCode.AUTH_REASON_REQUIRED, exceptionCode);
        }
        StaffMember manager = manager(steps, c, exceptionCode, c.tellerLogin(), managerLogin, managerPassword,
                java.util.Arrays.asList(c.tellerLogin(), steps.actor.login()));
        return steps.tx(h -> {
            RenewalCase fresh = steps.store.require(h, caseId);
            Optional<ManagerAuthorisationStore.Pending> pending = authorisations.pending(h, caseId);
            if (pending.isEmpty() || !pending.get().exceptionCode().equals(exceptionCode)) {
                throw new RenewalException(ProblemCode.AUTH_NOTHING_PENDING, fresh.caseNo());
            }
            authorisations.grant(h, pending.get().id(), manager.login(), steps.now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("exception", exceptionCode);
            details.put("teller", fresh.tellerLogin());
            details.put("manager", manager.login());
            details.put("managerName", manager.displayName());
            if (!why.isEmpty()) {
                details.put("reason", why.length() > REASON_MAX ? why.substring(0, REASON_MAX) : why);
            }
            steps.parts.journal().record(h, new CaseEvent(CaseEvents.EXCEPTION_AUTHORISED, manager, fresh.id(),
                    fresh.caseNo(), "SUCCESS", details));
            Map<String, Object> moveDetails = new LinkedHashMap<>();
            moveDetails.put("authorisedBy", manager.login());
            moveDetails.put("exception", exceptionCode);
            return new Outcome.Advanced(steps.advance(h, steps.store.require(h, caseId), pending.get().heldState(),
                    moveDetails));
        });
    }

    /**
     * The manager whose login and password were given, when they may authorise {@code exceptionCode} on case
     * {@code c}: a manager, and none of {@code notAllowed} (dual control). Each refusal is audited on the case; the
     * password is wiped either way.
     */
    static StaffMember manager(CaseSteps steps, RenewalCase c, String exceptionCode, String teller, String managerLogin,
                               char[] managerPassword, java.util.Collection<String> notAllowed) {
        StaffMember manager;
        try {
            manager = steps.parts.staff().authenticate(managerLogin, managerPassword);
        } catch (RenewalException e) {
            refuse(steps, c, exceptionCode, teller, managerLogin, e.code());
            throw e;
        } finally {
            java.util.Arrays.fill(managerPassword, '\0');
        }
        if (manager.role() != StaffMember.Role.MANAGER) {
            refuse(steps, c, exceptionCode, teller, manager.login(), ProblemCode.AUTH_NOT_A_MANAGER);
            throw new RenewalException(ProblemCode.AUTH_NOT_A_MANAGER, manager.login());
        }
        if (notAllowed.contains(manager.login())) {
            refuse(steps, c, exceptionCode, teller, manager.login(), ProblemCode.AUTH_OWN_CASE);
            throw new RenewalException(ProblemCode.AUTH_OWN_CASE, manager.login());
        }
        return manager;
    }

    /** The audited refusal of an authorisation: who tried, for which exception, and why not. */
    static void refuse(CaseSteps steps, RenewalCase c, String exceptionCode, String teller, String login,
                       ProblemCode why) {
        steps.tx(h -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("exception", exceptionCode);
            details.put("teller", teller);
            details.put("attemptedBy", login);
            details.put("reason", why.name());
            steps.journal(h, c, CaseEvents.AUTHORISATION_REFUSED, "FAILURE", details);
            return null;
        });
    }
}
