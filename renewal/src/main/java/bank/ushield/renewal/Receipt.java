package bank.ushield.renewal;

import java.time.Instant;
import bank.ushield.db.CaseState;

/**
 * The customer's receipt of a renewal case: case number, masked customer, card and token data, old and new
 * certificate, what happens next, and the audit reference that proves the closing entry later. All personal data
 * here is already masked.
 *
 * @param newCertificate null while head office has not answered
 * @param auditReference null while the case is open (no closing entry yet) or no tree head covers it yet
 * @param branchName     the branch as printed under the bank's name (null when the workstation has none recorded)
 * @param exceptions     the exceptions a manager authorised on the case, in order
 */
public record Receipt(String caseNo, String workstationId, String tellerLogin, Instant issuedAt, String customerName,
                      String documentMasked, String cardMasked, String tokenSerial, String mediaVoucherNo,
                      CertificateLine oldCertificate, CertificateLine newCertificate, CaseState state,
                      AbortReason abortReason, NextStep nextStep, AuditReference auditReference, boolean training,
                      String branchName, java.util.List<GrantedException> exceptions, ReplacementLine replacement) {

    public Receipt {
        exceptions = exceptions == null ? java.util.List.of() : java.util.List.copyOf(exceptions);
    }

    /** The receipt of a renewal (no replacement). */
    public Receipt(String caseNo, String workstationId, String tellerLogin, Instant issuedAt, String customerName,
                   String documentMasked, String cardMasked, String tokenSerial, String mediaVoucherNo,
                   CertificateLine oldCertificate, CertificateLine newCertificate, CaseState state,
                   AbortReason abortReason, NextStep nextStep, AuditReference auditReference, boolean training,
                   String branchName, java.util.List<GrantedException> exceptions) {
        this(caseNo, workstationId, tellerLogin, issuedAt, customerName, documentMasked, cardMasked, tokenSerial,
                mediaVoucherNo, oldCertificate, newCertificate, state, abortReason, nextStep, auditReference, training,
                branchName, exceptions, null);
    }

    /**
     * What a replacement receipt adds (ADR 0077): the token and voucher fields of the receipt are the new token's; these
     * name why, the old token and what became of it, and the fee.
     *
     * @param oldTokenOutcome null while the old token is not retired yet
     * @param fee             null: no fee
     */
    public record ReplacementLine(ReplacementReason reason, String oldTokenSerial,
                                  Replacement.OldTokenOutcome oldTokenOutcome, java.math.BigDecimal fee,
                                  String feeCurrency) {
    }

    /** True for the receipt of a token replacement. */
    public boolean replacementReceipt() {
        return replacement != null;
    }

    /** An exception a manager authorised: the check's reason code and the manager's login. */
    public record GrantedException(String reasonCode, String managerLogin) {
    }

    /** One certificate as printed: serial (hex), validity and the kind of key (null when unknown). */
    public record CertificateLine(String serialHex, Instant notBefore, Instant notAfter, KeyKind keyKind) {
        /** A line without the key's kind (a certificate whose DER is not on record). */
        public CertificateLine(String serialHex, Instant notBefore, Instant notAfter) {
            this(serialHex, notBefore, notAfter, null);
        }
    }

    /** What the customer is told happens next. */
    public enum NextStep {
        /** Renewed at the counter; the token works with the new certificate now. */
        DONE,
        /** Waiting for head office; come back with the token, or download the certificate online. */
        COME_BACK_OR_DOWNLOAD,
        /** The certificate is ready; come back with the token to install it. */
        COME_BACK_TO_INSTALL,
        /** The renewal continues at the counter (the receipt was printed mid-way). */
        IN_PROGRESS,
        /** Closed without renewal; the token is unchanged and still holds the old certificate. */
        NOT_RENEWED,
        /**
         * Closed as a token fault after the new certificate was (or may have been) written: the old key may be gone and
         * the new certificate is revoked, so the customer needs a new token (ADR 0050).
         */
        REPLACE_TOKEN
    }

    /** True when the case was renewed (COMPLETED). */
    public boolean completed() {
        return state == CaseState.COMPLETED;
    }

    /** True when the case was closed without renewal (ABORTED). */
    public boolean aborted() {
        return state == CaseState.ABORTED;
    }
}
