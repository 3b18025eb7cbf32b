package bank.ushield.renewal.adapter;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import bank.ushield.db.CertificateRecord;
import bank.ushield.db.Customer;
import bank.ushield.db.CustomerFile;
import bank.ushield.db.Repositories;
import bank.ushield.idverification.CustomerRecord;
import bank.ushield.idverification.DocumentType;

/** The id-verification view of a customer, read from the db repositories (id-verification knows no SQL). */
final class DbCustomerRecord implements CustomerRecord {

    private final Customer customer;
    private final List<Document> documents;
    private final List<Card> cards;
    private final List<Token> tokens;

    private DbCustomerRecord(Customer customer, List<Document> documents, List<Card> cards, List<Token> tokens) {
        this.customer = customer;
        this.documents = documents;
        this.cards = cards;
        this.tokens = tokens;
    }

    /** The customer's file in one statement (one snapshot, ADR 0101), in id-verification's terms. */
    static Optional<CustomerRecord> load(Repositories repos, long customerId) {
        return repos.customers().file(customerId).map(DbCustomerRecord::of);
    }

    private static CustomerRecord of(CustomerFile file) {
        return new DbCustomerRecord(file.customer(),
                file.documents().stream().map(d -> new Document(
                        DocumentType.valueOf(d.docType().name()), d.docNumber(), d.name(),
                        Optional.ofNullable(d.validFrom()), Optional.ofNullable(d.validTo()))).toList(),
                file.cards().stream().map(k -> new Card(k.bin(), k.last4(), k.panLength(),
                        k.panHmac(), CardKind.valueOf(k.cardKind().name()), k.onlineBanking(),
                        CardStatus.valueOf(k.status().name()))).toList(),
                file.tokens().stream().map(t -> new Token(t.serial(),
                        Optional.ofNullable(t.mediaVoucherNo()), t.model(), t.manufacturer(),
                        TokenStatus.valueOf(t.status().name()),
                        file.certificatesOf(t.id()).stream().map(DbCustomerRecord::certificate).toList()))
                        .toList());
    }

    private static Certificate certificate(CertificateRecord c) {
        return new Certificate(c.serialHex(), c.issuerDn(), c.subjectDn(), c.notBefore(), c.notAfter(), status(c));
    }

    /**
     * id-verification knows ACTIVE, SUPERSEDED and REVOKED. An ABANDONED certificate (issued for a case closed before
     * it became the customer's, ADR 0050) is, for its rules, exactly what SUPERSEDED means: on record for this token
     * (the identity check accepts it on the token) but never the current one (eligibility reads the real one).
     */
    static CertificateStatus status(CertificateRecord c) {
        return switch (c.status()) {
            case ACTIVE -> CertificateStatus.ACTIVE;
            case SUPERSEDED, ABANDONED -> CertificateStatus.SUPERSEDED;
            case REVOKED -> CertificateStatus.REVOKED;
        };
    }

    @Override
    public String customerNo() {
        return customer.customerNo();
    }

    @Override
    public String name() {
        return customer.name();
    }

    @Override
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(customer.birthDate());
    }

    @Override
    public List<Document> documents() {
        return documents;
    }

    @Override
    public List<Card> cards() {
        return cards;
    }

    @Override
    public List<Token> tokens() {
        return tokens;
    }
}
