package bank.ushield.renewal.cases;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.AbortReason;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CaseJournal;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.store.CaseCertificateStore;
import bank.ushield.renewal.store.CaseStore;

/**
 * Applies head-office answers to their cases inside the import's own transaction: an issued certificate moves its
 * case CSR_QUEUED -> CERT_RECEIVED, a rejection moves it to ABORTED (HEAD_OFFICE_REJECTED). A certificate for a
 * case aborted after its request went out is recorded ABANDONED and its revocation queued (ADR 0050). Cases are found by the
 * SHA-256 of the CSR's public key, never by name.
 */
public final class HeadOfficeAnswers {

    private final CaseJournal journal;
    private final Clock clock;
    private final CaseStore store = new CaseStore();
    private final AbandonedCertificates abandoned;

    public HeadOfficeAnswers(CaseJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
        this.abandoned = new AbandonedCertificates(journal, clock);
    }

    /**
     * Records the certificate and moves its case to CERT_RECEIVED. Idempotent: a case already past CSR_QUEUED
     * is left alone. Returns the case, or empty when no case waits for this key.
     */
    public Optional<RenewalCase> certificateIssued(Handle h, String publicKeySha256, byte[] certificateDer) {
        return certificateIssued(h, store.findByCsrKey(h, publicKeySha256), certificateDer);
    }

    /** The same for a case ca-sync already matched (by the CSR's public key). */
    public Optional<RenewalCase> certificateIssued(Handle h, long caseId, byte[] certificateDer) {
        return certificateIssued(h, store.find(h, caseId), certificateDer);
    }

    private Optional<RenewalCase> certificateIssued(Handle h, Optional<RenewalCase> found, byte[] certificateDer) {
        if (found.isPresent() && found.get().state() == CaseState.ABORTED && found.get().newCertificateId() == null) {
            // The case was closed after its request went out: the certificate is never installed, so it must not stay
            // valid at head office (ADR 0050).
            RenewalCase c = found.get();
            long certId = certificateRow(h, c, parse(certificateDer), certificateDer, "ABANDONED");
            abandoned.abandon(h, c, certId, StaffMember.HEAD_OFFICE_SYNC, "issued after the case was aborted ("
                    + c.abortReason() + ")");
            return found;
        }
        if (found.isEmpty() || found.get().state() != CaseState.CSR_QUEUED) {
            return found;
        }
        RenewalCase c = found.get();
        X509Certificate cert = parse(certificateDer);
        long certId = certificateRow(h, c, cert, certificateDer, "ACTIVE");
        RenewalCase recorded = store.setCaseColumn(h, c, CaseStore.CaseColumn.NEW_CERTIFICATE_ID, certId);
        RenewalCase moved = store.move(h, recorded, CaseState.CERT_RECEIVED,
                StaffMember.HEAD_OFFICE_SYNC.login(), null, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", CaseState.CSR_QUEUED.name());
        details.put("to", CaseState.CERT_RECEIVED.name());
        details.put("certificateSerial", cert.getSerialNumber().toString(16));
        details.put("notAfter", cert.getNotAfter().toInstant().toString());
        journal.record(h, new CaseEvent(CaseEvents.transition(CaseState.CERT_RECEIVED), StaffMember.HEAD_OFFICE_SYNC,
                moved.id(), moved.caseNo(), "SUCCESS", details));
        return Optional.of(moved);
    }

    /** The certificate's row (found by fingerprint, or inserted with {@code status}). */
    private static long certificateRow(Handle h, RenewalCase c, X509Certificate cert, byte[] der, String status) {
        return new CaseCertificateStore().findOrInsert(h, c.tokenId(), cert.getSerialNumber().toString(16),
                cert.getIssuerX500Principal().getName(), cert.getSubjectX500Principal().getName(),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), sha256Hex(der), status, der);
    }

    /** Head office refused the request: the case is aborted with its reason (idempotent). */
    public Optional<RenewalCase> requestRejected(Handle h, String publicKeySha256, String reason) {
        return requestRejected(h, store.findByCsrKey(h, publicKeySha256), reason);
    }

    /** The same for a case ca-sync already matched. */
    public Optional<RenewalCase> requestRejected(Handle h, long caseId, String reason) {
        return requestRejected(h, store.find(h, caseId), reason);
    }

    private Optional<RenewalCase> requestRejected(Handle h, Optional<RenewalCase> found, String reason) {
        if (found.isEmpty() || found.get().state() != CaseState.CSR_QUEUED) {
            return found;
        }
        RenewalCase c = found.get();
        store.setProgress(h, c.id(), CaseStore.ProgressColumn.REJECTION_REASON, reason);
        RenewalCase moved = store.move(h, c, CaseState.ABORTED, StaffMember.HEAD_OFFICE_SYNC.login(),
                AbortReason.HEAD_OFFICE_REJECTED, clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", CaseState.CSR_QUEUED.name());
        details.put("to", CaseState.ABORTED.name());
        details.put("reason", AbortReason.HEAD_OFFICE_REJECTED.name());
        details.put("headOfficeReason", reason);
        long seq = journal.record(h, new CaseEvent(CaseEvents.transition(CaseState.ABORTED),
                StaffMember.HEAD_OFFICE_SYNC, moved.id(), moved.caseNo(), "REJECTED", details));
        store.setProgress(h, c.id(), CaseStore.ProgressColumn.CLOSING_AUDIT_SEQ, seq);
        return Optional.of(store.require(h, c.id()));
    }

    static X509Certificate parse(byte[] der) {
        try {
            return bank.ushield.token.KeyEncoding.certificate(der); // SM2 certificates too
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
