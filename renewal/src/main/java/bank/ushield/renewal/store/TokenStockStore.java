package bank.ushield.renewal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.StockItem;
import bank.ushield.renewal.StockMovement;
import bank.ushield.renewal.StockState;

/**
 * The branch's blank tokens (token_stock) and their append-only movement history, on the caller's handle. A state
 * change writes its movement row first (a trigger refuses the update otherwise) and checks the row version.
 */
public final class TokenStockStore {

    private static final String ITEM = """
            SELECT s.*, rc.case_no FROM token_stock s LEFT JOIN renewal_case rc ON rc.id = s.case_id""";

    /** Inserts a received token into the branch store; returns its id. */
    public long insert(Handle h, String serial, String voucher, String model, Instant now) {
        return h.createUpdate("""
                        INSERT INTO token_stock (serial, media_voucher_no, model, state, received_at, updated_at)
                        VALUES (:serial, :voucher, :model, 'BRANCH_STORE', :now, :now)""")
                .bind("serial", serial).bind("voucher", voucher).bind("model", model).bind("now", now.toString())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<StockItem> bySerial(Handle h, String serial) {
        return h.createQuery(ITEM + " WHERE s.serial = :s").bind("s", serial).map(TokenStockStore::item).findOne();
    }

    public Optional<StockItem> byVoucher(Handle h, String voucher) {
        return h.createQuery(ITEM + " WHERE s.media_voucher_no = :v").bind("v", voucher).map(TokenStockStore::item)
                .findOne();
    }

    public Optional<StockItem> byId(Handle h, long id) {
        return h.createQuery(ITEM + " WHERE s.id = :id").bind("id", id).map(TokenStockStore::item).findOne();
    }

    /** The id of the case holding the item (open or closed), or empty. */
    public Optional<Long> caseOf(Handle h, long stockId) {
        return h.createQuery("SELECT case_id FROM token_stock WHERE id = :id AND case_id IS NOT NULL")
                .bind("id", stockId).mapTo(Long.class).findOne();
    }

    /** Items in a state (all when null), by serial. */
    public List<StockItem> list(Handle h, StockState state) {
        if (state == null) {
            return h.createQuery(ITEM + " ORDER BY s.serial").map(TokenStockStore::item).list();
        }
        return h.createQuery(ITEM + " WHERE s.state = :st ORDER BY s.serial").bind("st", state.name())
                .map(TokenStockStore::item).list();
    }

    /** True when a customer's token already has this serial or voucher number. */
    public boolean registeredToCustomer(Handle h, String serial, String voucher) {
        return h.createQuery("SELECT count(*) FROM token WHERE serial = :s OR media_voucher_no = :v")
                .bind("s", serial).bind("v", voucher).mapTo(Integer.class).one() > 0;
    }

    /**
     * Moves the item: the movement row, then the state (version-checked). {@code tellerLogin} is the box the item is
     * in afterwards (TELLER_BOX) or came from; {@code auditSeq} the move's audit entry.
     */
    public void move(Handle h, StockItem item, StockState to, String tellerLogin, Long caseId, String actor,
                     String authorisedBy, String note, long auditSeq, Instant now) {
        recordMovement(h, item.id(), item.state(), to, tellerLogin, caseId, actor, authorisedBy, note, auditSeq, now);
        int n = h.createUpdate("""
                        UPDATE token_stock SET state = :to, teller_login = :box, case_id = COALESCE(:case, case_id),
                               updated_at = :now, version = version + 1
                         WHERE id = :id AND version = :version""")
                .bind("to", to.name()).bind("box", to == StockState.TELLER_BOX ? tellerLogin : null)
                .bind("case", caseId).bind("now", now.toString()).bind("id", item.id())
                .bind("version", item.version()).execute();
        if (n != 1) {
            throw new RenewalException(ProblemCode.STOCK_WRONG_STATE, item.serial());
        }
    }

    /** The receipt from head office: the first movement of an item. */
    public void recordReceipt(Handle h, long stockId, String actor, String note, long auditSeq, Instant now) {
        recordMovement(h, stockId, null, StockState.BRANCH_STORE, null, null, actor, null, note, auditSeq, now);
    }

    private static void recordMovement(Handle h, long stockId, StockState from, StockState to, String tellerLogin,
                                       Long caseId, String actor, String authorisedBy, String note, long auditSeq,
                                       Instant now) {
        h.createUpdate("""
                        INSERT INTO token_stock_movement (stock_id, from_state, to_state, teller_login, case_id, actor,
                                                          authorised_by, note, audit_seq, at)
                        VALUES (:stock, :from, :to, :box, :case, :actor, :auth, :note, :seq, :at)""")
                .bind("stock", stockId).bind("from", from == null ? null : from.name()).bind("to", to.name())
                .bind("box", tellerLogin).bind("case", caseId).bind("actor", actor).bind("auth", authorisedBy)
                .bind("note", note).bind("seq", auditSeq).bind("at", now.toString()).execute();
    }

    /** Holds the item for a replacement case (state unchanged: it stays in the teller's box until issued). */
    public void reserve(Handle h, long stockId, long caseId) {
        h.createUpdate("UPDATE token_stock SET case_id = :c, version = version + 1 WHERE id = :id")
                .bind("c", caseId).bind("id", stockId).execute();
    }

    /** Lets go of an item a closed case held without issuing it. */
    public void release(Handle h, long stockId) {
        h.createUpdate("UPDATE token_stock SET case_id = NULL, version = version + 1 WHERE id = :id AND state <> 'ISSUED'")
                .bind("id", stockId).execute();
    }

    /** The moves of one item, oldest first. */
    public List<StockMovement> history(Handle h, String serial) {
        return h.createQuery("""
                        SELECT s.serial, m.from_state, m.to_state, m.teller_login, rc.case_no, m.actor, m.authorised_by,
                               m.note, m.at
                          FROM token_stock_movement m JOIN token_stock s ON s.id = m.stock_id
                          LEFT JOIN renewal_case rc ON rc.id = m.case_id
                         WHERE s.serial = :s ORDER BY m.id""")
                .bind("s", serial)
                .map((rs, ctx) -> new StockMovement(rs.getString(1), state(rs.getString(2)), state(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        Instant.parse(rs.getString(9))))
                .list();
    }

    /** Every item's recorded state beside the state its movement history ends in (null: none). */
    public List<Reconciled> reconcile(Handle h) {
        return h.createQuery("""
                        SELECT s.serial, s.state, s.teller_login,
                               (SELECT m.to_state FROM token_stock_movement m WHERE m.stock_id = s.id
                                 ORDER BY m.id DESC LIMIT 1) AS last_state,
                               (SELECT m.from_state IS NULL FROM token_stock_movement m WHERE m.stock_id = s.id
                                 ORDER BY m.id LIMIT 1) AS starts_with_receipt
                          FROM token_stock s ORDER BY s.serial""")
                .map((rs, ctx) -> new Reconciled(rs.getString(1), state(rs.getString(2)), rs.getString(3),
                        state(rs.getString(4)), rs.getInt(5) == 1))
                .list();
    }

    /** One row of {@link #reconcile}. */
    public record Reconciled(String serial, StockState recorded, String tellerLogin, StockState byHistory,
                             boolean startsWithReceipt) {
    }

    private static StockState state(String s) {
        return s == null ? null : StockState.valueOf(s);
    }

    private static StockItem item(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StockItem(rs.getLong("id"), rs.getString("serial"), rs.getString("media_voucher_no"),
                rs.getString("model"), StockState.valueOf(rs.getString("state")), rs.getString("teller_login"),
                rs.getString("case_no"), Instant.parse(rs.getString("received_at")),
                Instant.parse(rs.getString("updated_at")), rs.getLong("version"));
    }
}
