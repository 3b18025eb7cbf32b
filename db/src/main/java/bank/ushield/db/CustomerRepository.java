package bank.ushield.db;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.TemplateEngine;

/** Customers and their identity documents. */
public final class CustomerRepository {
    private static final RowMapper<Customer> CUSTOMER = ShapeKeptRowMapper.of(Customer.class);
    private static final RowMapper<IdentityDocument> DOCUMENT = ShapeKeptRowMapper.of(IdentityDocument.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public CustomerRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Adds a customer; {@code customerNo} must be new. */
    public Customer insert(String customerNo, String name, LocalDate birthDate, Gender gender, String phone) {
        long id = Sql.checked("Customer " + customerNo, () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO customer (customer_no, name, birth_date, gender, phone, created_at) "
                                + "VALUES (:no, :name, :birth, :gender, :phone, :now)")
                .bind("no", customerNo).bind("name", name).bind("birth", birthDate).bind("gender", gender)
                .bind("phone", phone).bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    /**
     * The tables of a customer's file, their record's columns, and the row prefix each is mapped with: one UNION ALL
     * row per customer, document, card, token and certificate, each kind filling its own columns (ADR 0101).
     */
    private enum FilePart {
        CUSTOMER("customer", "id = :c", "id BIGINT, customer_no, name, birth_date, gender, phone, created_at"),
        DOCUMENT("identity_document", "customer_id = :c",
                "id BIGINT, customer_id BIGINT, doc_type, doc_number, name, valid_from, valid_to, primary_doc INTEGER"),
        CARD("bank_card", "customer_id = :c",
                "id BIGINT, customer_id BIGINT, bin, last4, pan_length INTEGER, pan_hmac, card_kind, "
                        + "online_banking INTEGER, status, created_at"),
        TOKEN("token", "customer_id = :c",
                "id BIGINT, serial, media_voucher_no, model, manufacturer, customer_id BIGINT, status, registered_at"),
        CERTIFICATE("certificate", "token_id IN (SELECT id FROM token WHERE customer_id = :c)",
                "id BIGINT, token_id BIGINT, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                        + "sha256_fingerprint, status, der BYTEA");

        final String table;
        final String where;
        /** Column names, and the SQL type of each column's NULL in the other parts' rows (TEXT where not named). */
        final Map<String, String> columns = new java.util.LinkedHashMap<>();
        final String prefix;

        FilePart(String table, String where, String columns) {
            this.table = table;
            this.where = where;
            for (String c : columns.split(", ")) {
                String[] nameType = c.split(" ");
                this.columns.put(nameType[0], nameType.length > 1 ? nameType[1] : "TEXT");
            }
            this.prefix = "p" + ordinal() + "_";
        }
    }

    /**
     * One branch per part; a column of another part is a NULL of that column's type (PostgreSQL types a UNION's
     * columns branch by branch: an untyped NULL would become TEXT and clash with a BIGINT below it).
     */
    private static final String FILE_SQL = java.util.Arrays.stream(FilePart.values())
            .map(part -> "SELECT " + part.ordinal() + " AS part, " + java.util.Arrays.stream(FilePart.values())
                    .flatMap(other -> other.columns.entrySet().stream().map(col -> (other == part ? col.getKey()
                            : "CAST(NULL AS " + col.getValue() + ")") + " AS " + other.prefix + col.getKey()))
                    .collect(java.util.stream.Collectors.joining(", "))
                    + " FROM " + part.table + " WHERE " + part.where)
            .collect(java.util.stream.Collectors.joining(" UNION ALL "));
    private static final ShapeKeptRowMapper<Customer> FILE_CUSTOMER =
            ShapeKeptRowMapper.of(Customer.class, FilePart.CUSTOMER.prefix);
    private static final ShapeKeptRowMapper<IdentityDocument> FILE_DOCUMENT =
            ShapeKeptRowMapper.of(IdentityDocument.class, FilePart.DOCUMENT.prefix);
    private static final ShapeKeptRowMapper<BankCard> FILE_CARD =
            ShapeKeptRowMapper.of(BankCard.class, FilePart.CARD.prefix);
    private static final ShapeKeptRowMapper<RegisteredToken> FILE_TOKEN =
            ShapeKeptRowMapper.of(RegisteredToken.class, FilePart.TOKEN.prefix);
    private static final ShapeKeptRowMapper<CertificateRecord> FILE_CERTIFICATE =
            ShapeKeptRowMapper.of(CertificateRecord.class, FilePart.CERTIFICATE.prefix);

    /**
     * The customer's file (documents, cards, tokens and their certificates) in one statement, so one snapshot: what
     * the rule checks read at each step (ADR 0101). Empty when there is no such customer.
     */
    public Optional<CustomerFile> file(long customerId) {
        // Verbatim SQL (no template rendering): the parser's cache then finds it without hashing a new 2 KB string.
        return jdbi.withHandle(h -> h.createQuery(FILE_SQL).setTemplateEngine(TemplateEngine.NOP).bind("c", customerId)
                .scanResultSet((rows, ctx) -> {
                    java.sql.ResultSet rs = rows.get();
                    List<String> labels = ShapeKeptRowMapper.labels(rs); // 44 of them: read once, not per mapper
                    RowMapper<Customer> customerRow = FILE_CUSTOMER.specialize(rs, ctx, labels);
                    RowMapper<IdentityDocument> documentRow = FILE_DOCUMENT.specialize(rs, ctx, labels);
                    RowMapper<BankCard> cardRow = FILE_CARD.specialize(rs, ctx, labels);
                    RowMapper<RegisteredToken> tokenRow = FILE_TOKEN.specialize(rs, ctx, labels);
                    RowMapper<CertificateRecord> certificateRow = FILE_CERTIFICATE.specialize(rs, ctx, labels);
                    Customer customer = null;
                    List<IdentityDocument> documents = new java.util.ArrayList<>();
                    List<BankCard> cards = new java.util.ArrayList<>();
                    List<RegisteredToken> tokens = new java.util.ArrayList<>();
                    List<CertificateRecord> certificates = new java.util.ArrayList<>();
                    while (rs.next()) {
                        switch (FilePart.values()[rs.getInt("part")]) {
                            case CUSTOMER -> customer = customerRow.map(rs, ctx);
                            case DOCUMENT -> documents.add(documentRow.map(rs, ctx));
                            case CARD -> cards.add(cardRow.map(rs, ctx));
                            case TOKEN -> tokens.add(tokenRow.map(rs, ctx));
                            case CERTIFICATE -> certificates.add(certificateRow.map(rs, ctx));
                        }
                    }
                    return customer == null ? Optional.<CustomerFile>empty()
                            : Optional.of(new CustomerFile(customer, documents, cards, tokens, certificates));
                }));
    }

    public Optional<Customer> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM customer WHERE id = :id")
                .bind("id", id).map(CUSTOMER).findOne());
    }

    public Optional<Customer> findByCustomerNo(String customerNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM customer WHERE customer_no = :no")
                .bind("no", customerNo).map(CUSTOMER).findOne());
    }

    /** Customers whose name starts with the text, by name (for the teller's search field). */
    public List<Customer> searchByName(String prefix, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM customer WHERE name >= :p AND name < :upper ORDER BY name, id LIMIT :limit")
                // The prefix followed by the last code point (U+10FFFF): a range the name index serves on both engines.
                .bind("p", prefix).bind("upper", prefix + new String(Character.toChars(Character.MAX_CODE_POINT)))
                .bind("limit", limit).map(CUSTOMER).list());
    }

    /** How many customers the file holds. */
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM customer").mapTo(Long.class).one());
    }

    /** Adds an identity document; {@code validTo} null means long-term. Type and number together must be new. */
    public IdentityDocument addDocument(long customerId, IdentityDocumentType type, String number, String nameOnDocument,
                                        LocalDate validFrom, LocalDate validTo, boolean primary) {
        long id = Sql.checked("Identity document", () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO identity_document (customer_id, doc_type, doc_number, name, valid_from, valid_to, primary_doc) "
                                + "VALUES (:c, :type, :no, :name, :from, :to, :primary)")
                .bind("c", customerId).bind("type", type).bind("no", number).bind("name", nameOnDocument)
                .bind("from", validFrom).bind("to", validTo).bind("primary", primary)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return document(id).orElseThrow();
    }

    public Optional<IdentityDocument> document(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_document WHERE id = :id")
                .bind("id", id).map(DOCUMENT).findOne());
    }

    /** The document with this type and number (what the ID reader or the teller gives). */
    public Optional<IdentityDocument> findDocument(IdentityDocumentType type, String number) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM identity_document WHERE doc_type = :type AND doc_number = :no")
                .bind("type", type).bind("no", number).map(DOCUMENT).findOne());
    }

    /** Documents with this number whatever their type (a number typed without choosing a type). */
    public List<IdentityDocument> findDocumentsByNumber(String number) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM identity_document WHERE doc_number = :no ORDER BY id")
                .bind("no", number).map(DOCUMENT).list());
    }

    /** A customer's documents, primary first. */
    public List<IdentityDocument> documents(long customerId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM identity_document WHERE customer_id = :c ORDER BY primary_doc DESC, id")
                .bind("c", customerId).map(DOCUMENT).list());
    }

    /** Records a renewed document's new validity (the customer showed a newer card). */
    public void updateDocumentValidity(long documentId, LocalDate validFrom, LocalDate validTo) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE identity_document SET valid_from = :from, valid_to = :to WHERE id = :id")
                .bind("from", validFrom).bind("to", validTo).bind("id", documentId).execute());
    }
}
