package bank.ushield.renewal.cases;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.jdbi.v3.core.Handle;

import bank.ushield.casync.RevocationQueue;
import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.CaseJournal;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.store.RevocationRequestStore;

/**
 * Certificates head office issued for a case that closed without them becoming the customer's (ADR 0050): the row
 * turns ABANDONED (never ACTIVE again, so eligibility and the next case read the customer's real certificate), and
 * a revocation with RFC 5280 reason cessationOfOperation is queued for the next request batch. ca-sync's exporter
 * reads the queue and marks what it sent inside its own transaction; each step is a case audit entry.
 */
public final class AbandonedCertificates implements RevocationQueue {

    /** The revocation reason sent to head office: the certificate is no longer needed for its purpose. */
    public static final String REASON = "cessationOfOperation";

    private final CaseJournal journal;
    private final Clock clock;
    private final RevocationRequestStore store = new RevocationRequestStore();

    public AbandonedCertificates(CaseJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Marks the certificate ABANDONED and queues its revocation, on the caller's transaction. Idempotent: a
     * certificate already queued is left as it is. {@code why} says how it came to be abandoned (for the audit).
     */
    public void abandon(Handle h, RenewalCase c, long certificateId, StaffMember actor, String why) {
        if (store.isQueued(h, certificateId)) {
            return;
        }
        Map<String, Object> cert = store.certificate(h, certificateId);
        store.abandonAndQueue(h, certificateId, c.id(), REASON, actor.login(), clock.instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("certificateSerial", cert.get("serial_hex"));
        details.put("issuer", cert.get("issuer_dn"));
        details.put("notAfter", cert.get("not_after"));
        details.put("previousStatus", cert.get("status"));
        details.put("why", why);
        details.put("revocationReason", REASON);
        details.put("revocation", "queued for the next head-office batch");
        journal.record(h, new CaseEvent(CaseEvents.CERTIFICATE_ABANDONED, actor, c.id(), c.caseNo(), "SUCCESS",
                details));
    }

    /**
     * Confirms sent revocations that a head-office CRL received since (table ca_crl) lists: fills confirmed_at and
     * the CRL's SHA-256, one audit entry each. The certificate stays ABANDONED (it was never the customer's; REVOKED
     * would read to id-verification as "the customer's certificate was revoked"). Returns how many were confirmed.
     */
    public int confirmFromCrls(Handle h) {
        List<Map<String, Object>> waiting = store.sentUnconfirmed(h);
        if (waiting.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> crls = store.crls(h);
        int confirmed = 0;
        for (Map<String, Object> w : waiting) {
            for (Map<String, Object> row : crls) {
                X509CRLHolder crl = parseCrl((byte[]) row.get("der"));
                if (crl == null || !sameName(crl.getIssuer(), (String) w.get("issuer_dn"))
                        || crl.getRevokedCertificate(new BigInteger((String) w.get("serial_hex"), 16)) == null) {
                    continue;
                }
                store.confirm(h, ((Number) w.get("id")).longValue(), clock.instant(), row.get("sha256"));
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("certificateSerial", w.get("serial_hex"));
                details.put("crlSha256", row.get("sha256"));
                journal.record(h, new CaseEvent(CaseEvents.REVOCATION_CONFIRMED, StaffMember.HEAD_OFFICE_SYNC,
                        ((Number) w.get("case_id")).longValue(), (String) w.get("case_no"), "SUCCESS", details));
                confirmed++;
                break;
            }
        }
        return confirmed;
    }

    /** Read by BouncyCastle: the JDK knows no SM3withSM2, which signs the SM2 root's CRL. */
    private static X509CRLHolder parseCrl(byte[] der) {
        try {
            return new X509CRLHolder(der);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean sameName(X500Name crlIssuer, String issuerDn) {
        try {
            return new X500Principal(crlIssuer.getEncoded()).equals(new X500Principal(issuerDn));
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    @Override
    public List<QueuedRevocation> unsent(Handle h) {
        return store.unsent(h);
    }

    @Override
    public void markSent(Handle h, List<QueuedRevocation> sent, long batchId) {
        for (QueuedRevocation q : sent) {
            int rows = store.markSent(h, q.id(), batchId);
            if (rows != 1) {
                throw new IllegalStateException("A queued revocation changed while the batch was written");
            }
            Map<String, Object> c = store.caseOf(h, q.id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("certificateSerial", q.request().serialHex());
            details.put("revocationReason", q.request().reason());
            details.put("requestBatchId", batchId);
            journal.record(h, new CaseEvent(CaseEvents.REVOCATION_SENT, StaffMember.HEAD_OFFICE_SYNC,
                    ((Number) c.get("id")).longValue(), (String) c.get("case_no"), "SUCCESS", details));
        }
    }

    @Override
    public int resend(Handle h, long batchId) {
        return store.unsend(h, batchId);
    }
}
