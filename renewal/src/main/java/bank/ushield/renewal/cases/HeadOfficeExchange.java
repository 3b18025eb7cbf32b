package bank.ushield.renewal.cases;

import java.util.Map;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.HeadOfficeLink;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;

/** The case's part with head office: queueing its request for the next batch and exchanging now. */
final class HeadOfficeExchange {

    private final CaseSteps steps;

    HeadOfficeExchange(CaseSteps steps) {
        this.steps = steps;
    }

    Outcome queueRequest(long caseId) {
        return steps.tx(h -> {
            RenewalCase fresh = steps.claimAndRequireIn(h, caseId, CaseState.KEY_GENERATED, "queueRequest");
            RenewalCase queued = steps.advanceHeld(h, fresh, CaseState.CSR_QUEUED,
                    Map.of("publicKeySha256", String.valueOf(fresh.csrKeySha256())));
            // This workstation's next request batch carries it (ADR 0088), wherever the case was opened.
            return new Outcome.Advanced(steps.store.setCaseColumn(h, queued,
                    bank.ushield.renewal.store.CaseStore.CaseColumn.QUEUED_BY, steps.parts.workstationId()));
        });
    }

    HeadOfficeLink.SyncReport syncNow() {
        return afterSync(link().syncNow());
    }

    java.util.Optional<HeadOfficeLink.SyncReport> syncIfIdle() {
        return link().syncIfIdle().map(this::afterSync);
    }

    private HeadOfficeLink link() {
        if (steps.parts.headOffice() == null) {
            throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "syncNow");
        }
        return steps.parts.headOffice();
    }

    private HeadOfficeLink.SyncReport afterSync(HeadOfficeLink.SyncReport report) {
        // Revocations of abandoned certificates that the CRLs just received list (ADR 0050).
        steps.tx(h -> new AbandonedCertificates(steps.parts.journal(), steps.parts.clock()).confirmFromCrls(h));
        return report;
    }
}
