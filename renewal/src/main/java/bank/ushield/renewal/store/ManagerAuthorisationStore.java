package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.db.CaseState;

/** The SQL of manager_authorisation: an exception holding a case until a manager authorises it (dual control). */
public final class ManagerAuthorisationStore {

    /** The one pending authorisation of a case: its row id, the exception and the state it releases the case to. */
    public record Pending(long id, String exceptionCode, CaseState heldState) {
    }

    /** Records a PENDING authorisation for the case, to move it to {@code held} once granted. */
    public void requestPending(Handle h, long caseId, String exceptionCode, CaseState held, String evidence,
                               String requestedBy, Instant at) {
        h.createUpdate("""
                        INSERT INTO manager_authorisation (case_id, exception_code, held_state, evidence,
                            requested_by, requested_at, status)
                        VALUES (:case, :code, :held, :evidence, :by, :at, 'PENDING')""")
                .bind("case", caseId).bind("code", exceptionCode).bind("held", held.name())
                .bind("evidence", evidence).bind("by", requestedBy).bind("at", at).execute();
    }

    /** The case's PENDING authorisation, if any. */
    public Optional<Pending> pending(Handle h, long caseId) {
        return h.createQuery("""
                        SELECT id, exception_code, held_state FROM manager_authorisation
                         WHERE case_id = :case AND status = 'PENDING'""")
                .bind("case", caseId)
                .map((rs, ctx) -> new Pending(rs.getLong("id"), rs.getString("exception_code"),
                        CaseState.valueOf(rs.getString("held_state"))))
                .findOne();
    }

    /** Marks a pending authorisation GRANTED by the manager. */
    public void grant(Handle h, long authorisationId, String managerLogin, Instant at) {
        h.createUpdate("""
                        UPDATE manager_authorisation SET status = 'GRANTED', manager_login = :m, decided_at = :at
                         WHERE id = :id""")
                .bind("m", managerLogin).bind("at", at).bind("id", authorisationId).execute();
    }

    /** Withdraws the case's pending authorisation (the case is closing). */
    public void withdrawPending(Handle h, long caseId, Instant at) {
        h.createUpdate("UPDATE manager_authorisation SET status = 'WITHDRAWN', decided_at = :at "
                        + "WHERE case_id = :case AND status = 'PENDING'")
                .bind("at", at).bind("case", caseId).execute();
    }
}
