package bank.ushield.renewal;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import bank.ushield.token.pin.PinPrompter;

/**
 * The renewal steps a teller runs, for one logged-in member of staff. Synchronous and UI-free: call it off the EDT.
 * Each step checks the case state, does its work, then persists the transition and its audit entry in one database
 * transaction before it returns, so the next step always starts from a recorded state.
 */
public interface RenewalService {

    /** The member of staff this service acts for. */
    StaffMember actor();

    /**
     * Opens a case for the customer found by customer number or document number.
     *
     * @throws RenewalException CUSTOMER_NOT_FOUND, CUSTOMER_HAS_NO_TOKEN, CUSTOMER_HAS_OPEN_CASE (resume that one)
     */
    RenewalCase open(String customerNoOrDocumentNumber);

    /** {@link #verifyId(long, PresentedDocument, boolean)} without the teller's photo confirmation. */
    default Outcome verifyId(long caseId, PresentedDocument document) {
        return verifyId(caseId, document, false);
    }

    /**
     * Checks the identity document against the customer record; OPENED -> ID_VERIFIED on a pass. Where online
     * verification is configured, a resident ID card needs {@link #verifyOnline} first: a match also needs
     * {@code personMatchesPhoto} (the teller compared the photo on record with the customer and the card), else
     * Refused with PERSON_NOT_CONFIRMED; a mismatch, an unknown number or a lost document is Refused and audited (the
     * case stops: close it); no answer holds the case for a manager (ONLINE_UNAVAILABLE, authorised with a reason).
     */
    Outcome verifyId(long caseId, PresentedDocument document, boolean personMatchesPhoto);

    /**
     * 联网核查: asks the citizen verification service about a resident ID card of a case in OPENED; audits the masked
     * request and the answer (the photo as its SHA-256); the case does not move. NOT_REQUIRED for other documents or
     * when no service is configured. Call it again to retry after UNAVAILABLE.
     */
    OnlineCheck verifyOnline(long caseId, PresentedDocument document);

    /** Checks the bank card; ID_VERIFIED -> CARD_VERIFIED on a pass. */
    Outcome verifyCard(long caseId, PresentedCard card);

    /**
     * Reads the token in the reader and checks it is the customer's registered token, with the 10-digit media voucher
     * number the teller typed from its label, and eligible for counter renewal; CARD_VERIFIED -> TOKEN_VERIFIED on a
     * pass, remembering the serial and the old key's CKA_ID. The typed voucher is not stored (the audit entry holds it
     * masked): a case resumed at this step is checked again with the voucher typed again; a case past it is not
     * checked again, its token steps refuse any token but the recorded serial (ADR 0034). A voucher that is not the
     * registered one is Refused with TOKEN_VOUCHER_MISMATCH, the customer's token with a locked user PIN (the token's
     * own PIN flags, simulated or PKCS#11 CKF_USER_PIN_LOCKED) with PIN_LOCKED, other failures with TOKEN_CHECK_FAILED.
     */
    Outcome verifyToken(long caseId, String typedVoucher);

    /**
     * A manager authorises the exception the case waits for, with their own login and password (wiped here). The
     * authorisation is its own audit entry naming teller and manager; then the held step completes.
     *
     * @throws RenewalException AUTH_BAD_CREDENTIALS, AUTH_ACCOUNT_LOCKED, AUTH_NOT_A_MANAGER, AUTH_OWN_CASE,
     *                          AUTH_NOTHING_PENDING
     */
    default Outcome authorise(long caseId, String exceptionCode, String managerLogin, char[] managerPassword) {
        return authorise(caseId, exceptionCode, managerLogin, managerPassword, null);
    }

    /**
     * {@link #authorise(long, String, String, char[])} with the manager's reason in words (audited). Going on without
     * online verification (ONLINE_UNAVAILABLE) needs one.
     *
     * @throws RenewalException also AUTH_REASON_REQUIRED
     */
    Outcome authorise(long caseId, String exceptionCode, String managerLogin, char[] managerPassword, String reason);

    /**
     * Generates the new key pair on the token and a PKCS#10 request signed on it; TOKEN_VERIFIED -> KEY_GENERATED.
     * The key's CKA_ID is recorded before the token is touched, so after a crash this step finds the key again
     * instead of making a second one.
     */
    Outcome generateKey(long caseId, PinPrompter pin);

    /** Queues the request for the next head-office batch; KEY_GENERATED -> CSR_QUEUED. */
    Outcome queueRequest(long caseId);

    /**
     * Exchanges with head office now (while the customer waits); the import moves answered cases to CERT_RECEIVED
     * or ABORTED, and revocations of abandoned certificates listed on the CRLs received are marked confirmed.
     * @throws RenewalException SYNC_FAILED
     */
    HeadOfficeLink.SyncReport syncNow();

    /** The scheduled sync: as {@link #syncNow()}, or empty (skipped) when another exchange is running. */
    default java.util.Optional<HeadOfficeLink.SyncReport> syncIfIdle() {
        return java.util.Optional.of(syncNow());
    }

    /**
     * Installs the issued certificate on the token and removes the superseded key and certificate;
     * CERT_RECEIVED -> CERT_INSTALLED. A case still waiting for head office is Refused with HEAD_OFFICE_NO_ANSWER_YET.
     */
    Outcome install(long caseId, PinPrompter pin);

    /**
     * Proves the renewed token works: log in, sign a challenge with the new key, verify it with the new certificate,
     * check the old key is gone. A failure keeps the case in CERT_INSTALLED with SELF_TEST_FAILED.
     */
    Outcome selfTest(long caseId, PinPrompter pin);

    /**
     * The customer leaves the counter (receipt handed over, or the teller goes home): the token session kept
     * logged in since this visit's PIN is closed, so the next visit asks for the PIN again (ADR 0074), and this
     * workstation's claims on cases are released, so another counter may resume them (ADR 0087).
     */
    default void endVisit() {
    }

    /**
     * Takes the case for this workstation to serve (resuming it here): a case no workstation holds, or this one
     * holds, is claimed; every step does the same first. In a branch a case is served at one counter at a time
     * (ADR 0087); the claim is released when the customer leaves ({@link #endVisit}) or the case closes.
     *
     * @throws RenewalException CASE_CLAIMED_ELSEWHERE (who holds it, since when), CASE_TAKEN_OVER_ELSEWHERE
     */
    RenewalCase resume(long caseId);

    /** The workstation serving the case now, since when, in words by {@link CaseClaim#words}; empty: none. */
    Optional<CaseClaim> claim(long caseId);

    /**
     * Takes over a case another workstation holds (it stopped in the middle of the case, or its teller left): a
     * manager's login and password (wiped here) and a reason, as for an exception; audited in this workstation's log
     * naming the workstation and teller it was taken from. A case no other workstation holds is simply claimed.
     *
     * @throws RenewalException AUTH_REASON_REQUIRED, AUTH_BAD_CREDENTIALS, AUTH_ACCOUNT_LOCKED, AUTH_NOT_A_MANAGER,
     *                          AUTH_OWN_CASE, CASE_CHANGED_ELSEWHERE (the claim moved meanwhile)
     */
    RenewalCase takeOver(long caseId, String managerLogin, char[] managerPassword, String reason);

    /** Completes a case whose self-test passed; CERT_INSTALLED -> COMPLETED. */
    Outcome complete(long caseId);

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
    RenewalCase abort(long caseId, AbortReason reason);

    /**
     * The teller chooses to replace the customer's token from branch stock where a renewal cannot go on (ADR 0077):
     * in OPENED, ID_VERIFIED or CARD_VERIFIED (also while the token check waits for a manager: that exception is
     * withdrawn). The identity and card checks stay as for a renewal; the token check becomes
     * {@link #verifyNewToken}. Audited with the reason; the case does not move.
     */
    Outcome chooseReplacement(long caseId, ReplacementReason reason);

    /**
     * The token check of a replacement: the token in the reader must be a blank in the acting teller's box with the
     * media voucher number typed from its label; CARD_VERIFIED -> TOKEN_VERIFIED, the blank held for the case. A token
     * not in stock, already issued, in another box or held by another case, or a voucher that does not match, is
     * Refused (STOCK_...) and audited; nothing else changes.
     */
    Outcome verifyNewToken(long caseId, String typedVoucher);

    /**
     * Initialises the new token with the PIN the customer chooses, typed twice on the PIN entry
     * ({@link bank.ushield.token.pin.PinRequest.Purpose#CHOOSE_NEW} then CONFIRM_NEW); two different entries or a PIN
     * not 6-8 characters asks again, three times at most (then Refused NEW_PIN_MISMATCH / NEW_PIN_INVALID). Then the
     * renewal's own steps follow: {@link #generateKey}, {@link #queueRequest}, {@link #install}, {@link #selfTest}.
     */
    Outcome initialiseNewToken(long caseId, PinPrompter newPin);

    /**
     * Records the replaced token retired after the new one passed its self-test: a token reported lost as lost; with
     * {@code doesNotAnswer} as not answering; otherwise the old token must be in the reader and is re-initialised
     * without a user PIN (its keys destroyed). {@link #complete} refuses a replacement until this is done; completion
     * registers the new token to the customer, issues the blank from stock and records the fee, if any.
     */
    Outcome retireOldToken(long caseId, boolean doesNotAnswer);

    /**
     * As {@link #retireOldToken(long, boolean)}; where no security officer PIN is known (production, ADR 0077
     * addendum) the customer types the old token's PIN on {@code oldPin} and every key and certificate is destroyed.
     */
    default Outcome retireOldToken(long caseId, boolean doesNotAnswer, PinPrompter oldPin) {
        return retireOldToken(caseId, doesNotAnswer);
    }

    /** The replacement details of a case; empty for a renewal. */
    Optional<Replacement> replacement(long caseId);

    /** A case by id. @throws RenewalException CASE_NOT_FOUND */
    RenewalCase find(long caseId);

    /**
     * The key the case will make on the token and why, decided when the token passed its check (empty before, or
     * where no key policy is configured); the token step shows {@link KeyChoice#words}.
     */
    default Optional<KeyChoice> keyChoice(long caseId) {
        return Optional.empty();
    }

    /**
     * The key a renewal would make on this token (the token step shows it before the check; the check decides and
     * keeps it): empty where no key policy is configured.
     */
    default Optional<KeyChoice> previewKeyChoice(PresentedToken token) {
        return Optional.empty();
    }

    /** A case by its number. */
    Optional<RenewalCase> findByNo(String caseNo);

    /** Cases waiting for head office or for the customer to come back (CSR_QUEUED, CERT_RECEIVED). */
    List<RenewalCase> pendingCases();

    /** Every unfinished case with what can be done about it; shown at start so no case stays half-done. */
    List<ResumableCase> resumableCases();

    /** The state history as FROM->TO strings. */
    List<String> history(long caseId);

    /** The customer receipt of a case (completed, waiting, or aborted). */
    Receipt receipt(long caseId);

    /** The configured branch time zone: the branch's days, as the screens show them. */
    ZoneId branchZone();
}
