package bank.ushield.renewal.stock;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.renewal.CaseEvent;
import bank.ushield.renewal.CaseEvents;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.RenewalParts;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.StockCount;
import bank.ushield.renewal.StockItem;
import bank.ushield.renewal.StockMovement;
import bank.ushield.renewal.StockState;
import bank.ushield.renewal.TokenStock;
import bank.ushield.renewal.store.CaseTransactions;
import bank.ushield.renewal.store.TokenStockStore;

/** The {@link TokenStock} of one member of staff on the workstation database (ADR 0077). */
public final class BranchTokenStock implements TokenStock {

    private static final Logger LOG = LoggerFactory.getLogger(BranchTokenStock.class);
    private static final Pattern VOUCHER = Pattern.compile("\\d{10}");
    /** Longest serial, model or reason kept. */
    static final int TEXT_MAX = 64;
    static final int REASON_MAX = 200;

    private final RenewalParts parts;
    private final StaffMember actor;
    private final TokenStockStore store = new TokenStockStore();

    public BranchTokenStock(RenewalParts parts, StaffMember actor) {
        this.parts = parts;
        this.actor = actor;
    }

    @Override
    public StockItem receive(String serial, String mediaVoucherNo, String model, String deliveryNote) {
        String s = strip(serial);
        String v = strip(mediaVoucherNo);
        String m = strip(model);
        Map<String, Object> asked = details("receive", s, v);
        requireManager(asked);
        if (s.isEmpty() || s.length() > TEXT_MAX || m.isEmpty() || m.length() > TEXT_MAX || !VOUCHER.matcher(v).matches()) {
            throw refuse(asked, ProblemCode.STOCK_BAD_INPUT);
        }
        return tx(h -> {
            if (store.bySerial(h, s).isPresent() || store.byVoucher(h, v).isPresent()
                    || store.registeredToCustomer(h, s, v)) {
                throw refuseIn(h, asked, ProblemCode.STOCK_ALREADY_RECEIVED, s);
            }
            long id = store.insert(h, s, v, m, parts.clock().instant());
            String note = clip(deliveryNote, REASON_MAX);
            Map<String, Object> d = details("receive", s, v);
            d.put("model", m);
            d.put("to", StockState.BRANCH_STORE.name());
            if (!note.isEmpty()) {
                d.put("deliveryNote", note);
            }
            long seq = journal(h, CaseEvents.STOCK_MOVED, "SUCCESS", d);
            store.recordReceipt(h, id, actor.login(), note.isEmpty() ? null : note, seq, parts.clock().instant());
            LOG.info("Blank token {} received into the branch store by {}", s, actor.login());
            return store.byId(h, id).orElseThrow();
        });
    }

    @Override
    public StockItem moveToTellerBox(String serial, String tellerLogin, String managerLogin, char[] managerPassword) {
        String s = strip(serial);
        String box = strip(tellerLogin);
        Map<String, Object> asked = details("toTellerBox", s, null);
        asked.put("teller", box);
        StaffMember manager = authorise(asked, managerLogin, managerPassword, box);
        return tx(h -> {
            StockItem item = require(h, asked, s);
            if (item.state() != StockState.BRANCH_STORE || box.isEmpty()) {
                throw refuseIn(h, asked, ProblemCode.STOCK_WRONG_STATE, s);
            }
            return moveIn(h, item, StockState.TELLER_BOX, box, manager, null, asked);
        });
    }

    @Override
    public StockItem moveToBranchStore(String serial, String managerLogin, char[] managerPassword) {
        String s = strip(serial);
        Map<String, Object> asked = details("toBranchStore", s, null);
        String box = tx(h -> store.bySerial(h, s).map(StockItem::tellerLogin).orElse(""));
        StaffMember manager = authorise(asked, managerLogin, managerPassword, box);
        return tx(h -> {
            StockItem item = require(h, asked, s);
            if (item.state() != StockState.TELLER_BOX) {
                throw refuseIn(h, asked, ProblemCode.STOCK_WRONG_STATE, s);
            }
            requireFree(h, item, asked);
            return moveIn(h, item, StockState.BRANCH_STORE, item.tellerLogin(), manager, null, asked);
        });
    }

    @Override
    public StockItem returnToHeadOffice(String serial, String reason) {
        return closeOut(serial, reason, StockState.RETURNED, "return");
    }

    @Override
    public StockItem destroy(String serial, String reason) {
        return closeOut(serial, reason, StockState.DESTROYED, "destroy");
    }

    private StockItem closeOut(String serial, String reason, StockState to, String move) {
        String s = strip(serial);
        Map<String, Object> asked = details(move, s, null);
        requireManager(asked);
        String why = clip(reason, REASON_MAX);
        if (why.isEmpty()) {
            throw refuse(asked, ProblemCode.STOCK_NEEDS_REASON);
        }
        return tx(h -> {
            StockItem item = require(h, asked, s);
            boolean allowed = to == StockState.RETURNED ? item.state() == StockState.BRANCH_STORE
                    : item.state() == StockState.BRANCH_STORE || item.state() == StockState.TELLER_BOX;
            if (!allowed) {
                throw refuseIn(h, asked, item.state() == StockState.ISSUED ? ProblemCode.STOCK_ALREADY_ISSUED
                        : ProblemCode.STOCK_WRONG_STATE, s, String.valueOf(item.caseNo()));
            }
            requireFree(h, item, asked);
            asked.put("reason", why);
            return moveIn(h, item, to, item.tellerLogin(), null, why, asked);
        });
    }

    private StockItem moveIn(Handle h, StockItem item, StockState to, String box, StaffMember manager, String note,
                             Map<String, Object> asked) {
        Map<String, Object> d = new LinkedHashMap<>(asked);
        // Every movement names the blank's voucher as well as its serial (only the receipt had it).
        if (item.mediaVoucherNo() != null && !item.mediaVoucherNo().isBlank()) {
            d.putIfAbsent("voucher", item.mediaVoucherNo());
        }
        d.put("from", item.state().name());
        d.put("to", to.name());
        if (box != null && !box.isEmpty()) {
            d.put("teller", box);
        }
        if (manager != null) {
            d.put("authorisedBy", manager.login());
        }
        long seq = journal(h, CaseEvents.STOCK_MOVED, "SUCCESS", d);
        store.move(h, item, to, box, null, actor.login(), manager == null ? null : manager.login(), note, seq,
                parts.clock().instant());
        LOG.info("Blank token {} moved {} -> {} by {}", item.serial(), item.state(), to, actor.login());
        return store.byId(h, item.id()).orElseThrow();
    }

    @Override
    public List<StockItem> items(StockState state) {
        return tx(h -> store.list(h, state));
    }

    @Override
    public List<StockMovement> history(String serial) {
        return tx(h -> store.history(h, strip(serial)));
    }

    @Override
    public StockCount count() {
        return tx(h -> count(store.reconcile(h)));
    }

    /** The branch's count, reconciled, read on its own (the daily sign-off's view; no member of staff needed). */
    public static StockCount countOf(org.jdbi.v3.core.Jdbi jdbi) {
        return CaseTransactions.inTransaction(jdbi, h -> count(new TokenStockStore().reconcile(h)));
    }

    /** Counts per state and box, and every row whose state is not where its history ends (or has no receipt). */
    static StockCount count(List<TokenStockStore.Reconciled> rows) {
        Map<StockState, Integer> byState = new EnumMap<>(StockState.class);
        for (StockState st : StockState.values()) {
            byState.put(st, 0);
        }
        Map<String, Integer> byBox = new TreeMap<>();
        List<StockCount.Discrepancy> off = new java.util.ArrayList<>();
        for (TokenStockStore.Reconciled r : rows) {
            byState.merge(r.recorded(), 1, Integer::sum);
            if (r.recorded() == StockState.TELLER_BOX && r.tellerLogin() != null) {
                byBox.merge(r.tellerLogin(), 1, Integer::sum);
            }
            if (r.byHistory() != r.recorded() || !r.startsWithReceipt()) {
                off.add(new StockCount.Discrepancy(r.serial(), r.recorded(), r.byHistory()));
            }
        }
        return new StockCount(byState, byBox, off);
    }

    private StockItem require(Handle h, Map<String, Object> asked, String serial) {
        return store.bySerial(h, serial).orElseThrow(() -> refuseIn(h, asked, ProblemCode.STOCK_NOT_IN_STOCK, serial));
    }

    private void requireFree(Handle h, StockItem item, Map<String, Object> asked) {
        if (item.caseNo() != null && item.state() == StockState.TELLER_BOX) {
            throw refuseIn(h, asked, ProblemCode.STOCK_RESERVED, item.serial(), item.caseNo());
        }
    }

    private void requireManager(Map<String, Object> asked) {
        if (actor.role() != StaffMember.Role.MANAGER) {
            throw refuse(asked, ProblemCode.AUTH_NOT_A_MANAGER, actor.login());
        }
    }

    /** A manager's own credentials (wiped): a manager, and not the teller whose box the token enters or leaves. */
    private StaffMember authorise(Map<String, Object> asked, String managerLogin, char[] managerPassword, String box) {
        StaffMember manager;
        try {
            manager = parts.staff().authenticate(managerLogin, managerPassword);
        } catch (RenewalException e) {
            asked.put("attemptedBy", String.valueOf(managerLogin));
            throw refuse(asked, e.code());
        } finally {
            java.util.Arrays.fill(managerPassword, '\0');
        }
        if (manager.role() != StaffMember.Role.MANAGER) {
            asked.put("attemptedBy", manager.login());
            throw refuse(asked, ProblemCode.AUTH_NOT_A_MANAGER, manager.login());
        }
        if (manager.login().equals(box)) {
            asked.put("attemptedBy", manager.login());
            throw refuse(asked, ProblemCode.AUTH_OWN_CASE, manager.login());
        }
        return manager;
    }

    private RenewalException refuse(Map<String, Object> asked, ProblemCode code, Object... args) {
        Map<String, Object> d = new LinkedHashMap<>(asked);
        d.put("problem", code.name());
        try {
            tx(h -> journal(h, CaseEvents.STOCK_MOVE_REFUSED, "FAILURE", d));
        } catch (RuntimeException e) {
            LOG.warn("Could not audit the refused stock move {}", asked.get("move"), e);
        }
        LOG.info("Stock move {} of {} refused: {}", asked.get("move"), asked.get("serial"), code);
        return new RenewalException(code, args.length == 0 ? new Object[] {asked.get("serial")} : args);
    }

    /** A refusal found inside a transaction: thrown out of it (rolling it back), then audited on its own. */
    private static final class Refusal extends RuntimeException {
        final transient Map<String, Object> asked;
        final ProblemCode code;
        final transient Object[] args;

        Refusal(Map<String, Object> asked, ProblemCode code, Object[] args) {
            super(code.name(), null, false, false);
            this.asked = asked;
            this.code = code;
            this.args = args;
        }
    }

    private static Refusal refuseIn(Handle ignored, Map<String, Object> asked, ProblemCode code, Object... args) {
        return new Refusal(asked, code, args);
    }

    private long journal(Handle h, String type, String outcome, Map<String, Object> details) {
        return parts.journal().record(h, new CaseEvent(type, actor, 0, null, outcome, details));
    }

    private static Map<String, Object> details(String move, String serial, String voucher) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("move", move);
        d.put("serial", serial);
        if (voucher != null) {
            d.put("voucher", voucher);
        }
        return d;
    }

    private <T> T tx(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        try {
            return CaseTransactions.inTransaction(parts.jdbi(), work);
        } catch (Refusal r) {
            throw refuse(r.asked, r.code, r.args);
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String clip(String s, int max) {
        String t = strip(s);
        return t.length() > max ? t.substring(0, max) : t;
    }
}
