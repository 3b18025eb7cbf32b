package bank.ushield.renewal.store;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import bank.ushield.renewal.CustomerDirectory;
import bank.ushield.renewal.CustomerSummary;

/** Finds customers, their registered token and its current certificate in the workstation database. */
public final class SqlCustomerDirectory implements CustomerDirectory {

    private final Jdbi jdbi;

    public SqlCustomerDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<CustomerSummary> find(String customerNoOrDocumentNumber) {
        String key = customerNoOrDocumentNumber == null ? "" : customerNoOrDocumentNumber.strip().toUpperCase();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM customer WHERE customer_no = :k
                        UNION SELECT customer_id FROM identity_document WHERE upper(doc_number) = :k
                        LIMIT 1""")
                .bind("k", key).mapTo(Long.class).findOne().flatMap(id -> load(h, id)));
    }

    @Override
    public java.util.List<CustomerSummary> search(String text, int limit) {
        Optional<CustomerSummary> exact = find(text);
        String name = text == null ? "" : text.strip();
        if (exact.isPresent() || name.isEmpty()) {
            return exact.map(java.util.List::of).orElse(java.util.List.of());
        }
        // A name prefix, as the customer says it (a range scan: no LIKE wildcards from the teller's text).
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM customer WHERE name >= :p AND name < :p || char(1114111)
                         ORDER BY name, id LIMIT :limit""")
                .bind("p", name).bind("limit", limit).mapTo(Long.class).list().stream()
                .map(id -> load(h, id)).flatMap(Optional::stream).toList());
    }

    @Override
    public Optional<CustomerSummary> byId(long customerId) {
        return jdbi.withHandle(h -> load(h, customerId));
    }

    private static Optional<CustomerSummary> load(Handle h, long id) {
        return h.createQuery("""
                        SELECT c.id, c.customer_no, c.name, d.doc_type, d.doc_number
                          FROM customer c LEFT JOIN identity_document d
                            ON d.customer_id = c.id AND d.primary_doc = 1
                         WHERE c.id = :id ORDER BY d.id LIMIT 1""")
                .bind("id", id)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)})
                .findOne()
                .map(row -> {
                    CustomerSummary.RegisteredToken token = h.createQuery("""
                                    SELECT id, serial, media_voucher_no, model, status FROM token
                                     WHERE customer_id = :id ORDER BY (status = 'ACTIVE') DESC, id DESC LIMIT 1""")
                            .bind("id", id)
                            .map((rs, ctx) -> new CustomerSummary.RegisteredToken(rs.getLong(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), rs.getString(5)))
                            .findOne().orElse(null);
                    CustomerSummary.RegisteredCertificate cert = token == null ? null : h.createQuery("""
                                    SELECT id, serial_hex, subject_dn, issuer_dn, not_before, not_after, status
                                      FROM certificate WHERE token_id = :t
                                     ORDER BY (status = 'ACTIVE') DESC, (status = 'ABANDONED') ASC, not_after DESC
                                     LIMIT 1""")
                            .bind("t", token.id())
                            .map((rs, ctx) -> new CustomerSummary.RegisteredCertificate(rs.getLong(1),
                                    rs.getString(2), rs.getString(3), rs.getString(4),
                                    Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6)), rs.getString(7)))
                            .findOne().orElse(null);
                    return new CustomerSummary((Long) row[0], (String) row[1], (String) row[2], (String) row[3],
                            (String) row[4], token, cert);
                });
    }
}
