package bank.ushield.db;

import java.util.Comparator;
import java.util.List;

/**
 * A customer with the documents, cards, tokens and certificates on record, read in one statement (one snapshot): what
 * the rule checks read (ADR 0101). Lists are in the repositories' orders: the primary document first, cards and
 * tokens by id, a token's certificates latest expiry first.
 */
public record CustomerFile(Customer customer, List<IdentityDocument> documents, List<BankCard> cards,
                           List<RegisteredToken> tokens, List<CertificateRecord> certificates) {

    private static final Comparator<IdentityDocument> DOCUMENT_ORDER = Comparator
            .comparing(IdentityDocument::primaryDoc).reversed().thenComparingLong(IdentityDocument::id);
    private static final Comparator<CertificateRecord> CERTIFICATE_ORDER = Comparator
            .comparing(CertificateRecord::notAfter).reversed()
            .thenComparing(Comparator.comparingLong(CertificateRecord::id).reversed());

    public CustomerFile {
        documents = documents.stream().sorted(DOCUMENT_ORDER).toList();
        cards = cards.stream().sorted(Comparator.comparingLong(BankCard::id)).toList();
        tokens = tokens.stream().sorted(Comparator.comparingLong(RegisteredToken::id)).toList();
        certificates = certificates.stream().sorted(CERTIFICATE_ORDER).toList();
    }

    /** The certificates on record for one of the customer's tokens, as {@link CertificateRepository#ofToken}. */
    public List<CertificateRecord> certificatesOf(long tokenId) {
        return certificates.stream().filter(c -> c.tokenId() == tokenId).toList();
    }
}
