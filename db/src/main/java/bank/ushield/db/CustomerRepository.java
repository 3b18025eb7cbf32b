package bank.ushield.db;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Customers and their identity documents. */
public final class CustomerRepository {
    private static final RowMapper<Customer> CUSTOMER = ConstructorMapper.of(Customer.class);
    private static final RowMapper<IdentityDocument> DOCUMENT = ConstructorMapper.of(IdentityDocument.class);

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
