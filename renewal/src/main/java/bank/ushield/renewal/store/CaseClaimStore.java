package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.renewal.CaseClaim;

/**
 * The SQL of case claims (renewal_case_claim, ADR 0087). Every change is one conditional statement, so two
 * workstations racing for a case cannot both win: on PostgreSQL the second waits for the first's row and then finds
 * the condition false; on SQLite writers are serialised anyway.
 */
public final class CaseClaimStore {

    /**
     * Takes the claim for {@code workstationId}, or keeps it (noting the teller and the time) when it is already its
     * own; false when another workstation holds it.
     */
    public boolean hold(Handle h, long caseId, String workstationId, String tellerLogin, Instant now) {
        return h.createUpdate("""
                        INSERT INTO renewal_case_claim (case_id, workstation_id, teller_login, claimed_at, touched_at)
                        VALUES (:id, :ws, :login, :now, :now)
                        ON CONFLICT (case_id) DO UPDATE SET teller_login = excluded.teller_login,
                               touched_at = excluded.touched_at
                         WHERE renewal_case_claim.workstation_id = excluded.workstation_id""")
                .bind("id", caseId).bind("ws", workstationId).bind("login", tellerLogin).bind("now", now.toString())
                .execute() == 1;
    }

    /** Moves a claim held by {@code from} to {@code to}; false when it is no longer {@code from}'s. */
    public boolean takeOver(Handle h, long caseId, String from, String to, String tellerLogin, String managerLogin,
                            Instant now) {
        return h.createUpdate("""
                        UPDATE renewal_case_claim SET workstation_id = :to, teller_login = :login, claimed_at = :now,
                               touched_at = :now, taken_from = :from, taken_by = :manager
                         WHERE case_id = :id AND workstation_id = :from""")
                .bind("id", caseId).bind("from", from).bind("to", to).bind("login", tellerLogin)
                .bind("manager", managerLogin).bind("now", now.toString()).execute() == 1;
    }

    /** Releases every claim of the workstation (its customer left the counter); returns how many. */
    public int releaseAll(Handle h, String workstationId) {
        return h.createUpdate("DELETE FROM renewal_case_claim WHERE workstation_id = :ws")
                .bind("ws", workstationId).execute();
    }

    /** Releases the claim on a case, whoever holds it (the case closed). */
    public void release(Handle h, long caseId) {
        h.createUpdate("DELETE FROM renewal_case_claim WHERE case_id = :id").bind("id", caseId).execute();
    }

    /** The claim on a case, seen from {@code workstationId}; empty when no workstation holds it. */
    public Optional<CaseClaim> find(Handle h, long caseId, String workstationId) {
        return h.createQuery("""
                        SELECT case_id, workstation_id, teller_login, claimed_at, touched_at, taken_from, taken_by
                          FROM renewal_case_claim WHERE case_id = :id""")
                .bind("id", caseId)
                .map((rs, ctx) -> new CaseClaim(rs.getLong("case_id"), rs.getString("workstation_id"),
                        rs.getString("teller_login"), Instant.parse(rs.getString("claimed_at")),
                        Instant.parse(rs.getString("touched_at")), rs.getString("taken_from"), rs.getString("taken_by"),
                        workstationId.equals(rs.getString("workstation_id"))))
                .findOne();
    }
}
