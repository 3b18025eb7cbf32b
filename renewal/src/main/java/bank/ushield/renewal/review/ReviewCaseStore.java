package bank.ushield.renewal.review;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

import bank.ushield.db.Masking;

/** The case number printed on the receipt and the masked customer name for the cases a review page shows. */
final class ReviewCaseStore {

    /** A case as the review shows it: its receipt number and its customer's masked name (null when unknown). */
    record CaseLabel(String caseNo, String maskedCustomer) {
    }

    private final Jdbi jdbi;

    ReviewCaseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Map<Long, CaseLabel> labels(Collection<Long> caseIds) {
        Map<Long, CaseLabel> found = new HashMap<>();
        if (caseIds.isEmpty()) {
            return found;
        }
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT r.id, r.case_no, c.name FROM renewal_case r
                        LEFT JOIN customer c ON c.id = r.customer_id WHERE r.id IN (<ids>)""")
                .bindList("ids", caseIds.stream().distinct().toList())
                .map((rs, ctx) -> {
                    String name = rs.getString("name");
                    return Map.entry(rs.getLong("id"), new CaseLabel(rs.getString("case_no"),
                            name == null ? null : Masking.name(name)));
                })
                .forEach(e -> found.put(e.getKey(), e.getValue())));
        return found;
    }
}
