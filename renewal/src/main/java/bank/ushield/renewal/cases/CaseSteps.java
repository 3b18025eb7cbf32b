package bank.ushield.renewal.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.CaseClaim;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.RenewalParts;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.TokenDesk;
import bank.ushield.renewal.store.CaseClaimStore;
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
    final CaseClaimStore claims = new CaseClaimStore();

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

    /** The state check before a step's outside work, on the case as the step's claim read it. */
    static RenewalCase requireStep(RenewalCase claimed, CaseState required, String step) {
        requireState(claimed, required, step);
        return claimed;
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

    /**
     * Takes this workstation's claim on an open case, or keeps it (ADR 0087), in its own transaction; a case another
     * workstation holds is refused with CASE_CLAIMED_ELSEWHERE (or CASE_TAKEN_OVER_ELSEWHERE when a manager moved this
     * workstation's claim away), and the refusal is recorded in this workstation's log. Every step starts here.
     */
    RenewalCase claim(long caseId) {
        return claimThen(caseId, (h, c) -> c);
    }

    /**
     * {@link #claim(long)}, and in the same transaction what else the step reads before its outside work (token,
     * checks): one transaction instead of two. The case given to {@code alsoRead} is the one the claim read.
     */
    <T> T claimThen(long caseId, java.util.function.BiFunction<Handle, RenewalCase, T> alsoRead) {
        return tx(h -> {
            RenewalCase c = store.require(h, caseId);
            keepOrTake(h, c);
            return alsoRead.apply(h, c);
        });
    }

    /**
     * The claim at the start of a step: already this workstation's and this teller's, nothing is written (the step's
     * commit holds it again, {@link #hold}); otherwise taken by the conditional statement, or refused.
     */
    private void keepOrTake(Handle h, RenewalCase c) {
        if (c.state().terminal()) {
            return;
        }
        java.util.Optional<CaseClaim> held = claims.find(h, c.id(), parts.workstationId());
        if (held.isPresent() && held.get().heldHere() && actor.login().equals(held.get().tellerLogin())) {
            return;
        }
        hold(h, c);
    }

    /** The refusal of a step on a case another workstation holds, in this workstation's log. */
    private void recordRefusal(ClaimedElsewhere e) {
        CaseTransactions.inTransaction(parts.jdbi(), h -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("heldBy", e.claim.workstationId());
            details.put("heldByTeller", e.claim.tellerLogin());
            details.put("heldSince", e.claim.claimedAt().toString());
            details.put("lastStep", e.claim.touchedAt().toString());
            if (e.claim.takenFrom() != null) {
                details.put("takenFrom", e.claim.takenFrom());
                details.put("takenOverWith", e.claim.takenBy());
            }
            return journal(h, e.renewalCase, CaseEvents.CLAIM_REFUSED, "REJECTED", details);
        });
    }

    /**
     * Inside the step's transaction: the claim is still this workstation's (taken if free). Checked again where a step
     * commits, so a claim taken over meanwhile stops the step before it writes.
     */
    void hold(Handle h, RenewalCase c) {
        if (c.state().terminal()) {
            return; // closed cases are claimed by no one; the step itself refuses them
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            if (claims.hold(h, c.id(), parts.workstationId(), actor.login(), now())) {
                return;
            }
            java.util.Optional<CaseClaim> held = claims.find(h, c.id(), parts.workstationId());
            if (held.isPresent()) {
                throw new ClaimedElsewhere(c, held.get(), parts.branchZone(), parts.workstationId());
            }
            // released between the two statements: try once more
        }
        throw new RenewalException(ProblemCode.CASE_CHANGED_ELSEWHERE, c.caseNo());
    }

    /** Releases this workstation's claims: the customer left the counter, the cases may be resumed anywhere. */
    void releaseClaims() {
        tx(h -> claims.releaseAll(h, parts.workstationId()));
    }

    /** A step refused because another workstation holds the case. */
    static final class ClaimedElsewhere extends RenewalException {
        final transient RenewalCase renewalCase;
        final transient CaseClaim claim;

        ClaimedElsewhere(RenewalCase c, CaseClaim claim, java.time.ZoneId zone, String here) {
            super(here.equals(claim.takenFrom())
                    ? bank.ushield.renewal.Problem.of(ProblemCode.CASE_TAKEN_OVER_ELSEWHERE, c.caseNo(),
                            claim.workstationId(), claim.tellerLogin(), CaseClaim.when(claim.claimedAt(), zone),
                            claim.takenBy())
                    : bank.ushield.renewal.Problem.of(ProblemCode.CASE_CLAIMED_ELSEWHERE, c.caseNo(),
                            claim.workstationId(), claim.tellerLogin(), CaseClaim.when(claim.claimedAt(), zone),
                            CaseClaim.when(claim.touchedAt(), zone)));
            this.renewalCase = c;
            this.claim = claim;
        }
    }

    RenewalCase advance(Handle h, RenewalCase c, CaseState to, Map<String, Object> details) {
        hold(h, c);
        return advanceHeld(h, c, to, details);
    }

    /**
     * A step that has no outside work claims, checks and moves in one transaction: the claim taken (or kept) by
     * {@link #hold} in it is the claim check at commit too. Returns the case read under the claim, state checked.
     */
    RenewalCase claimAndRequireIn(Handle h, long caseId, CaseState required, String step) {
        RenewalCase c = store.require(h, caseId);
        hold(h, c);
        requireState(c, required, step);
        return c;
    }

    /** {@link #advance} where this transaction already holds the claim ({@link #claimAndRequireIn}). */
    RenewalCase advanceHeld(Handle h, RenewalCase c, CaseState to, Map<String, Object> details) {
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

    /** One transaction of a step; a refusal because another workstation holds the case is recorded, then thrown. */
    <T> T tx(HandleCallback<T, RuntimeException> work) {
        try {
            return CaseTransactions.inTransaction(parts.jdbi(), work);
        } catch (ClaimedElsewhere e) {
            recordRefusal(e); // also when a takeover happened while the step ran: its commit found the claim gone
            throw e;
        }
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
