package bank.ushield.renewal.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.CaseState;
import bank.ushield.db.Masking;
import bank.ushield.db.WorkPhaseEvent;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.document.ResidentIdNumbers;
import bank.ushield.idverification.online.CitizenAnswer;
import bank.ushield.idverification.online.CitizenQuery;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.OnlineCheck;
import bank.ushield.renewal.OnlineVerification;
import bank.ushield.renewal.CheckResult;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.KeyChoice;
import bank.ushield.renewal.KeyKind;
import bank.ushield.renewal.KeyPolicy;
import bank.ushield.renewal.PresentedToken;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.store.CaseStore;
import bank.ushield.renewal.store.ManagerAuthorisationStore;

/**
 * Opening a case and its three checks (identity, card, token); a check that needs a manager holds the case with a
 * pending authorisation instead of moving it.
 */
final class CaseOpening {

    private static final Logger LOG = LoggerFactory.getLogger(CaseOpening.class);

    private final CaseSteps steps;
    private final ManagerAuthorisationStore authorisations = new ManagerAuthorisationStore();

    CaseOpening(CaseSteps steps) {
        this.steps = steps;
    }

    RenewalCase open(String customerNoOrDocumentNumber) {
        CustomerSummary customer = steps.parts.customers().find(customerNoOrDocumentNumber)
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND,
                        Masking.idNumber(customerNoOrDocumentNumber)));
        if (customer.token() == null) {
            throw new RenewalException(ProblemCode.CUSTOMER_HAS_NO_TOKEN, customer.customerNo());
        }
        return steps.tx(h -> {
            // Two counters opening for one customer at once: the second waits here, then sees the first's case.
            steps.store.lockCustomer(h, customer.id());
            List<RenewalCase> open = steps.store.openForCustomer(h, customer.id());
            if (!open.isEmpty()) {
                throw new RenewalException(ProblemCode.CUSTOMER_HAS_OPEN_CASE, customer.customerNo(),
                        open.get(0).caseNo());
            }
            RenewalCase c = steps.store.insert(h, steps.parts.workstationId(), steps.actor.login(), customer.id(),
                    customer.token().id(), customer.certificate() == null ? null : customer.certificate().id(),
                    steps.now());
            steps.hold(h, c); // served here from its first step
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("customerNo", customer.customerNo());
            details.put("name", Masking.name(customer.name()));
            details.put("tokenSerial", customer.token().serial());
            steps.journal(h, c, CaseEvents.transition(CaseState.OPENED), "SUCCESS", details);
            LOG.info("Opened case {} for customer {}", c.caseNo(), customer.customerNo());
            return c;
        });
    }

    Outcome verifyId(RenewalCase claimed, PresentedDocument document, boolean personMatchesPhoto) {
        long caseId = claimed.id();
        OnlineVerification online = onlineFor(document);
        if (online == null) {
            return check(claimed, CaseState.OPENED, reason -> ProblemCode.ID_CHECK_FAILED,
                    (customer) -> checked(() -> steps.parts.checks().identity(customer, document, steps.today())), null,
                    null);
        }
        RenewalCase c = CaseSteps.requireStep(claimed, CaseState.OPENED, ProblemCode.ID_CHECK_FAILED.name());
        Optional<OnlineVerification.Answered> answered = online.last(caseId, queriedNumber(document));
        if (answered.isEmpty()) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.ONLINE_CHECK_REQUIRED));
        }
        OnlineVerification.Answered a = answered.get();
        if (a.result() == CitizenAnswer.Result.MATCH && !personMatchesPhoto) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.PERSON_NOT_CONFIRMED));
        }
        Outcome outcome = check(claimed, CaseState.OPENED, CaseOpening::identityProblem,
                (customer) -> checked(() -> withOnline(steps.parts.checks().identity(customer, document, steps.today()), a,
                        personMatchesPhoto)), null, null);
        if (outcome instanceof Outcome.Advanced) {
            online.forget(caseId);
        }
        return outcome;
    }

    /**
     * The rules' result with the online answer folded in: a definite "no" from the service fails the check whatever
     * the rules say; no answer needs a manager (the rules' own exception, if any, is named beside it for the manager
     * to see); a match adds the photo's hash and the teller's confirmation to the evidence.
     */
    private static CheckResult withOnline(CheckResult rules, OnlineVerification.Answered a, boolean confirmed) {
        Map<String, Object> ev = new LinkedHashMap<>(rules.evidence());
        ev.put("online", a.result().name());
        if (!a.photoSha256().isEmpty()) {
            ev.put("photoOnRecordSha256", a.photoSha256());
        }
        ev.put("personMatchesPhoto", confirmed);
        ReasonCode stop = switch (a.result()) {
            case NAME_MISMATCH -> ReasonCode.ONLINE_NAME_MISMATCH;
            case NOT_FOUND -> ReasonCode.ONLINE_NUMBER_NOT_FOUND;
            case DOCUMENT_LOST_OR_INVALID -> ReasonCode.ONLINE_DOCUMENT_INVALID;
            default -> null;
        };
        if (stop != null) {
            return CheckResult.fail(rules.check(), stop, ev);
        }
        if (rules.verdict() == Verdict.FAIL) {
            return new CheckResult(rules.check(), rules.verdict(), rules.code(), ev);
        }
        if (a.result() == CitizenAnswer.Result.UNAVAILABLE) {
            if (rules.code() != null) {
                ev.put("rulesAlso", rules.code().name());
            }
            return CheckResult.needsManager(rules.check(), ReasonCode.ONLINE_UNAVAILABLE, ev);
        }
        return new CheckResult(rules.check(), rules.verdict(), rules.code(), ev);
    }

    private static ProblemCode identityProblem(ReasonCode reason) {
        if (reason == null) {
            return ProblemCode.ID_CHECK_FAILED;
        }
        return switch (reason) {
            case ONLINE_NAME_MISMATCH -> ProblemCode.ONLINE_NAME_MISMATCH;
            case ONLINE_NUMBER_NOT_FOUND -> ProblemCode.ONLINE_NOT_FOUND;
            case ONLINE_DOCUMENT_INVALID -> ProblemCode.ONLINE_DOCUMENT_INVALID;
            default -> ProblemCode.ID_CHECK_FAILED;
        };
    }

    /** 联网核查 for a resident ID card: ask, audit (masked; the photo as its hash), remember; the case stays. */
    OnlineCheck verifyOnline(RenewalCase claimed, PresentedDocument document) {
        long caseId = claimed.id();
        RenewalCase c = CaseSteps.requireStep(claimed, CaseState.OPENED, ProblemCode.ID_CHECK_FAILED.name());
        OnlineVerification online = onlineFor(document);
        if (online == null) {
            return new OnlineCheck(OnlineCheck.Status.NOT_REQUIRED, null, null);
        }
        String number = queriedNumber(document);
        String name = document.name() == null ? "" : document.name().strip();
        CitizenAnswer answer = online.service().verify(new CitizenQuery(number, name));
        String photoHash = answer.photoSha256();
        online.remember(caseId, new OnlineVerification.Answered(number, answer.result(), photoHash));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("check", CheckResult.Check.IDENTITY.name());
        details.put("document", Masking.idNumber(number));
        details.put("name", Masking.name(name));
        details.put("result", answer.result().name());
        if (!photoHash.isEmpty()) {
            details.put("photoOnRecordSha256", photoHash);
            details.put("photoOnRecordBytes", answer.photoOnRecord().map(p -> p.length).orElse(0));
        }
        if (!answer.reference().isEmpty()) {
            details.put("serviceReference", answer.reference());
        }
        if (!answer.detail().isEmpty()) {
            details.put("detail", answer.detail());
        }
        boolean matched = answer.result() == CitizenAnswer.Result.MATCH;
        steps.tx(h -> steps.journal(h, c, CaseEvents.ONLINE_VERIFICATION, matched ? "SUCCESS" : "FAILURE", details));
        LOG.info("Online verification for case {}: {}", c.caseNo(), answer);
        return switch (answer.result()) {
            case MATCH -> new OnlineCheck(OnlineCheck.Status.MATCH, answer.photoOnRecord().orElse(null), null);
            case NAME_MISMATCH -> new OnlineCheck(OnlineCheck.Status.NAME_MISMATCH, null,
                    Problem.of(ProblemCode.ONLINE_NAME_MISMATCH));
            case NOT_FOUND -> new OnlineCheck(OnlineCheck.Status.NOT_FOUND, null, Problem.of(ProblemCode.ONLINE_NOT_FOUND));
            case DOCUMENT_LOST_OR_INVALID -> new OnlineCheck(OnlineCheck.Status.DOCUMENT_INVALID, null,
                    Problem.of(ProblemCode.ONLINE_DOCUMENT_INVALID));
            case UNAVAILABLE -> new OnlineCheck(OnlineCheck.Status.UNAVAILABLE, null,
                    Problem.of(ProblemCode.ONLINE_UNAVAILABLE));
        };
    }

    /** The service this document is checked with: resident ID cards, where a service is configured. */
    private OnlineVerification onlineFor(PresentedDocument document) {
        OnlineVerification online = steps.parts.online();
        return online != null && "RESIDENT_ID".equals(document.docType()) && online.covers(queriedNumber(document))
                ? online : null;
    }

    /** The number as the service knows it: 18 characters, upper-case X (a 15-digit legacy number converted). */
    private static String queriedNumber(PresentedDocument document) {
        String n = document.number() == null ? "" : document.number().strip().toUpperCase(java.util.Locale.ROOT);
        return n.length() == 15 && n.chars().allMatch(Character::isDigit) ? ResidentIdNumbers.toEighteen(n) : n;
    }

    Outcome verifyCard(RenewalCase claimed, PresentedCard card) {
        return check(claimed, CaseState.ID_VERIFIED, CaseOpening::cardProblem,
                (customer) -> checked(() -> steps.parts.checks().card(customer, card, steps.today())), null, null);
    }

    Outcome verifyToken(RenewalCase claimed, String typedVoucher) {
        CustomerSummary registered = steps.customer(claimed); // read once for the token, the rules and the record
        PresentedToken presented = steps.token().read(registered.token() == null ? null : registered.token().serial());
        Optional<String> voucher = Optional.ofNullable(typedVoucher).map(String::strip).filter(v -> !v.isEmpty());
        return check(claimed, CaseState.CARD_VERIFIED, CaseOpening::tokenProblem,
                (customer) -> checked(() -> steps.parts.checks().token(customer, presented, voucher, steps.today())),
                (h, c) -> rememberToken(h, c, presented, registered), registered);
    }

    /** A rule check, timed as its own phase for the renewal bench. */
    private static CheckResult checked(java.util.function.Supplier<CheckResult> rules) {
        try (WorkPhaseEvent phase = WorkPhaseEvent.start(WorkPhaseEvent.CHECKS)) {
            return rules.get();
        }
    }

    /** A number that fails its own check digit, length or format was mistyped: the teller corrects it in place. */
    private static ProblemCode cardProblem(ReasonCode reason) {
        if (reason == null) {
            return ProblemCode.CARD_CHECK_FAILED;
        }
        return switch (reason) {
            case CARD_CHECK_DIGIT, CARD_NUMBER_FORMAT, CARD_LENGTH_FOR_BIN -> ProblemCode.CARD_MISTYPED;
            default -> ProblemCode.CARD_CHECK_FAILED;
        };
    }

    private static ProblemCode tokenProblem(ReasonCode reason) {
        if (reason == null) {
            return ProblemCode.TOKEN_CHECK_FAILED;
        }
        return switch (reason) {
            case PIN_LOCKED -> ProblemCode.PIN_LOCKED; // the token's own PIN flags say so: no unlock, no renewal
            case TOKEN_VOUCHER_MISMATCH, TOKEN_VOUCHER_FORMAT -> ProblemCode.TOKEN_VOUCHER_MISMATCH;
            default -> ProblemCode.TOKEN_CHECK_FAILED;
        };
    }

    private RenewalCase rememberToken(Handle h, RenewalCase c, PresentedToken presented, CustomerSummary customer) {
        String oldKeyId = presented.certificates().stream()
                .filter(cert -> customer.certificate() != null
                        && cert.serial().toString(16).equalsIgnoreCase(stripZeros(customer.certificate().serialHex())))
                .map(PresentedToken.TokenCertificate::keyId)
                .findFirst()
                .orElse(presented.certificates().isEmpty() ? null : presented.certificates().get(0).keyId());
        KeyPolicy policy = steps.parts.keyPolicy();
        Map<CaseStore.ProgressColumn, Object> progress = new java.util.EnumMap<>(CaseStore.ProgressColumn.class);
        progress.put(CaseStore.ProgressColumn.TOKEN_SERIAL, presented.serial());
        progress.put(CaseStore.ProgressColumn.OLD_KEY_ID, oldKeyId);
        if (policy != null) {
            // Decided with the token in hand, shown on the token step, used by the key step (a resume keeps it).
            KeyKind expiring = presented.certificates().stream().filter(cert -> oldKeyId != null && oldKeyId.equals(cert.keyId()))
                    .findFirst().map(cert -> KeyKind.ofCertificate(cert.der())).orElse(null);
            KeyChoice choice = policy.choose(presented.model(), expiring, presented.canMake());
            progress.put(CaseStore.ProgressColumn.KEY_ALGORITHM, choice.stored());
        }
        return steps.store.setProgress(h, c, progress);
    }

    private static String stripZeros(String hex) {
        String s = hex.replaceFirst("^0+(?!$)", "");
        return s.toLowerCase();
    }

    /** What a passed (or held) check also writes in its transaction; returns the case as written. */
    private interface AfterPass {
        RenewalCase apply(Handle h, RenewalCase c);
    }

    /**
     * A check: the state as the claim read it, the rules outside any transaction, then one write transaction that
     * checks the state again and records the result. {@code known} is the customer when the step already read it.
     */
    private Outcome check(RenewalCase claimed, CaseState required, Function<ReasonCode, ProblemCode> failCodes,
                          Function<CustomerSummary, CheckResult> run, AfterPass afterPass, CustomerSummary known) {
        long caseId = claimed.id();
        String step = failCodes.apply(null).name();
        RenewalCase c = CaseSteps.requireStep(claimed, required, step);
        CustomerSummary customer = known != null ? known : steps.customer(c);
        CheckResult result = run.apply(customer);
        CaseState to = required.next().orElseThrow();
        return steps.tx(h -> {
            RenewalCase fresh = steps.store.require(h, caseId);
            CaseSteps.requireState(fresh, required, step);
            Map<String, Object> details = new LinkedHashMap<>(result.evidence());
            details.put("check", result.check().name());
            details.put("verdict", result.verdict().name());
            if (result.verdict() == Verdict.PASS) {
                RenewalCase written = afterPass != null ? afterPass.apply(h, fresh) : fresh;
                return new Outcome.Advanced(steps.advance(h, written, to, details));
            }
            details.put("code", result.code().name());
            if (result.verdict() == Verdict.FAIL) {
                steps.journal(h, fresh, CaseEvents.CHECK_FAILED, "FAILURE", details);
                return new Outcome.Refused(fresh, Problem.of(failCodes.apply(result.code()), result.code()));
            }
            authorisations.requestPending(h, caseId, result.code().name(), to, new java.util.TreeMap<>(details).toString(),
                    steps.actor.login(), steps.now());
            if (afterPass != null) {
                afterPass.apply(h, fresh);
            }
            steps.journal(h, fresh, CaseEvents.EXCEPTION_RAISED, "NEEDS_MANAGER", details);
            return new Outcome.HeldForManager(steps.store.require(h, caseId), result.code().name(),
                    Problem.heldForManager(result.code()));
        });
    }
}
