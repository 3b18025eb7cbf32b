package bank.ushield.renewal.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.store.CaseStore;
import bank.ushield.renewal.store.ManagerAuthorisationStore;

/** Closing a case: completing it after a passed self-test, or aborting it by the rule of ADR 0050. */
final class CaseClosing {

    private static final Logger LOG = LoggerFactory.getLogger(CaseClosing.class);

    private final CaseSteps steps;
    private final ManagerAuthorisationStore authorisations = new ManagerAuthorisationStore();

    private final TokenReplacement replacement;

    CaseClosing(CaseSteps steps, TokenReplacement replacement) {
        this.steps = steps;
        this.replacement = replacement;
    }

    Outcome complete(long caseId) {
        return steps.tx(h -> {
            RenewalCase fresh = steps.claimAndRequireIn(h, caseId, CaseState.CERT_INSTALLED, "complete");
            if (fresh.selfTestPassedAt() == null) {
                return new Outcome.Refused(fresh, Problem.of(ProblemCode.SELF_TEST_REQUIRED, fresh.caseNo()));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            java.util.Optional<bank.ushield.renewal.Replacement> r = replacement.find(h, caseId);
            if (r.isPresent()) {
                java.util.Optional<Map<String, Object>> issued = replacement.completeIn(h, fresh, r.get());
                if (issued.isEmpty()) {
                    return new Outcome.Refused(fresh, Problem.of(ProblemCode.OLD_TOKEN_NOT_RETIRED, fresh.caseNo()));
                }
                details.putAll(issued.get());
                fresh = steps.store.require(h, caseId);
            }
            boolean sameDay = steps.branchDay(fresh.openedAt()).equals(steps.today());
            RenewalCase moved = steps.store.move(h, fresh, CaseState.COMPLETED, steps.actor.login(), null, steps.now());
            details.put("from", fresh.state().name());
            details.put("to", CaseState.COMPLETED.name());
            long seq = steps.journal(h, moved, CaseEvents.transition(CaseState.COMPLETED), "SUCCESS", details);
            Map<CaseStore.ProgressColumn, Object> closing = new java.util.EnumMap<>(CaseStore.ProgressColumn.class);
            closing.put(CaseStore.ProgressColumn.FINISHED_AT_COUNTER, sameDay ? 1 : 0);
            closing.put(CaseStore.ProgressColumn.CLOSING_AUDIT_SEQ, seq);
            steps.store.setProgress(h, caseId, closing);
            return new Outcome.Advanced(moved);
        });
    }

    /** The abort, on the case as its claim read it. */
    RenewalCase abort(RenewalCase claimed, AbortReason reason) {
        long caseId = claimed.id();
        RenewalCase before = claimed;
        if (before.state().terminal()) {
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, before.caseNo(), before.state(), "abort");
        }
        TokenAfterAbort token = tokenAfterAbort(before, reason);
        return steps.tx(h -> {
            RenewalCase fresh = steps.store.require(h, caseId);
            if (fresh.state().terminal()) {
                throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, fresh.caseNo(), fresh.state(), "abort");
            }
            if (fresh.version() != before.version()) {
                throw new RenewalException(ProblemCode.CASE_CHANGED_ELSEWHERE, fresh.caseNo());
            }
            authorisations.withdrawPending(h, caseId, steps.now());
            steps.hold(h, fresh);
            RenewalCase moved = steps.store.move(h, fresh, CaseState.ABORTED, steps.actor.login(), reason, steps.now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", fresh.state().name());
            details.put("to", CaseState.ABORTED.name());
            details.put("reason", reason.name());
            details.put("tokenKeepsOldObjects", token.keepsOldObjects());
            details.put("tokenCheckedAtAbort", token.checked());
            if (fresh.newCertificateId() != null) {
                details.put("newCertificate", "ABANDONED, revocation queued");
            }
            replacement.releaseIn(h, caseId, details);
            long seq = steps.journal(h, moved, CaseEvents.transition(CaseState.ABORTED), "ABORTED", details);
            steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.CLOSING_AUDIT_SEQ, seq);
            if (fresh.newCertificateId() != null) {
                new AbandonedCertificates(steps.parts.journal(), steps.parts.clock()).abandon(h, moved,
                        fresh.newCertificateId(), steps.actor,
                        "case aborted in " + fresh.state().name() + " (" + reason.name() + ")");
            }
            return steps.store.require(h, caseId);
        });
    }

    /** What the token holds for an abort: "true"/"false"/"unknown" for the old objects, and whether it was read. */
    private record TokenAfterAbort(String keepsOldObjects, boolean checked) {
    }

    /**
     * Decides whether the case may be aborted as far as the token goes, refusing (audited) when the new certificate is
     * or may be on it. Reads the token only for a case whose install step started.
     */
    private TokenAfterAbort tokenAfterAbort(RenewalCase c, AbortReason reason) {
        boolean faulty = reason == AbortReason.TOKEN_FAULT;
        if (c.state() == CaseState.CERT_INSTALLED) {
            if (!faulty) {
                throw refuseAbort(c, reason, ProblemCode.ABORT_NEEDS_COMPLETION, "newCertificateInstalled");
            }
            return new TokenAfterAbort("false", false);
        }
        if (c.state() != CaseState.CERT_RECEIVED || c.installStartedAt() == null) {
            return new TokenAfterAbort("true", false);
        }
        PresentedToken presented;
        try {
            presented = steps.token().read(c.tokenSerial());
        } catch (RenewalException e) {
            if (faulty) {
                return new TokenAfterAbort("unknown", false);
            }
            throw refuseAbort(c, reason, ProblemCode.ABORT_NEEDS_TOKEN, "tokenNotReadable:" + e.code().name());
        }
        if (!presented.serial().equals(c.tokenSerial())) {
            if (faulty) {
                return new TokenAfterAbort("unknown", false);
            }
            throw refuseAbort(c, reason, ProblemCode.ABORT_NEEDS_TOKEN, "otherTokenInReader");
        }
        boolean newOnToken = presented.certificates().stream()
                .anyMatch(t -> t.keyId() != null && t.keyId().equalsIgnoreCase(c.newKeyId()));
        if (newOnToken && !faulty) {
            throw refuseAbort(c, reason, ProblemCode.ABORT_NEEDS_COMPLETION, "newCertificateOnToken");
        }
        // The install writes the new certificate before it removes anything: without it the old objects are intact.
        return new TokenAfterAbort(newOnToken ? "unknown" : "true", true);
    }

    private RenewalException refuseAbort(RenewalCase c, AbortReason reason, ProblemCode code, String finding) {
        steps.tx(h -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", c.state().name());
            details.put("reason", reason.name());
            details.put("finding", finding);
            details.put("problem", code.name());
            steps.journal(h, c, CaseEvents.ABORT_REFUSED, "FAILURE", details);
            return null;
        });
        LOG.info("Abort of case {} refused: {}", c.caseNo(), finding);
        return new RenewalException(code, c.caseNo());
    }
}
