package bank.ushield.renewal;

/** Where a blank U-shield of the branch is (ADR 0077); stored as token_stock.state. */
public enum StockState {
    /** Received from head office, in the branch store. */
    BRANCH_STORE,
    /** In one teller's box (moved there with a manager's authorisation). */
    TELLER_BOX,
    /** Handed to a customer in a replacement case. */
    ISSUED,
    /** Sent back to head office. */
    RETURNED,
    /** Destroyed at the branch. */
    DESTROYED;

    /** True for the states a token never leaves. */
    public boolean terminal() {
        return this == ISSUED || this == RETURNED || this == DESTROYED;
    }
}
