package bank.ushield.renewal.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.RenewalParts;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.TokenDesk;
import bank.ushield.renewal.store.CaseStore;
import bank.ushield.renewal.store.CaseTransactions;

/**
 * What every part of a case shares, for one member of staff: the transaction, the state checks, the move with its
 * audit entry, and the parts the case stands on.
 */
final class CaseSteps {

    final RenewalParts parts;
    final StaffMember actor;
    final CaseStore store = new CaseStore();

    CaseSteps(RenewalParts parts, StaffMember actor) {
        this.parts = parts;
        this.actor = actor;
    }

    TokenDesk token() {
        if (parts.token() == null) {
            throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "token");
        }
        return parts.token();
    }

    CustomerSummary customer(RenewalCase c) {
        return parts.customers().byId(c.customerId())
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND, c.customerId()));
    }

    RenewalCase requireStep(long caseId, CaseState required, String step) {
        return tx(h -> requireStepIn(h, caseId, required, step));
    }

    RenewalCase requireStepIn(Handle h, long caseId, CaseState required, String step) {
        RenewalCase c = store.require(h, caseId);
        requireState(c, required, step);
        return c;
    }

    static void requireState(RenewalCase c, CaseState required, String step) {
        if (c.awaitingManager()) {
            throw new RenewalException(ProblemCode.AWAITING_MANAGER, c.caseNo(), c.pendingException());
        }
        if (c.state() != required) {
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(), step);
        }
    }

    RenewalCase advance(Handle h, RenewalCase c, CaseState to, Map<String, Object> details) {
        RenewalCase moved = store.move(h, c, to, actor.login(), null, now());
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("from", c.state().name());
        all.put("to", to.name());
        journal(h, moved, CaseEvents.transition(to), "SUCCESS", all);
        return moved;
    }

    long journal(Handle h, RenewalCase c, String type, String outcome, Map<String, Object> details) {
        return parts.journal().record(h, new CaseEvent(type, actor, c.id(), c.caseNo(), outcome, details));
    }

    <T> T tx(HandleCallback<T, RuntimeException> work) {
        return CaseTransactions.inTransaction(parts.jdbi(), work);
    }

    Instant now() {
        return parts.clock().instant();
    }

    LocalDate today() {
        return LocalDate.ofInstant(now(), parts.branchZone());
    }

    /** The calendar day of an instant in the branch's time zone. */
    LocalDate branchDay(Instant at) {
        return LocalDate.ofInstant(at, parts.branchZone());
    }
}
