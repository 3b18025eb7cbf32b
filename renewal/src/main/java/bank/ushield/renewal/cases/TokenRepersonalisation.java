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

    /** The key step, on the case as its claim read it and the case's replacement row (read with the claim). */
    Outcome generateKey(RenewalCase claimed, Optional<bank.ushield.renewal.Replacement> replacementRow, PinPrompter pin) {
        TokenDesk token = steps.token();
        long caseId = claimed.id();
        RenewalCase current = CaseSteps.requireStep(claimed, CaseState.TOKEN_VERIFIED, "generateKey");
        java.util.Optional<Outcome> notInitialised = replacement.refuseKeyBeforeInitialise(current, replacementRow);
        if (notInitialised.isPresent()) {
            return notInitialised.get();
        }
        String[] stored = new String[1];
        RenewalCase c = steps.tx(h -> {
            RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.TOKEN_VERIFIED, "generateKey");
            stored[0] = steps.store.keyChoice(h, caseId).orElse(null);
            if (fresh.newKeyId() == null) {
                // The intent (the CKA_ID) is durable before the token is written (ADR 0050).
                String keyId = newKeyId();
                RenewalCase withKey = steps.store.setCaseColumn(h, fresh, CaseStore.CaseColumn.NEW_KEY_ID, keyId);
                steps.journal(h, fresh, CaseEvents.KEY_GENERATION_STARTED, "SUCCESS", Map.of("keyId", keyId));
                return steps.store.setProgress(h, withKey, CaseStore.ProgressColumn.KEY_GENERATION_STARTED_AT,
                        steps.now());
            }
            return fresh;
        });
        Optional<KeyChoice> choice = Optional.ofNullable(stored[0]).flatMap(KeyChoice::parse);
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
            RenewalCase written = steps.store.setCaseColumn(h,
                    steps.store.setCaseColumn(h, fresh, CaseStore.CaseColumn.CSR_DER, request.csrDer()),
                    CaseStore.CaseColumn.CSR_KEY_SHA256, request.publicKeySha256());
            KeyKind kind = KeyKind.ofRequest(request.csrDer());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", request.keyId());
            details.put("keyAlgorithm", kind.label());
            details.put("publicKeySha256", request.publicKeySha256());
            return new Outcome.Advanced(steps.advance(h, written, CaseState.KEY_GENERATED, details));
        });
    }

    /**
     * The new certificate's DER for the install and the self-test, read with the step's claim; null when the case has
     * none (the step then refuses by its state).
     */
    byte[] certificateToWrite(org.jdbi.v3.core.Handle h, RenewalCase c) {
        return c.newCertificateId() == null ? null : certificates.der(h, c.newCertificateId()).orElse(null);
    }

    /** The install, on the case as its claim read it and the certificate read with it. */
    Outcome install(RenewalCase claimed, byte[] certificateDer, PinPrompter pin) {
        TokenDesk token = steps.token();
        long caseId = claimed.id();
        RenewalCase c = claimed;
        if (c.state() == CaseState.CSR_QUEUED) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.HEAD_OFFICE_NO_ANSWER_YET, c.caseNo()));
        }
        if (c.state() == CaseState.ABORTED && c.abortReason() == AbortReason.HEAD_OFFICE_REJECTED) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.HEAD_OFFICE_REJECTED, c.caseNo(),
                    String.valueOf(c.rejectionReason())));
        }
        CaseSteps.requireState(c, CaseState.CERT_RECEIVED, "install");
        byte[] der = required(certificateDer, c, "install");
        if (c.installStartedAt() == null) {
            // Intent first (like the key step): from now on the new certificate may be on the token, which decides
            // whether the case may still be aborted (ADR 0050).
            c = steps.tx(h -> {
                RenewalCase fresh = steps.requireStepIn(h, caseId, CaseState.CERT_RECEIVED, "install");
                if (fresh.installStartedAt() == null) {
                    steps.journal(h, fresh, CaseEvents.CERT_INSTALL_STARTED, "SUCCESS",
                            Map.of("keyId", String.valueOf(fresh.newKeyId())));
                    return steps.store.setProgress(h, fresh, CaseStore.ProgressColumn.INSTALL_STARTED_AT, steps.now());
                }
                return fresh;
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

    /** The self-test, on the case as its claim read it and the certificate read with it. */
    Outcome selfTest(RenewalCase claimed, byte[] certificateDer, PinPrompter pin) {
        TokenDesk token = steps.token();
        long caseId = claimed.id();
        RenewalCase c = CaseSteps.requireStep(claimed, CaseState.CERT_INSTALLED, "selfTest");
        byte[] der = required(certificateDer, c, "install");
        TokenDesk.SelfTestReport report;
        try {
            report = token.selfTest(c.tokenSerial(), c.newKeyId(), der, c.oldKeyId(),
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
                Map<CaseStore.ProgressColumn, Object> passed = new java.util.EnumMap<>(CaseStore.ProgressColumn.class);
                passed.put(CaseStore.ProgressColumn.SELF_TEST_PASSED_AT, steps.now());
                passed.put(CaseStore.ProgressColumn.SELF_TEST_FAILURE, null);
                RenewalCase written = steps.store.setProgress(h, fresh, passed);
                steps.journal(h, fresh, CaseEvents.SELF_TEST, "SUCCESS", details);
                return new Outcome.Advanced(written);
            }
            String failure = report.failure() != null ? report.failure()
                    : !report.loggedIn() ? "login" : !report.signatureVerified() ? "signature" : "oldKeyPresent";
            details.put("failure", failure);
            RenewalCase written = steps.store.setProgress(h, fresh, CaseStore.ProgressColumn.SELF_TEST_FAILURE, failure);
            steps.journal(h, fresh, CaseEvents.SELF_TEST, "FAILURE", details);
            return new Outcome.Refused(written, Problem.of(ProblemCode.SELF_TEST_FAILED, failure));
        });
    }

    private static byte[] required(byte[] der, RenewalCase c, String step) {
        if (der == null) {
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(), step);
        }
        return der;
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
