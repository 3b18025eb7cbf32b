package bank.ushield.renewal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;

import bank.ushield.db.Masking;
import bank.ushield.token.pin.PinPrompter;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Verdict;

/**
 * The renewal steps a teller runs, for one logged-in member of staff. Synchronous and UI-free: call it off the EDT.
 * Each step checks the case state, does its work, then persists the transition and its audit entry in one database
 * transaction before it returns, so the next step always starts from a recorded state.
 */
public class RenewalService {

    private static final Logger LOG = LoggerFactory.getLogger(RenewalService.class);

    private final RenewalParts parts;
    private final StaffMember actor;
    private final CaseStore store = new CaseStore();

    public RenewalService(RenewalParts parts, StaffMember actor) {
        this.parts = parts;
        this.actor = actor;
    }

    /** The member of staff this service acts for. */
    public StaffMember actor() {
        return actor;
    }

    // ---- opening and the three checks ----

    /**
     * Opens a case for the customer found by customer number or document number.
     *
     * @throws RenewalException CUSTOMER_NOT_FOUND, CUSTOMER_HAS_NO_TOKEN, CUSTOMER_HAS_OPEN_CASE (resume that one)
     */
    public RenewalCase open(String customerNoOrDocumentNumber) {
        CustomerSummary customer = parts.customers().find(customerNoOrDocumentNumber)
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND,
                        Masking.idNumber(customerNoOrDocumentNumber)));
        if (customer.token() == null) {
            throw new RenewalException(ProblemCode.CUSTOMER_HAS_NO_TOKEN, customer.customerNo());
        }
        return tx(h -> {
            List<RenewalCase> open = store.openForCustomer(h, customer.id());
            if (!open.isEmpty()) {
                throw new RenewalException(ProblemCode.CUSTOMER_HAS_OPEN_CASE, customer.customerNo(),
                        open.get(0).caseNo());
            }
            RenewalCase c = store.insert(h, parts.workstationId(), actor.login(), customer.id(), customer.token().id(),
                    customer.certificate() == null ? null : customer.certificate().id(), now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("customerNo", customer.customerNo());
            details.put("name", Masking.name(customer.name()));
            details.put("tokenSerial", customer.token().serial());
            journal(h, c, CaseEvents.transition(CaseState.OPENED), "SUCCESS", details);
            LOG.info("Opened case {} for customer {}", c.caseNo(), customer.customerNo());
            return c;
        });
    }

    /** Checks the identity document against the customer record; OPENED -> ID_VERIFIED on a pass. */
    public Outcome verifyId(long caseId, PresentedDocument document) {
        return check(caseId, CaseState.OPENED, reason -> ProblemCode.ID_CHECK_FAILED,
                (customer) -> parts.checks().identity(customer, document, today()), null);
    }

    /** Checks the bank card; ID_VERIFIED -> CARD_VERIFIED on a pass. */
    public Outcome verifyCard(long caseId, PresentedCard card) {
        return check(caseId, CaseState.ID_VERIFIED, reason -> ProblemCode.CARD_CHECK_FAILED,
                (customer) -> parts.checks().card(customer, card, today()), null);
    }

    /**
     * Reads the token in the reader and checks it is the customer's registered token, with the 10-digit media voucher
     * number the teller typed from its label, and eligible for counter renewal; CARD_VERIFIED -> TOKEN_VERIFIED on a
     * pass, remembering the serial and the old key's CKA_ID. The typed voucher is not stored (the audit entry holds it
     * masked): a case resumed at this step is checked again with the voucher typed again; a case past it is not
     * checked again, its token steps refuse any token but the recorded serial (ADR 0034). A voucher that is not the
     * registered one is Refused with TOKEN_VOUCHER_MISMATCH, the customer's token with a locked user PIN (the token's
     * own PIN flags, simulated or PKCS#11 CKF_USER_PIN_LOCKED) with PIN_LOCKED, other failures with TOKEN_CHECK_FAILED.
     */
    public Outcome verifyToken(long caseId, String typedVoucher) {
        RenewalCase before = find(caseId);
        CustomerSummary registered = customer(before);
        PresentedToken presented = token().read(registered.token() == null ? null : registered.token().serial());
        Optional<String> voucher = Optional.ofNullable(typedVoucher).map(String::strip).filter(v -> !v.isEmpty());
        return check(caseId, CaseState.CARD_VERIFIED, RenewalService::tokenProblem,
                (customer) -> parts.checks().token(customer, presented, voucher, today()),
                (h, c) -> rememberToken(h, c, presented));
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
        store.setProgress(h, c.id(), CaseStore.ProgressColumn.TOKEN_SERIAL, presented.serial());
        CustomerSummary customer = customer(c);
        String oldKeyId = presented.certificates().stream()
                .filter(cert -> customer.certificate() != null
                        && cert.serial().toString(16).equalsIgnoreCase(stripZeros(customer.certificate().serialHex())))
                .map(PresentedToken.TokenCertificate::keyId)
                .findFirst()
                .orElse(presented.certificates().isEmpty() ? null : presented.certificates().get(0).keyId());
        store.setProgress(h, c.id(), CaseStore.ProgressColumn.OLD_KEY_ID, oldKeyId);
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
        RenewalCase c = requireStep(caseId, required, step);
        CustomerSummary customer = customer(c);
        CheckResult result = run.apply(customer);
        CaseState to = required.next().orElseThrow();
        return tx(h -> {
            RenewalCase fresh = store.require(h, caseId);
            requireState(fresh, required, step);
            Map<String, Object> details = new LinkedHashMap<>(result.evidence());
            details.put("check", result.check().name());
            details.put("verdict", result.verdict().name());
            if (result.verdict() == Verdict.PASS) {
                if (afterPass != null) {
                    afterPass.apply(h, fresh);
                }
                return new Outcome.Advanced(advance(h, store.require(h, caseId), to, details));
            }
            details.put("code", result.code().name());
            if (result.verdict() == Verdict.FAIL) {
                journal(h, fresh, CaseEvents.CHECK_FAILED, "FAILURE", details);
                return new Outcome.Refused(fresh, Problem.of(failCodes.apply(result.code()), result.code()));
            }
            h.createUpdate("""
                            INSERT INTO manager_authorisation (case_id, exception_code, held_state, evidence,
                                requested_by, requested_at, status)
                            VALUES (:case, :code, :held, :evidence, :by, :at, 'PENDING')""")
                    .bind("case", caseId).bind("code", result.code().name()).bind("held", to.name())
                    .bind("evidence", new java.util.TreeMap<>(details).toString())
                    .bind("by", actor.login()).bind("at", now()).execute();
            if (afterPass != null) {
                afterPass.apply(h, fresh);
            }
            journal(h, fresh, CaseEvents.EXCEPTION_RAISED, "NEEDS_MANAGER", details);
            return new Outcome.HeldForManager(store.require(h, caseId), result.code().name(),
                    Problem.heldForManager(result.code()));
        });
    }

    // ---- manager authorisation ----

    /**
     * A manager authorises the exception the case waits for, with their own login and password (wiped here). The
     * authorisation is its own audit entry naming teller and manager; then the held step completes.
     *
     * @throws RenewalException AUTH_BAD_CREDENTIALS, AUTH_ACCOUNT_LOCKED, AUTH_NOT_A_MANAGER, AUTH_OWN_CASE,
     *                          AUTH_NOTHING_PENDING
     */
    public Outcome authorise(long caseId, String exceptionCode, String managerLogin, char[] managerPassword) {
        RenewalCase c = tx(h -> store.require(h, caseId));
        StaffMember manager;
        try {
            manager = parts.staff().authenticate(managerLogin, managerPassword);
        } catch (RenewalException e) {
            refuseAuthorisation(c, managerLogin, exceptionCode, e.code());
            throw e;
        } finally {
            java.util.Arrays.fill(managerPassword, '\0');
        }
        if (manager.role() != StaffMember.Role.MANAGER) {
            refuseAuthorisation(c, manager.login(), exceptionCode, ProblemCode.AUTH_NOT_A_MANAGER);
            throw new RenewalException(ProblemCode.AUTH_NOT_A_MANAGER, manager.login());
        }
        if (manager.login().equals(c.tellerLogin()) || manager.login().equals(actor.login())) {
            refuseAuthorisation(c, manager.login(), exceptionCode, ProblemCode.AUTH_OWN_CASE);
            throw new RenewalException(ProblemCode.AUTH_OWN_CASE, manager.login());
        }
        return tx(h -> {
            RenewalCase fresh = store.require(h, caseId);
            Optional<Map<String, Object>> pending = h.createQuery("""
                            SELECT id, exception_code, held_state FROM manager_authorisation
                             WHERE case_id = :case AND status = 'PENDING'""")
                    .bind("case", caseId).mapToMap().findOne();
            if (pending.isEmpty() || !pending.get().get("exception_code").equals(exceptionCode)) {
                throw new RenewalException(ProblemCode.AUTH_NOTHING_PENDING, fresh.caseNo());
            }
            h.createUpdate("""
                            UPDATE manager_authorisation SET status = 'GRANTED', manager_login = :m, decided_at = :at
                             WHERE id = :id""")
                    .bind("m", manager.login()).bind("at", now()).bind("id", pending.get().get("id")).execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("exception", exceptionCode);
            details.put("teller", fresh.tellerLogin());
            details.put("manager", manager.login());
            details.put("managerName", manager.displayName());
            parts.journal().record(h, new CaseEvent(CaseEvents.EXCEPTION_AUTHORISED, manager, fresh.id(),
                    fresh.caseNo(), "SUCCESS", details));
            CaseState held = CaseState.valueOf((String) pending.get().get("held_state"));
            Map<String, Object> moveDetails = new LinkedHashMap<>();
            moveDetails.put("authorisedBy", manager.login());
            moveDetails.put("exception", exceptionCode);
            return new Outcome.Advanced(advance(h, store.require(h, caseId), held, moveDetails));
        });
    }

    private void refuseAuthorisation(RenewalCase c, String login, String exceptionCode, ProblemCode why) {
        tx(h -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("exception", exceptionCode);
            details.put("teller", c.tellerLogin());
            details.put("attemptedBy", login);
            details.put("reason", why.name());
            journal(h, c, CaseEvents.AUTHORISATION_REFUSED, "FAILURE", details);
            return null;
        });
    }

    // ---- token re-personalisation ----

    /**
     * Generates the new key pair on the token and a PKCS#10 request signed on it; TOKEN_VERIFIED -> KEY_GENERATED.
     * The key's CKA_ID is recorded before the token is touched, so after a crash this step finds the key again
     * instead of making a second one.
     */
    public Outcome generateKey(long caseId, PinPrompter pin) {
        TokenDesk token = token();
        RenewalCase c = tx(h -> {
            RenewalCase fresh = requireStepIn(h, caseId, CaseState.TOKEN_VERIFIED, "generateKey");
            if (fresh.newKeyId() == null) {
                String keyId = newKeyId();
                store.setCaseColumn(h, caseId, CaseStore.CaseColumn.NEW_KEY_ID, keyId);
                store.setProgress(h, caseId, CaseStore.ProgressColumn.KEY_GENERATION_STARTED_AT, now());
                journal(h, fresh, CaseEvents.KEY_GENERATION_STARTED, "SUCCESS", Map.of("keyId", keyId));
            }
            return store.require(h, caseId);
        });
        CustomerSummary customer = customer(c);
        String subject = customer.certificate() != null ? customer.certificate().subjectDn()
                : "CN=" + customer.customerNo() + ",O=U-shield,C=CN";
        TokenDesk.GeneratedRequest request;
        try {
            request = token.generateKeyAndRequest(c.tokenSerial(), c.newKeyId(), subject, auditingWrongPins(c, "generateKey", pin));
        } catch (RenewalException e) {
            recordTokenFailure(c, "generateKey", e);
            throw e;
        }
        return tx(h -> {
            RenewalCase fresh = requireStepIn(h, caseId, CaseState.TOKEN_VERIFIED, "generateKey");
            store.setCaseColumn(h, caseId, CaseStore.CaseColumn.CSR_DER, request.csrDer());
            store.setCaseColumn(h, caseId, CaseStore.CaseColumn.CSR_KEY_SHA256, request.publicKeySha256());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", request.keyId());
            details.put("publicKeySha256", request.publicKeySha256());
            return new Outcome.Advanced(advance(h, store.require(h, fresh.id()), CaseState.KEY_GENERATED, details));
        });
    }

    /** Queues the request for the next head-office batch; KEY_GENERATED -> CSR_QUEUED. */
    public Outcome queueRequest(long caseId) {
        return tx(h -> {
            RenewalCase fresh = requireStepIn(h, caseId, CaseState.KEY_GENERATED, "queueRequest");
            return new Outcome.Advanced(advance(h, fresh, CaseState.CSR_QUEUED,
                    Map.of("publicKeySha256", String.valueOf(fresh.csrKeySha256()))));
        });
    }

    /**
     * Exchanges with head office now (while the customer waits); the import moves answered cases to CERT_RECEIVED
     * or ABORTED, and revocations of abandoned certificates listed on the CRLs received are marked confirmed.
     * @throws RenewalException SYNC_FAILED
     */
    public HeadOfficeLink.SyncReport syncNow() {
        if (parts.headOffice() == null) {
            throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "syncNow");
        }
        HeadOfficeLink.SyncReport report = parts.headOffice().syncNow();
        // Revocations of abandoned certificates that the CRLs just received list (ADR 0050).
        tx(h -> new AbandonedCertificates(parts.journal(), parts.clock()).confirmFromCrls(h));
        return report;
    }

    /**
     * Installs the issued certificate on the token and removes the superseded key and certificate;
     * CERT_RECEIVED -> CERT_INSTALLED. A case still waiting for head office is Refused with HEAD_OFFICE_NO_ANSWER_YET.
     */
    public Outcome install(long caseId, PinPrompter pin) {
        TokenDesk token = token();
        RenewalCase c = tx(h -> store.require(h, caseId));
        if (c.state() == CaseState.CSR_QUEUED) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.HEAD_OFFICE_NO_ANSWER_YET, c.caseNo()));
        }
        if (c.state() == CaseState.ABORTED && c.abortReason() == AbortReason.HEAD_OFFICE_REJECTED) {
            return new Outcome.Refused(c, Problem.of(ProblemCode.HEAD_OFFICE_REJECTED, c.caseNo(),
                    String.valueOf(c.rejectionReason())));
        }
        requireState(c, CaseState.CERT_RECEIVED, "install");
        byte[] der = certificateDer(c);
        if (c.installStartedAt() == null) {
            // Intent first (like the key step): from now on the new certificate may be on the token, which decides
            // whether the case may still be aborted (ADR 0050).
            c = tx(h -> {
                RenewalCase fresh = requireStepIn(h, caseId, CaseState.CERT_RECEIVED, "install");
                if (fresh.installStartedAt() == null) {
                    store.setProgress(h, caseId, CaseStore.ProgressColumn.INSTALL_STARTED_AT, now());
                    journal(h, fresh, CaseEvents.CERT_INSTALL_STARTED, "SUCCESS",
                            Map.of("keyId", String.valueOf(fresh.newKeyId())));
                }
                return store.require(h, caseId);
            });
        }
        try {
            token.install(c.tokenSerial(), c.newKeyId(), der, c.oldKeyId(), auditingWrongPins(c, "install", pin));
        } catch (RenewalException e) {
            recordTokenFailure(c, "install", e);
            throw e;
        }
        return tx(h -> {
            RenewalCase fresh = requireStepIn(h, caseId, CaseState.CERT_RECEIVED, "install");
            h.createUpdate("UPDATE certificate SET status = 'SUPERSEDED' WHERE id = :id AND status = 'ACTIVE'")
                    .bind("id", fresh.oldCertificateId()).execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", fresh.newKeyId());
            details.put("oldKeyRemoved", String.valueOf(fresh.oldKeyId()));
            return new Outcome.Advanced(advance(h, fresh, CaseState.CERT_INSTALLED, details));
        });
    }

    /**
     * Proves the renewed token works: log in, sign a challenge with the new key, verify it with the new certificate,
     * check the old key is gone. A failure keeps the case in CERT_INSTALLED with SELF_TEST_FAILED.
     */
    public Outcome selfTest(long caseId, PinPrompter pin) {
        TokenDesk token = token();
        RenewalCase c = requireStep(caseId, CaseState.CERT_INSTALLED, "selfTest");
        TokenDesk.SelfTestReport report;
        try {
            report = token.selfTest(c.tokenSerial(), c.newKeyId(), certificateDer(c), c.oldKeyId(),
                    auditingWrongPins(c, "selfTest", pin));
        } catch (RenewalException e) {
            recordTokenFailure(c, "selfTest", e);
            throw e;
        }
        return tx(h -> {
            RenewalCase fresh = requireStepIn(h, caseId, CaseState.CERT_INSTALLED, "selfTest");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("loggedIn", report.loggedIn());
            details.put("signatureVerified", report.signatureVerified());
            details.put("oldKeyGone", report.oldKeyGone());
            if (report.passed()) {
                store.setProgress(h, caseId, CaseStore.ProgressColumn.SELF_TEST_PASSED_AT, now());
                store.setProgress(h, caseId, CaseStore.ProgressColumn.SELF_TEST_FAILURE, null);
                journal(h, fresh, CaseEvents.SELF_TEST, "SUCCESS", details);
                return new Outcome.Advanced(store.require(h, caseId));
            }
            String failure = report.failure() != null ? report.failure()
                    : !report.loggedIn() ? "login" : !report.signatureVerified() ? "signature" : "oldKeyPresent";
            details.put("failure", failure);
            store.setProgress(h, caseId, CaseStore.ProgressColumn.SELF_TEST_FAILURE, failure);
            journal(h, fresh, CaseEvents.SELF_TEST, "FAILURE", details);
            return new Outcome.Refused(store.require(h, caseId), Problem.of(ProblemCode.SELF_TEST_FAILED, failure));
        });
    }

    /** Completes a case whose self-test passed; CERT_INSTALLED -> COMPLETED. */
    public Outcome complete(long caseId) {
        return tx(h -> {
            RenewalCase fresh = requireStepIn(h, caseId, CaseState.CERT_INSTALLED, "complete");
            if (fresh.selfTestPassedAt() == null) {
                return new Outcome.Refused(fresh, Problem.of(ProblemCode.SELF_TEST_REQUIRED, fresh.caseNo()));
            }
            boolean sameDay = LocalDate.ofInstant(fresh.openedAt(), parts.branchZone()).equals(today());
            store.setProgress(h, caseId, CaseStore.ProgressColumn.FINISHED_AT_COUNTER, sameDay ? 1 : 0);
            RenewalCase moved = store.move(h, fresh, CaseState.COMPLETED, actor.login(), null, now());
            long seq = journal(h, moved, CaseEvents.transition(CaseState.COMPLETED), "SUCCESS",
                    Map.of("from", fresh.state().name(), "to", CaseState.COMPLETED.name()));
            store.setProgress(h, caseId, CaseStore.ProgressColumn.CLOSING_AUDIT_SEQ, seq);
            return new Outcome.Advanced(store.require(h, caseId));
        });
    }

    /**
     * Closes an open case with a reason, by the rule of ADR 0050: the token is never left worse than before and a
     * certificate issued for the case never stays valid unused.
     * <ul>
     * <li>Before head office issued anything, as always: the token keeps its old key and certificate (a pending new
     * key may stay beside it, harmless, reused or replaced by a later case).</li>
     * <li>Issued but not written to the token (CERT_RECEIVED, install never started, or the token in the reader shows
     * the install did not write): the new certificate becomes ABANDONED and its revocation is queued for the next
     * head-office batch, in the same transaction as the abort.</li>
     * <li>The new certificate is (or may be) on the token (CERT_INSTALLED, or an install started and the token is
     * not in the reader or holds it): refused, the case must be resumed and completed, since the old key may already
     * be gone. Only {@link AbortReason#TOKEN_FAULT} closes such a case (the token is out of service anyway; its new
     * certificate is abandoned and revoked too).</li>
     * </ul>
     *
     * @throws RenewalException ABORT_NEEDS_COMPLETION, ABORT_NEEDS_TOKEN (both audited as CASE_ABORT_REFUSED)
     */
    public RenewalCase abort(long caseId, AbortReason reason) {
        RenewalCase before = tx(h -> store.require(h, caseId));
        if (before.state().terminal()) {
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, before.caseNo(), before.state(), "abort");
        }
        TokenAfterAbort token = tokenAfterAbort(before, reason);
        return tx(h -> {
            RenewalCase fresh = store.require(h, caseId);
            if (fresh.state().terminal()) {
                throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, fresh.caseNo(), fresh.state(), "abort");
            }
            if (fresh.version() != before.version()) {
                throw new RenewalException(ProblemCode.CASE_CHANGED_ELSEWHERE, fresh.caseNo());
            }
            h.createUpdate("UPDATE manager_authorisation SET status = 'WITHDRAWN', decided_at = :at "
                            + "WHERE case_id = :case AND status = 'PENDING'")
                    .bind("at", now()).bind("case", caseId).execute();
            RenewalCase moved = store.move(h, fresh, CaseState.ABORTED, actor.login(), reason, now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", fresh.state().name());
            details.put("to", CaseState.ABORTED.name());
            details.put("reason", reason.name());
            details.put("tokenKeepsOldObjects", token.keepsOldObjects());
            details.put("tokenCheckedAtAbort", token.checked());
            if (fresh.newCertificateId() != null) {
                details.put("newCertificate", "ABANDONED, revocation queued");
            }
            long seq = journal(h, moved, CaseEvents.transition(CaseState.ABORTED), "ABORTED", details);
            store.setProgress(h, caseId, CaseStore.ProgressColumn.CLOSING_AUDIT_SEQ, seq);
            if (fresh.newCertificateId() != null) {
                new AbandonedCertificates(parts.journal(), parts.clock()).abandon(h, moved, fresh.newCertificateId(),
                        actor, "case aborted in " + fresh.state().name() + " (" + reason.name() + ")");
            }
            return store.require(h, caseId);
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
            presented = token().read(c.tokenSerial());
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
        tx(h -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", c.state().name());
            details.put("reason", reason.name());
            details.put("finding", finding);
            details.put("problem", code.name());
            journal(h, c, CaseEvents.ABORT_REFUSED, "FAILURE", details);
            return null;
        });
        LOG.info("Abort of case {} refused: {}", c.caseNo(), finding);
        return new RenewalException(code, c.caseNo());
    }

    // ---- lists and lookups ----

    /** A case by id. @throws RenewalException CASE_NOT_FOUND */
    public RenewalCase find(long caseId) {
        return tx(h -> store.require(h, caseId));
    }

    /** A case by its number. */
    public Optional<RenewalCase> findByNo(String caseNo) {
        return tx(h -> store.findByNo(h, caseNo));
    }

    /** Cases waiting for head office or for the customer to come back (CSR_QUEUED, CERT_RECEIVED). */
    public List<RenewalCase> pendingCases() {
        return tx(h -> store.inStates(h, EnumSet.of(CaseState.CSR_QUEUED, CaseState.CERT_RECEIVED)));
    }

    /** Every unfinished case with what can be done about it; shown at start so no case stays half-done. */
    public List<ResumableCase> resumableCases() {
        EnumSet<CaseState> open = EnumSet.complementOf(EnumSet.of(CaseState.COMPLETED, CaseState.ABORTED));
        return tx(h -> store.inStates(h, open)).stream().map(ResumableCase::of).toList();
    }

    /** The state history as FROM->TO strings. */
    public List<String> history(long caseId) {
        return tx(h -> store.history(h, caseId));
    }

    /** The customer receipt of a case (completed, waiting, or aborted). */
    public Receipt receipt(long caseId) {
        return new ReceiptBuilder(parts).build(find(caseId));
    }

    // ---- helpers ----

    private TokenDesk token() {
        if (parts.token() == null) {
            throw new RenewalException(ProblemCode.NOT_AVAILABLE_IN_THIS_SETUP, "token");
        }
        return parts.token();
    }

    private byte[] certificateDer(RenewalCase c) {
        return tx(h -> h.createQuery("SELECT der FROM certificate WHERE id = :id")
                .bind("id", c.newCertificateId()).mapTo(byte[].class).findOne()
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
            tx(h -> {
                Map<String, Object> details = new HashMap<>(extra);
                details.put("step", step);
                details.put("problem", problem); // typed for the journal; audited as its name
                journal(h, c, CaseEvents.TOKEN_STEP_FAILED, "FAILURE", details);
                return null;
            });
        } catch (RuntimeException recordFailure) {
            LOG.warn("Could not audit the failed token step {} of case {}", step, c.caseNo(), recordFailure);
        }
    }

    private CustomerSummary customer(RenewalCase c) {
        return parts.customers().byId(c.customerId())
                .orElseThrow(() -> new RenewalException(ProblemCode.CUSTOMER_NOT_FOUND, c.customerId()));
    }

    private RenewalCase requireStep(long caseId, CaseState required, String step) {
        return tx(h -> requireStepIn(h, caseId, required, step));
    }

    private RenewalCase requireStepIn(Handle h, long caseId, CaseState required, String step) {
        RenewalCase c = store.require(h, caseId);
        requireState(c, required, step);
        return c;
    }

    private static void requireState(RenewalCase c, CaseState required, String step) {
        if (c.awaitingManager()) {
            throw new RenewalException(ProblemCode.AWAITING_MANAGER, c.caseNo(), c.pendingException());
        }
        if (c.state() != required) {
            throw new RenewalException(ProblemCode.STEP_NOT_ALLOWED, c.caseNo(), c.state(), step);
        }
    }

    private RenewalCase advance(Handle h, RenewalCase c, CaseState to, Map<String, Object> details) {
        RenewalCase moved = store.move(h, c, to, actor.login(), null, now());
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("from", c.state().name());
        all.put("to", to.name());
        journal(h, moved, CaseEvents.transition(to), "SUCCESS", all);
        return moved;
    }

    private long journal(Handle h, RenewalCase c, String type, String outcome, Map<String, Object> details) {
        return parts.journal().record(h, new CaseEvent(type, actor, c.id(), c.caseNo(), outcome, details));
    }

    private <T> T tx(HandleCallback<T, RuntimeException> work) {
        try {
            return parts.jdbi().inTransaction(work);
        } catch (RenewalException e) {
            throw e;
        } catch (JdbiException e) {
            LOG.error("Database failure in a renewal step", e);
            throw new RenewalException(Problem.of(ProblemCode.DATABASE_FAILURE), e);
        }
    }

    private Instant now() {
        return parts.clock().instant();
    }

    /** The configured branch time zone: the branch's days, as the screens show them. */
    public ZoneId branchZone() {
        return parts.branchZone();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(now(), parts.branchZone());
    }

    private static String newKeyId() {
        byte[] id = new byte[16];
        new java.security.SecureRandom().nextBytes(id);
        return java.util.HexFormat.of().formatHex(id);
    }
}
