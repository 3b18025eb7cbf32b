package bank.ushield.casync;

import java.time.Clock;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;

/**
 * A minimal listener for ca-sync's tests: moves the case to CERT_RECEIVED or ABORTED (with history row) and marks a
 * lost token LOST. Test code only: the renewal module owns the real state machine.
 */
public final class CaseStateResponseListener implements ResponseListener {

    private static final String ACTOR = "ca-sync";
    private final Clock clock;

    public CaseStateResponseListener(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void certificateIssued(Handle h, long caseId, X509CertificateHolder certificate) {
        move(h, caseId, "CERT_RECEIVED", null);
    }

    @Override
    public void requestRejected(Handle h, long caseId, String code, String reason) {
        move(h, caseId, "ABORTED", "Head office rejected the request (" + code + "): " + reason);
    }

    @Override
    public void tokenReportedLost(Handle h, String tokenSerial, String reportedAt) {
        h.createUpdate("UPDATE token SET status = 'LOST' WHERE serial = :s AND status <> 'LOST'")
                .bind("s", tokenSerial).execute();
    }

    private void move(Handle h, long caseId, String to, String reason) {
        String now = clock.instant().toString();
        String from = h.createQuery("SELECT state FROM renewal_case WHERE id = :id").bind("id", caseId)
                .mapTo(String.class).one();
        h.createUpdate("""
                UPDATE renewal_case SET state = :to, abort_reason = :reason, updated_at = :now, version = version + 1
                WHERE id = :id""").bind("to", to).bind("reason", reason).bind("now", now).bind("id", caseId).execute();
        h.createUpdate("""
                INSERT INTO case_state_history (case_id, from_state, to_state, actor, reason, at)
                VALUES (:id, :from, :to, :actor, :reason, :now)""")
                .bind("id", caseId).bind("from", from).bind("to", to).bind("actor", ACTOR).bind("reason", reason)
                .bind("now", now).execute();
    }
}
