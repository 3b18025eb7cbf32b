package bank.ushield.renewal.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.renewal.Replacement;
import bank.ushield.renewal.ReplacementReason;

/** The token_replacement rows of replacement cases, and the token registration a completed replacement makes. */
public final class ReplacementStore {

    public void insert(Handle h, long caseId, ReplacementReason reason, Long oldTokenId, String chosenBy, Instant now) {
        h.createUpdate("""
                        INSERT INTO token_replacement (case_id, reason, old_token_id, chosen_by, chosen_at)
                        VALUES (:c, :r, :old, :by, :at)""")
                .bind("c", caseId).bind("r", reason.name()).bind("old", oldTokenId).bind("by", chosenBy)
                .bind("at", now.toString()).execute();
    }

    public Optional<Replacement> find(Handle h, long caseId) {
        return h.createQuery("""
                        SELECT r.case_id, r.reason, ot.serial AS old_serial, s.serial AS new_serial,
                               s.media_voucher_no AS new_voucher, r.initialised_at, r.old_token_outcome,
                               r.fee_amount, r.fee_currency
                          FROM token_replacement r
                          LEFT JOIN token ot ON ot.id = r.old_token_id
                          LEFT JOIN token_stock s ON s.id = r.stock_id
                         WHERE r.case_id = :c""")
                .bind("c", caseId)
                .map((rs, ctx) -> new Replacement(rs.getLong("case_id"), ReplacementReason.valueOf(rs.getString("reason")),
                        rs.getString("old_serial"), rs.getString("new_serial"), rs.getString("new_voucher"),
                        rs.getString("initialised_at") == null ? null : Instant.parse(rs.getString("initialised_at")),
                        rs.getString("old_token_outcome") == null ? null
                                : Replacement.OldTokenOutcome.valueOf(rs.getString("old_token_outcome")),
                        rs.getString("fee_amount") == null ? null : new BigDecimal(rs.getString("fee_amount")),
                        rs.getString("fee_currency")))
                .findOne();
    }

    /** The stock item the case took, if any. */
    public Optional<Long> stockId(Handle h, long caseId) {
        return h.createQuery("SELECT stock_id FROM token_replacement WHERE case_id = :c AND stock_id IS NOT NULL")
                .bind("c", caseId).mapTo(Long.class).findOne();
    }

    public void setStock(Handle h, long caseId, long stockId, String manufacturer) {
        h.createUpdate("UPDATE token_replacement SET stock_id = :s, new_token_manufacturer = :m WHERE case_id = :c")
                .bind("s", stockId).bind("m", manufacturer).bind("c", caseId).execute();
    }

    /** Frees the stock item of a closed case (the row keeps the reason). */
    public void clearStock(Handle h, long caseId) {
        h.createUpdate("UPDATE token_replacement SET stock_id = NULL, initialised_at = NULL WHERE case_id = :c")
                .bind("c", caseId).execute();
    }

    public void setInitialised(Handle h, long caseId, Instant at) {
        h.createUpdate("UPDATE token_replacement SET initialised_at = :at WHERE case_id = :c")
                .bind("at", at.toString()).bind("c", caseId).execute();
    }

    public void setOldTokenOutcome(Handle h, long caseId, Replacement.OldTokenOutcome outcome, Instant at) {
        h.createUpdate("UPDATE token_replacement SET old_token_outcome = :o, old_token_retired_at = :at WHERE case_id = :c")
                .bind("o", outcome.name()).bind("at", at.toString()).bind("c", caseId).execute();
    }

    /**
     * Registers the new token to the customer (ACTIVE, with the stock's serial, voucher and model), moves the case's new
     * certificate onto it, sets the old token's status, points the case at the new token and records the fee; returns
     * the new token's id.
     */
    public long registerNewToken(Handle h, long caseId, long customerId, Long newCertificateId, String oldTokenStatus,
                                 BigDecimal fee, String currency, Instant now) {
        long tokenId = h.createUpdate("""
                        INSERT INTO token (serial, media_voucher_no, model, manufacturer, customer_id, status,
                                           registered_at)
                        SELECT s.serial, s.media_voucher_no, s.model, COALESCE(r.new_token_manufacturer, ''), :customer,
                               'ACTIVE', :now
                          FROM token_replacement r JOIN token_stock s ON s.id = r.stock_id
                         WHERE r.case_id = :c""")
                .bind("customer", customerId).bind("now", now.toString()).bind("c", caseId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        if (newCertificateId != null) {
            h.createUpdate("UPDATE certificate SET token_id = :t WHERE id = :id")
                    .bind("t", tokenId).bind("id", newCertificateId).execute();
        }
        h.createUpdate("""
                        UPDATE token SET status = :st
                         WHERE id = (SELECT old_token_id FROM token_replacement WHERE case_id = :c)""")
                .bind("st", oldTokenStatus).bind("c", caseId).execute();
        h.createUpdate("""
                        UPDATE token_replacement SET new_token_id = :t, fee_amount = :fee, fee_currency = :cur
                         WHERE case_id = :c""")
                .bind("t", tokenId).bind("fee", fee == null ? null : fee.toPlainString())
                .bind("cur", fee == null ? null : currency).bind("c", caseId).execute();
        return tokenId;
    }
}
