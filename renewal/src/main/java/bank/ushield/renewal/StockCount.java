package bank.ushield.renewal;

import java.util.List;
import java.util.Map;

/**
 * The blank-token count of the branch per state (and per teller's box), and what does not reconcile: each stock
 * row's state must be the one its movement history ends in, and every history must start with a receipt.
 *
 * @param discrepancies one line per item that does not reconcile (serial and what differs), empty when it reconciles
 */
public record StockCount(Map<StockState, Integer> byState, Map<String, Integer> byTellerBox,
                         List<Discrepancy> discrepancies) {

    public StockCount {
        byState = Map.copyOf(byState);
        byTellerBox = Map.copyOf(byTellerBox);
        discrepancies = List.copyOf(discrepancies);
    }

    /** True when every row agrees with its history. */
    public boolean reconciles() {
        return discrepancies.isEmpty();
    }

    /** How many tokens are in this state. */
    public int count(StockState state) {
        return byState.getOrDefault(state, 0);
    }

    /**
     * An item whose row and history disagree.
     *
     * @param recorded  the state the row says (null: the history names an item with no row)
     * @param byHistory the state the movements end in (null: no movement at all)
     */
    public record Discrepancy(String serial, StockState recorded, StockState byHistory) {
    }

    /** The exception as the manager reads it at the sign-off (null when it reconciles). */
    public Problem problem() {
        if (reconciles()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Discrepancy d : discrepancies) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(d.serial());
        }
        return Problem.of(ProblemCode.STOCK_COUNT_MISMATCH, discrepancies.size() + " (" + sb + ")");
    }
}
