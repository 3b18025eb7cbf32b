package bank.ushield.renewal.cases;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.HeadOfficeLink;
import bank.ushield.renewal.OnlineCheck;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.Receipt;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalParts;
import bank.ushield.renewal.RenewalService;
import bank.ushield.renewal.Replacement;
import bank.ushield.renewal.ReplacementReason;
import bank.ushield.renewal.ResumableCase;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.receipt.ReceiptBuilder;
import bank.ushield.token.pin.PinPrompter;

/**
 * The {@link RenewalService} of one member of staff: each part of the case is done by its own class. Every step on a
 * case first takes (or keeps) this workstation's claim on it (ADR 0087).
 */
public final class RenewalCases implements RenewalService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RenewalCases.class);

    private final CaseSteps steps;
    private final CaseOpening opening;
    private final ManagerAuthorisation authorisation;
    private final TokenRepersonalisation token;
    private final HeadOfficeExchange headOffice;
    private final CaseClosing closing;
    private final TokenReplacement replacement;
    private final CaseTakeover takeover;

    public RenewalCases(RenewalParts parts, StaffMember actor) {
        this.steps = new CaseSteps(parts, actor);
        this.opening = new CaseOpening(steps);
        this.authorisation = new ManagerAuthorisation(steps);
        this.replacement = new TokenReplacement(steps);
        this.token = new TokenRepersonalisation(steps, replacement);
        this.headOffice = new HeadOfficeExchange(steps);
        this.closing = new CaseClosing(steps, replacement);
        this.takeover = new CaseTakeover(steps);
    }

    @Override
    public StaffMember actor() {
        return steps.actor;
    }

    @Override
    public RenewalCase open(String customerNoOrDocumentNumber) {
        endVisit(); // a new customer: nothing of the last one's token login carries over
        return opening.open(customerNoOrDocumentNumber);
    }

    @Override
    public Outcome verifyId(long caseId, PresentedDocument document, boolean personMatchesPhoto) {
        return opening.verifyId(steps.claim(caseId), document, personMatchesPhoto);
    }

    @Override
    public OnlineCheck verifyOnline(long caseId, PresentedDocument document) {
        return opening.verifyOnline(steps.claim(caseId), document);
    }

    @Override
    public Outcome verifyCard(long caseId, PresentedCard card) {
        return opening.verifyCard(steps.claim(caseId), card);
    }

    @Override
    public Outcome verifyToken(long caseId, String typedVoucher) {
        Claimed<Optional<Replacement>> claimed = steps.claimThen(caseId,
                (h, c) -> new Claimed<>(c, replacement.find(h, caseId)));
        RenewalCase c = claimed.renewalCase();
        if (claimed.also().isPresent()) {
            // a replacement's token check is the new token's (verifyNewToken): the old one is not renewed
            return new Outcome.Refused(c, bank.ushield.renewal.Problem.of(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(),
                    c.state(), "verifyToken"));
        }
        return opening.verifyToken(c, typedVoucher);
    }

    @Override
    public Outcome authorise(long caseId, String exceptionCode, String managerLogin, char[] managerPassword,
                             String reason) {
        steps.claim(caseId);
        return authorisation.authorise(caseId, exceptionCode, managerLogin, managerPassword, reason);
    }

    @Override
    public Outcome generateKey(long caseId, PinPrompter pin) {
        Claimed<Optional<Replacement>> claimed = steps.claimThen(caseId,
                (h, c) -> new Claimed<>(c, replacement.find(h, caseId)));
        return token.generateKey(claimed.renewalCase(), claimed.also(), pin);
    }

    @Override
    public Outcome queueRequest(long caseId) {
        return headOffice.queueRequest(caseId); // claims inside its one transaction
    }

    @Override
    public HeadOfficeLink.SyncReport syncNow() {
        return headOffice.syncNow();
    }

    @Override
    public java.util.Optional<HeadOfficeLink.SyncReport> syncIfIdle() {
        return headOffice.syncIfIdle();
    }

    @Override
    public Outcome install(long caseId, PinPrompter pin) {
        Claimed<byte[]> claimed = steps.claimThen(caseId, (h, c) -> new Claimed<>(c, token.certificateToWrite(h, c)));
        return token.install(claimed.renewalCase(), claimed.also(), pin);
    }

    @Override
    public Outcome selfTest(long caseId, PinPrompter pin) {
        Claimed<byte[]> claimed = steps.claimThen(caseId, (h, c) -> new Claimed<>(c, token.certificateToWrite(h, c)));
        return token.selfTest(claimed.renewalCase(), claimed.also(), pin);
    }

    @Override
    public Outcome complete(long caseId) {
        try {
            return closing.complete(caseId); // claims inside its one transaction
        } finally {
            endVisit();
        }
    }

    @Override
    public RenewalCase abort(long caseId, AbortReason reason) {
        endVisit(); // the abort may read the token itself
        return closing.abort(steps.claim(caseId), reason);
    }

    @Override
    public void endVisit() {
        if (steps.parts.token() != null) {
            steps.parts.token().endVisit();
        }
        try {
            steps.releaseClaims(); // the customer left: their case may be resumed at any counter
        } catch (bank.ushield.renewal.RenewalException e) {
            // the claims stay this workstation's (its own next step keeps them); the step that needs the database says so
            LOG.warn("Claims of workstation {} not released: {}", steps.parts.workstationId(), e.getMessage());
        }
    }

    @Override
    public RenewalCase resume(long caseId) {
        return steps.claim(caseId);
    }

    @Override
    public Optional<bank.ushield.renewal.CaseClaim> claim(long caseId) {
        return steps.tx(h -> steps.claims.find(h, caseId, steps.parts.workstationId()));
    }

    @Override
    public RenewalCase takeOver(long caseId, String managerLogin, char[] managerPassword, String reason) {
        return takeover.takeOver(caseId, managerLogin, managerPassword, reason);
    }

    @Override
    public Outcome chooseReplacement(long caseId, ReplacementReason reason) {
        steps.claim(caseId);
        return replacement.choose(caseId, reason);
    }

    @Override
    public Outcome verifyNewToken(long caseId, String typedVoucher) {
        steps.claim(caseId);
        return replacement.verifyNewToken(caseId, typedVoucher);
    }

    @Override
    public Outcome initialiseNewToken(long caseId, PinPrompter newPin) {
        steps.claim(caseId);
        return replacement.initialiseNewToken(caseId, newPin);
    }

    @Override
    public Outcome retireOldToken(long caseId, boolean doesNotAnswer) {
        steps.claim(caseId);
        return replacement.retireOldToken(caseId, doesNotAnswer, null);
    }

    @Override
    public Outcome retireOldToken(long caseId, boolean doesNotAnswer, PinPrompter oldPin) {
        steps.claim(caseId);
        return replacement.retireOldToken(caseId, doesNotAnswer, oldPin);
    }

    @Override
    public Optional<Replacement> replacement(long caseId) {
        return replacement.find(caseId);
    }

    @Override
    public RenewalCase find(long caseId) {
        return steps.tx(h -> steps.store.require(h, caseId));
    }

    @Override
    public Optional<bank.ushield.renewal.KeyChoice> previewKeyChoice(bank.ushield.renewal.PresentedToken token) {
        bank.ushield.renewal.KeyPolicy policy = steps.parts.keyPolicy();
        if (policy == null || token == null) {
            return Optional.empty();
        }
        bank.ushield.renewal.KeyKind expiring = token.certificates().stream()
                .max(java.util.Comparator.comparing(bank.ushield.renewal.PresentedToken.TokenCertificate::notAfter))
                .map(c -> bank.ushield.renewal.KeyKind.ofCertificate(c.der())).orElse(null);
        return Optional.of(policy.choose(token.model(), expiring, token.canMake()));
    }

    @Override
    public Optional<bank.ushield.renewal.KeyChoice> keyChoice(long caseId) {
        return steps.tx(h -> steps.store.keyChoice(h, caseId)).flatMap(bank.ushield.renewal.KeyChoice::parse);
    }

    @Override
    public Optional<RenewalCase> findByNo(String caseNo) {
        return steps.tx(h -> steps.store.findByNo(h, caseNo));
    }

    @Override
    public List<RenewalCase> pendingCases() {
        return steps.tx(h -> steps.store.inStates(h, EnumSet.of(CaseState.CSR_QUEUED, CaseState.CERT_RECEIVED)));
    }

    @Override
    public List<ResumableCase> resumableCases() {
        return steps.tx(h -> steps.store.inStates(h, CaseState.open()).stream()
                .map(c -> ResumableCase.of(c, steps.claims.find(h, c.id(), steps.parts.workstationId()).orElse(null)))
                .toList());
    }

    @Override
    public List<String> history(long caseId) {
        return steps.tx(h -> steps.store.history(h, caseId));
    }

    @Override
    public Receipt receipt(long caseId) {
        return new ReceiptBuilder(steps.parts).build(find(caseId));
    }

    /** The case as a step's claim read it, and what else the step read in that transaction. */
    private record Claimed<T>(RenewalCase renewalCase, T also) {
    }

    @Override
    public ZoneId branchZone() {
        return steps.parts.branchZone();
    }
}
