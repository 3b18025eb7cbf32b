package bank.ushield.renewal;

import java.util.List;
import java.util.Optional;

/** Finds the customer a teller serves, by customer number or identity document number. */
public interface CustomerDirectory {

    Optional<CustomerSummary> find(String customerNoOrDocumentNumber);

    Optional<CustomerSummary> byId(long customerId);

    /**
     * The customers a teller's search text finds: the one with this customer or document number, else those whose
     * name starts with the text (at most {@code limit}, by name). Screens show them masked to pick from.
     */
    default List<CustomerSummary> search(String text, int limit) {
        return find(text).map(List::of).orElse(List.of());
    }
}
