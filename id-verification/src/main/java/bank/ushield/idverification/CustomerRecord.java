package bank.ushield.idverification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The customer as the checks see it: a read-only view the renewal module adapts from the db repositories.
 * Nothing here holds a full card number: cards are matched through a keyed hash ({@link PanHasher}).
 */
public interface CustomerRecord {

    String customerNo();

    /** Name as registered (compared after {@link Text#normaliseName}). */
    String name();

    Optional<LocalDate> birthDate();

    List<Document> documents();

    List<Card> cards();

    List<Token> tokens();

    /** A registered identity document; {@code validTo} empty means long-term (长期). */
    record Document(DocumentType type, String number, String name, Optional<LocalDate> validFrom,
                    Optional<LocalDate> validTo) {
    }

    /** Card status values as the db keeps them. */
    enum CardStatus { ACTIVE, LOST, CLOSED, FROZEN }

    /** Card kinds as the db keeps them. */
    enum CardKind { DEBIT, CREDIT }

    /** A registered bank card: BIN and last four for display, the keyed PAN hash for matching. */
    record Card(String bin, String last4, int panLength, String panHmac, CardKind kind, boolean onlineBanking,
                CardStatus status) {
    }

    /** Token status values as the db keeps them. */
    enum TokenStatus { ACTIVE, LOST, REPLACED, END_OF_LIFE }

    /** A registered U-shield with its certificates. */
    record Token(String serial, Optional<String> mediaVoucherNo, String model, String manufacturer,
                 TokenStatus status, List<Certificate> certificates) {
        public Token {
            certificates = List.copyOf(certificates);
        }
    }

    /** Certificate status values as the db keeps them. */
    enum CertificateStatus { ACTIVE, SUPERSEDED, REVOKED }

    /** A registered certificate (DNs in RFC 4514 form, serial in hex). */
    record Certificate(String serialHex, String issuerDn, String subjectDn, Instant notBefore, Instant notAfter,
                       CertificateStatus status) {
    }
}
