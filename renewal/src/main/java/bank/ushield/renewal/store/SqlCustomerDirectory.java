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
        // A name prefix, as the customer says it (a range scan: no LIKE wildcards from the teller's text). The upper
        // bound is the prefix followed by U+10FFFF, made here: SQLite's char() does not exist on PostgreSQL.
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM customer WHERE name >= :p AND name < :upTo
                         ORDER BY name, id LIMIT :limit""")
                .bind("p", name).bind("upTo", name + new String(Character.toChars(Character.MAX_CODE_POINT)))
                .bind("limit", limit).mapTo(Long.class).list().stream()
                .map(id -> load(h, id)).flatMap(Optional::stream).toList());
    }

    @Override
    public Optional<CustomerSummary> byId(long customerId) {
        return jdbi.withHandle(h -> load(h, customerId));
    }

    /**
     * The customer with the primary document, the registered token (an ACTIVE one first, else the newest) and its
     * current certificate (ACTIVE first, ABANDONED last, then the latest expiry): one statement (ADR 0094).
     */
    private static final String SUMMARY = """
            SELECT c.id, c.customer_no, c.name, d.doc_type, d.doc_number,
                   t.id AS t_id, t.serial, t.media_voucher_no, t.model, t.status AS t_status,
                   x.id AS x_id, x.serial_hex, x.subject_dn, x.issuer_dn, x.not_before, x.not_after, x.status AS x_status
              FROM customer c
              LEFT JOIN identity_document d ON d.id = (SELECT min(pd.id) FROM identity_document pd
                                                        WHERE pd.customer_id = c.id AND pd.primary_doc = 1)
              LEFT JOIN token t ON t.id = (SELECT tt.id FROM token tt WHERE tt.customer_id = c.id
                                            ORDER BY (tt.status = 'ACTIVE') DESC, tt.id DESC LIMIT 1)
              LEFT JOIN certificate x ON x.id = (SELECT xx.id FROM certificate xx WHERE xx.token_id = t.id
                                                  ORDER BY (xx.status = 'ACTIVE') DESC, (xx.status = 'ABANDONED') ASC,
                                                           xx.not_after DESC
                                                  LIMIT 1)
             WHERE c.id = :id""";

    private static Optional<CustomerSummary> load(Handle h, long id) {
        return h.createQuery(SUMMARY).bind("id", id)
                .map((rs, ctx) -> {
                    long tokenId = rs.getLong("t_id");
                    CustomerSummary.RegisteredToken token = rs.wasNull() ? null
                            : new CustomerSummary.RegisteredToken(tokenId, rs.getString("serial"),
                                    rs.getString("media_voucher_no"), rs.getString("model"), rs.getString("t_status"));
                    long certId = rs.getLong("x_id");
                    CustomerSummary.RegisteredCertificate cert = rs.wasNull() ? null
                            : new CustomerSummary.RegisteredCertificate(certId, rs.getString("serial_hex"),
                                    rs.getString("subject_dn"), rs.getString("issuer_dn"),
                                    Instant.parse(rs.getString("not_before")), Instant.parse(rs.getString("not_after")),
                                    rs.getString("x_status"));
                    return new CustomerSummary(rs.getLong("id"), rs.getString("customer_no"), rs.getString("name"),
                            rs.getString("doc_type"), rs.getString("doc_number"), token, cert);
                })
                .findOne();
    }
}
