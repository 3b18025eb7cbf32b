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
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Verdict;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CheckResult;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.PresentedDocument;
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
            List<RenewalCase> open = steps.store.openForCustomer(h, customer.id());
            if (!open.isEmpty()) {
                throw new RenewalException(ProblemCode.CUSTOMER_HAS_OPEN_CASE, customer.customerNo(),
                        open.get(0).caseNo());
            }
            RenewalCase c = steps.store.insert(h, steps.parts.workstationId(), steps.actor.login(), customer.id(),
                    customer.token().id(), customer.certificate() == null ? null : customer.certificate().id(),
                    steps.now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("customerNo", customer.customerNo());
            details.put("name", Masking.name(customer.name()));
            details.put("tokenSerial", customer.token().serial());
            steps.journal(h, c, CaseEvents.transition(CaseState.OPENED), "SUCCESS", details);
            LOG.info("Opened case {} for customer {}", c.caseNo(), customer.customerNo());
            return c;
        });
    }

    Outcome verifyId(long caseId, PresentedDocument document) {
        return check(caseId, CaseState.OPENED, reason -> ProblemCode.ID_CHECK_FAILED,
                (customer) -> steps.parts.checks().identity(customer, document, steps.today()), null);
    }

    Outcome verifyCard(long caseId, PresentedCard card) {
        return check(caseId, CaseState.ID_VERIFIED, CaseOpening::cardProblem,
                (customer) -> steps.parts.checks().card(customer, card, steps.today()), null);
    }

    Outcome verifyToken(long caseId, String typedVoucher) {
        RenewalCase before = steps.tx(h -> steps.store.require(h, caseId));
        CustomerSummary registered = steps.customer(before);
        PresentedToken presented = steps.token().read(registered.token() == null ? null : registered.token().serial());
        Optional<String> voucher = Optional.ofNullable(typedVoucher).map(String::strip).filter(v -> !v.isEmpty());
        return check(caseId, CaseState.CARD_VERIFIED, CaseOpening::tokenProblem,
                (customer) -> steps.parts.checks().token(customer, presented, voucher, steps.today()),
                (h, c) -> rememberToken(h, c, presented));
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

    private void rememberToken(Handle h, RenewalCase c, PresentedToken presented) {
        steps.store.setProgress(h, c.id(), CaseStore.ProgressColumn.TOKEN_SERIAL, presented.serial());
        CustomerSummary customer = steps.customer(c);
        String oldKeyId = presented.certificates().stream()
                .filter(cert -> customer.certificate() != null
                        && cert.serial().toString(16).equalsIgnoreCase(stripZeros(customer.certificate().serialHex())))
                .map(PresentedToken.TokenCertificate::keyId)
                .findFirst()
                .orElse(presented.certificates().isEmpty() ? null : presented.certificates().get(0).keyId());
        steps.store.setProgress(h, c.id(), CaseStore.ProgressColumn.OLD_KEY_ID, oldKeyId);
    }

    private static String stripZeros(String hex) {
        String s = hex.replaceFirst("^0+(?!$)", "");
        return s.toLowerCase();
    }

    private interface AfterPass {
        void apply(Handle h, RenewalCase c);
    }

    private Outcome check(long caseId, CaseState required, Function<ReasonCode, ProblemCode> failCodes,
                          Function<CustomerSummary, CheckResult> run, AfterPass afterPass) {
        String step = failCodes.apply(null).name();
        RenewalCase c = steps.requireStep(caseId, required, step);
        CustomerSummary customer = steps.customer(c);
        CheckResult result = run.apply(customer);
        CaseState to = required.next().orElseThrow();
        return steps.tx(h -> {
            RenewalCase fresh = steps.store.require(h, caseId);
            CaseSteps.requireState(fresh, required, step);
            Map<String, Object> details = new LinkedHashMap<>(result.evidence());
            details.put("check", result.check().name());
            details.put("verdict", result.verdict().name());
            if (result.verdict() == Verdict.PASS) {
                if (afterPass != null) {
                    afterPass.apply(h, fresh);
                }
                return new Outcome.Advanced(steps.advance(h, steps.store.require(h, caseId), to, details));
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
