package bank.ushield.renewal.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

/** Reads, for the trainee's guide, what decides each training customer's path: documents, cards, token, certificate. */
public final class TrainingGuideStore {

    /** One customer's facts; {@code idValidTo} null is long-term, {@code certificateNotAfter} null is none on record. */
    public record Row(String customerNo, String name, LocalDate idValidTo, int onlineCards, int lostOnlineCards,
                      String tokenStatus, Instant certificateNotAfter, String certificateStatus) {
    }

    private final Jdbi jdbi;

    public TrainingGuideStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every customer with a registered token (the newest one), at most {@code limit}, by customer number. */
    public List<Row> rows(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.customer_no, c.name,
                               (SELECT MAX(d.valid_to) FROM identity_document d WHERE d.customer_id = c.id) AS valid_to,
                               (SELECT COUNT(*) FROM identity_document d
                                 WHERE d.customer_id = c.id AND d.valid_to IS NULL) AS long_term,
                               (SELECT COUNT(*) FROM bank_card b WHERE b.customer_id = c.id
                                   AND b.online_banking = 1 AND b.status = 'ACTIVE') AS online_cards,
                               (SELECT COUNT(*) FROM bank_card b WHERE b.customer_id = c.id
                                   AND b.online_banking = 1 AND b.status = 'LOST') AS lost_cards,
                               t.status AS token_status,
                               (SELECT MAX(x.not_after) FROM certificate x
                                 WHERE x.token_id = t.id AND x.status NOT IN ('SUPERSEDED', 'ABANDONED')) AS not_after,
                               (SELECT MIN(x.status) FROM certificate x
                                 WHERE x.token_id = t.id AND x.status NOT IN ('SUPERSEDED', 'ABANDONED')) AS cert_status
                          FROM customer c
                          JOIN token t ON t.id = (SELECT MAX(t2.id) FROM token t2 WHERE t2.customer_id = c.id)
                         ORDER BY c.customer_no
                         LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    String validTo = rs.getString("valid_to");
                    String notAfter = rs.getString("not_after");
                    return new Row(rs.getString("customer_no"), rs.getString("name"),
                            rs.getInt("long_term") > 0 || validTo == null ? null : LocalDate.parse(validTo),
                            rs.getInt("online_cards"), rs.getInt("lost_cards"), rs.getString("token_status"),
                            notAfter == null ? null : Instant.parse(notAfter), rs.getString("cert_status"));
                }).list());
    }
}
