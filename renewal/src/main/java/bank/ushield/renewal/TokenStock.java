package bank.ushield.renewal;

import java.util.List;

/**
 * The branch's blank U-shields as controlled items (ADR 0077): receipt from head office, moves between the branch
 * store and a teller's box (each with a manager's authorisation), return to head office, destruction, and the count
 * that reconciles at the daily sign-off. Every move is one append-only movement row and one audit entry, written in
 * one transaction; a refused move changes nothing and is audited. Synchronous and UI-free: call it off the EDT.
 */
public interface TokenStock {

    /**
     * Records a blank token received from head office into the branch store (a manager's step).
     *
     * @param deliveryNote head office's delivery reference (may be empty)
     * @throws RenewalException STOCK_BAD_INPUT, STOCK_ALREADY_RECEIVED, AUTH_NOT_A_MANAGER
     */
    StockItem receive(String serial, String mediaVoucherNo, String model, String deliveryNote);

    /**
     * Moves a token from the branch store into a teller's box, authorised by a manager's own login and password
     * (wiped here; not the teller who receives it).
     *
     * @throws RenewalException STOCK_NOT_IN_STOCK, STOCK_WRONG_STATE, AUTH_BAD_CREDENTIALS, AUTH_NOT_A_MANAGER,
     *                          AUTH_OWN_CASE (the manager is the receiving teller)
     */
    StockItem moveToTellerBox(String serial, String tellerLogin, String managerLogin, char[] managerPassword);

    /** Moves a token from a teller's box back to the branch store, authorised by a manager as above. */
    StockItem moveToBranchStore(String serial, String managerLogin, char[] managerPassword);

    /** Sends a token from the branch store back to head office (a manager's step, with a reason). */
    StockItem returnToHeadOffice(String serial, String reason);

    /** Destroys a token in the branch store or a box (a manager's step, with a reason). */
    StockItem destroy(String serial, String reason);

    /** The items in a state (all when null), by serial. */
    List<StockItem> items(StockState state);

    /** The history of one item, oldest first. */
    List<StockMovement> history(String serial);

    /** The count per state and per box, reconciled against the movement history. */
    StockCount count();
}
