package bank.ushield.renewal;

import java.util.Optional;

/** Finds the customer a teller serves, by customer number or identity document number. */
public interface CustomerDirectory {

    Optional<CustomerSummary> find(String customerNoOrDocumentNumber);

    Optional<CustomerSummary> byId(long customerId);
}
