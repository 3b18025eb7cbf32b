package bank.ushield.db;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the training data generator made (or found again): the site, the staff logins and the customers. */
public record TrainingData(String branchId, String workstationId, List<String> staffLogins, long seed,
                           List<TrainingCustomer> customers) {

    /** Customers whose certificate expired exactly this many days ago and who have no edge case. */
    public Stream<TrainingCustomer> plainExpiredBy(int days) {
        return customers.stream().filter(c -> c.edges().isEmpty() && c.daysSinceExpiry() == days);
    }

    /** The customer made for an edge case. */
    public Optional<TrainingCustomer> withEdge(TrainingEdge edge) {
        return customers.stream().filter(c -> c.edges().contains(edge)).findFirst();
    }
}
