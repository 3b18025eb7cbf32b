package bank.ushield.renewal.cases;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.CaseState;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CustomerSummary;
import bank.ushield.renewal.KeyChoice;
import bank.ushield.renewal.KeyKind;
import bank.ushield.renewal.Outcome;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.TokenDesk;
import bank.ushield.renewal.store.CaseCertificateStore;
import bank.ushield.renewal.store.CaseStore;
import bank.ushield.token.pin.PinPrompter;

/** The steps that write the token: the new key and its request, the certificate install, and the self-test. */
final class TokenRepersonalisation {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRepersonalisation.class);

    private final CaseSteps steps;
    private final CaseCertificateStore certificates = new CaseCertificateStore();

    private final TokenReplacement replacement;

    TokenRepersonalisation(CaseSteps steps, TokenReplacement replacement) {
        this.steps = steps;
        this.replacement = replacement;
    }

    Outcome generateKey(long caseId, PinPrompter pin) {
        TokenDesk token = steps.token();
        RenewalCase current = steps.requireStep(caseId, CaseState.TOKEN_VERIFIED, "generateKey");
        java.util.Optional<Outcome> notInitialised = replacement.refuseKeyBeforeInitialise(current);
        if (notInitialised.isPresent()) {
            return notInitialised.get();
        }
        RenewalCase c = steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.TOKEN_VERIFIED, "generateKey");
            if (fresh.newKeyId() == null) {
                String keyId = newKeyId();
                steps.store.setCaseColumn(h, caseId, CaseStore.CaseColumn.NEW_KEY_ID, keyId);
                steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.KEY_GENERATION_STARTED_AT, steps.now());
                steps.journal(h, fresh, CaseEvents.KEY_GENERATION_STARTED, "SUCCESS", Map.of("keyId", keyId));
            }
            return steps.store.require(h, caseId);
        });
        Optional<KeyChoice> choice = steps.tx(h -> steps.store.keyChoice(h, caseId)).flatMap(KeyChoice::parse);
        if (choice.isPresent() && choice.get().replacementNeeded()) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.TOKEN_NEEDS_REPLACEMENT,
                    choice.get().basis().name()));
        }
        CustomerSummary customer = steps.customer(c);
        String subject = customer.certificate() != null ? customer.certificate().subjectDn()
                : "CN=" + customer.customerNo() + ",O=U-shield,C=CN";
        TokenDesk.GeneratedRequest request;
        try {
            request = token.generateKeyAndRequest(c.tokenSerial(), c.newKeyId(), subject,
                    choice.map(KeyChoice::kind).orElse(null), auditingWrongPins(c, "generateKey", pin));
        } catch (RenewalException e) {
            recordTokenFailure(c, "generateKey", e);
            throw e;
        }
        return steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.TOKEN_VERIFIED, "generateKey");
            steps.store.setCaseColumn(h, caseId, CaseStore.CaseColumn.CSR_DER, request.csrDer());
            steps.store.setCaseColumn(h, caseId, CaseStore.CaseColumn.CSR_KEY_SHA256, request.publicKeySha256());
            KeyKind kind = KeyKind.ofRequest(request.csrDer());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", request.keyId());
            details.put("keyAlgorithm", kind.label());
            details.put("publicKeySha256", request.publicKeySha256());
            return new Outcome.Advanced(steps.advance(h, steps.store.require(h, fresh.id()), CaseState.KEY_GENERATED,
                    details));
        });
    }

    Outcome install(long caseId, PinPrompter pin) {
        TokenDesk token = steps.token();
        RenewalCase c = steps.tx(h -> steps.store.require(h, caseId));
        if (c.state() == CaseState.CSR_QUEUED) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.HEAD_OFFICE_NO_ANSWER_YET, c.caseNo()));
        }
        if (c.state() == CaseState.ABORTED && c.abortReason() == AbortReason.HEAD_OFFICE_REJECTED) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.HEAD_OFFICE_REJECTED, c.caseNo(),
                    String.valueOf(c.rejectionReason())));
        }
        CaseSteps.requireState(c, CaseState.CERT_RECEIVED, "install");
        byte[] der = certificateDer(c);
        if (c.installStartedAt() == null) {
            // Intent first (like the key step): from now on the new certificate may be on the token, which decides
            // whether the case may still be aborted (ADR 0050).
            c = steps.tx(h -> {
                RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.CERT_RECEIVED, "install");
                if (fresh.installStartedAt() == null) {
                    steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.INSTALL_STARTED_AT, steps.now());
                    steps.journal(h, fresh, CaseEvents.CERT_INSTALL_STARTED, "SUCCESS",
                            Map.of("keyId", String.valueOf(fresh.newKeyId())));
                }
                return steps.store.require(h, caseId);
            });
        }
        try {
            token.install(c.tokenSerial(), c.newKeyId(), der, c.oldKeyId(), auditingWrongPins(c, "install", pin));
        } catch (RenewalException e) {
            recordTokenFailure(c, "install", e);
            throw e;
        }
        return steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.CERT_RECEIVED, "install");
            certificates.supersede(h, fresh.oldCertificateId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", fresh.newKeyId());
            details.put("oldKeyRemoved", String.valueOf(fresh.oldKeyId()));
            return new Outcome.Advanced(steps.advance(h, fresh, CaseState.CERT_INSTALLED, details));
        });
    }

    Outcome selfTest(long caseId, PinPrompter pin) {
        TokenDesk token = steps.token();
        RenewalCase c = steps.requireStep(caseId, CaseState.CERT_INSTALLED, "selfTest");
        TokenDesk.SelfTestReport report;
        try {
            report = token.selfTest(c.tokenSerial(), c.newKeyId(), certificateDer(c), c.oldKeyId(),
                    auditingWrongPins(c, "selfTest", pin));
        } catch (RenewalException e) {
            recordTokenFailure(c, "selfTest", e);
            throw e;
        }
        return steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.CERT_INSTALLED, "selfTest");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("loggedIn", report.loggedIn());
            details.put("signatureVerified", report.signatureVerified());
            details.put("oldKeyGone", report.oldKeyGone());
            if (report.passed()) {
                steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.SELF_TEST_PASSED_AT, steps.now());
                steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.SELF_TEST_FAILURE, null);
                steps.journal(h, fresh, CaseEvents.SELF_TEST, "SUCCESS", details);
                return new Outcome.Advanced(steps.store.require(h, caseId));
            }
            String failure = report.failure() != null ? report.failure()
                    : !report.loggedIn() ? "login" : !report.signatureVerified() ? "signature" : "oldKeyPresent";
            details.put("failure", failure);
            steps.store.setProgress(h, caseId, CaseStore.ProgressColumn.SELF_TEST_FAILURE, failure);
            steps.journal(h, fresh, CaseEvents.SELF_TEST, "FAILURE", details);
            return new Outcome.Refused(steps.store.require(h, caseId), Problem.of(ProblemCode.SELF_TEST_FAILED, failure));
        });
    }

    private byte[] certificateDer(RenewalCase c) {
        return steps.tx(h -> certificates.der(h, c.newCertificateId())
                .orElseThrow(() -> new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(),
                        "install")));
    }

    /**
     * The prompter passed to the token, auditing each wrong PIN: the token module re-prompts after a wrong PIN
     * itself, so a prompt that follows a failed attempt is the only sign of it renewal sees (the last wrong
     * attempt surfaces as WRONG_PIN or PIN_LOCKED and is audited by {@link #recordTokenFailure}). Never the PIN.
     */
    private PinPrompter auditingWrongPins(RenewalCase c, String step, PinPrompter pin) {
        return request -> {
            if (request.previousAttemptFailed()) {
                Map<String, Object> details = new HashMap<>();
                details.put("pinState", request.pinStatus().state().name());
                request.pinStatus().triesLeft().ifPresent(left -> details.put("triesLeft", left));
                recordTokenStepFailed(c, step, ProblemCode.WRONG_PIN, details);
            }
            return pin.promptPin(request);
        };
    }

    private void recordTokenFailure(RenewalCase c, String step, RenewalException e) {
        recordTokenStepFailed(c, step, e.code(), Map.of());
    }

    private void recordTokenStepFailed(RenewalCase c, String step, ProblemCode problem, Map<String, Object> extra) {
        try {
            steps.tx(h -> {
                Map<String, Object> details = new HashMap<>(extra);
                details.put("step", step);
                details.put("problem", problem); // typed for the journal; audited as its name
                steps.journal(h, c, CaseEvents.TOKEN_STEP_FAILED, "FAILURE", details);
                return null;
            });
        } catch (RuntimeException recordFailure) {
            LOG.warn("Could not audit the failed token step {} of case {}", step, c.caseNo(), recordFailure);
        }
    }

    private static String newKeyId() {
        byte[] id = new byte[16];
        new java.security.SecureRandom().nextBytes(id);
        return java.util.HexFormat.of().formatHex(id);
    }
}
