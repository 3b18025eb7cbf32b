package bank.ushield.casync.format;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.cert.X509CertificateHolder;

import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CertificateStatus;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.Masking;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.TokenStatus;

/**
 * Payload of a head-office customer extract (docs/customer-extract.md): the customers of one branch as the
 * workstation database stores them (ID documents, bank cards as keyed PAN hashes, registered tokens with their
 * current certificates), signed by the head-office sync key like a response batch.
 */
public record CustomerExtract(String format, int version, String kind, String branch, long sequence,
                              String createdAt, String cardKeyCheck, ExtractManifest manifest,
                              List<ExtractCustomer> customers) {

    /** File names and extract ids start with this. */
    public static final String PREFIX = "CUS-";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern BRANCH = Pattern.compile("[0-9A-Za-z]{1,16}");

    public CustomerExtract {
        customers = customers == null ? List.of() : List.copyOf(customers);
    }

    /** A new extract with the header and manifest filled in. */
    public static CustomerExtract of(String branch, long sequence, Instant createdAt, String cardKeyCheck,
                                     List<ExtractCustomer> customers) {
        int documents = 0;
        int cards = 0;
        int tokens = 0;
        int certificates = 0;
        for (ExtractCustomer c : customers) {
            documents += c.documents().size();
            cards += c.cards().size();
            tokens += c.tokens().size();
            for (ExtractToken t : c.tokens()) {
                certificates += t.certificates().size();
            }
        }
        return new CustomerExtract(BatchFormat.FORMAT, BatchFormat.VERSION, BatchFormat.KIND_CUSTOMER_EXTRACT, branch,
                sequence, createdAt.toString(), cardKeyCheck,
                new ExtractManifest(customers.size(), documents, cards, tokens, certificates), customers);
    }

    /** The extract's id, also its file name without {@code .p7m}: {@code CUS-<branch>-<sequence, 8 digits>}. */
    public static String extractId(String branch, long sequence) {
        return String.format("%s%s-%08d", PREFIX, branch, sequence);
    }

    /** This extract's id. */
    public String extractId() {
        return extractId(branch, sequence);
    }

    /** The file name head office gives the extract. */
    public static String fileName(String branch, long sequence) {
        return extractId(branch, sequence) + ".p7m";
    }

    /**
     * The key check value of a card-matching key ({@link CardMatchingKey#checkValue()}). Equal values mean head
     * office hashed the extract's cards with the key this workstation matches presented cards with.
     */
    public static String cardKeyCheck(CardMatchingKey hasher) {
        return hasher.checkValue();
    }

    /** Item counts, checked against the items on reading. */
    public record ExtractManifest(int customers, int documents, int cards, int tokens, int certificates) {
    }

    /** One customer and everything registered to them. */
    public record ExtractCustomer(String customerNo, String name, String birthDate, String gender, String phone,
                                  List<ExtractDocument> documents, List<ExtractCard> cards, List<ExtractToken> tokens) {
        public ExtractCustomer {
            documents = documents == null ? List.of() : List.copyOf(documents);
            cards = cards == null ? List.of() : List.copyOf(cards);
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    /** An identity document; {@code validTo} null means long-term (长期). */
    public record ExtractDocument(String type, String number, String name, String validFrom, String validTo,
                                  boolean primary) {
    }

    /** A bank card as the database keeps it: BIN, last four, length and the keyed hash of the number. */
    public record ExtractCard(String bin, String last4, int panLength, String panHmac, String kind,
                              boolean onlineBanking, String status) {

        /** The card entry for a clear card number (head office side); the number itself is not kept. */
        public static ExtractCard of(CharSequence pan, CardMatchingKey hasher, CardKind kind, boolean onlineBanking,
                                     CardStatus status) {
            String digits = pan.toString().replaceAll("[ -]", "");
            return new ExtractCard(digits.substring(0, 6), digits.substring(digits.length() - 4), digits.length(),
                    hasher.hash(digits), kind.name(), onlineBanking, status.name());
        }
    }

    /** A registered token and its certificates (DER), each with the status head office knows. */
    public record ExtractToken(String serial, String mediaVoucherNo, String model, String manufacturer, String status,
                               String registeredAt, List<ExtractCertificate> certificates) {
        public ExtractToken {
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
        }
    }

    /** A token's X.509 certificate (DER) and its status: ACTIVE, SUPERSEDED or REVOKED. */
    public record ExtractCertificate(byte[] certificate, String status) {
    }

    /** The members every batch payload starts with; read first so a newer version is named, not misparsed. */
    record Header(String format, int version, String kind) {
    }

    /**
     * Decodes and checks an extract payload: format, version, kind, manifest counts, every member's form
     * (enumerations, dates, hashes, certificates) and that no document, card, token or certificate appears twice.
     */
    public static CustomerExtract decode(byte[] json) throws BatchRejectedException {
        Header header = BatchFormat.decode(json, Header.class);
        BatchFormat.checkHeader(header.format(), header.version(), header.kind(), BatchFormat.KIND_CUSTOMER_EXTRACT);
        CustomerExtract e = BatchFormat.decode(json, CustomerExtract.class);
        e.check();
        return e;
    }

    private void check() throws BatchRejectedException {
        require(branch != null && BRANCH.matcher(branch).matches(), "the branch code is missing or not a code");
        require(sequence > 0, "the sequence must be 1 or more");
        require(createdAt != null && instant(createdAt), "createdAt is not an ISO-8601 instant");
        CustomerExtract counted = of(branch, sequence, Instant.parse(createdAt), cardKeyCheck, customers);
        require(counted.manifest().equals(manifest),
                "the manifest's item counts " + manifest + " do not match the items " + counted.manifest());
        require(counted.manifest().cards() == 0 || cardKeyCheck != null && HEX64.matcher(cardKeyCheck).matches(),
                "cards are listed but cardKeyCheck is missing or not 64 lowercase hex digits");
        Set<String> customerNos = new HashSet<>();
        Set<String> documents = new HashSet<>();
        Set<String> cards = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        Set<String> certificates = new HashSet<>();
        for (int i = 0; i < customers.size(); i++) {
            ExtractCustomer c = customers.get(i);
            String who = "customer #" + (i + 1);
            require(c.customerNo() != null && !c.customerNo().isBlank(), who + " has no customerNo");
            plain(c.customerNo(), who, "customerNo");
            who = "customer " + c.customerNo();
            plain(c.name(), who, "name");
            plain(c.phone(), who, "phone");
            plain(c.gender(), who, "gender");
            require(customerNos.add(c.customerNo()), who + " is listed twice");
            require(c.name() != null && !c.name().isBlank(), who + " has no name");
            require(c.birthDate() == null || date(c.birthDate()), who + ": birthDate is not yyyy-MM-dd");
            require(c.gender() == null || c.gender().equals("M") || c.gender().equals("F"), who + ": gender is not M or F");
            for (ExtractDocument d : c.documents()) {
                require(d.type() != null && isEnum(IdentityDocumentType.class, d.type()), who + ": unknown document type " + d.type());
                require(d.number() != null && !d.number().isBlank(), who + ": a document has no number");
                plain(d.number(), who + ", a " + d.type() + " document", "number");
                String doc = who + ", document " + d.type() + " " + Masking.idNumber(d.number());
                plain(d.name(), doc, "name");
                require(d.name() != null && !d.name().isBlank(), who + ": document " + d.type() + " has no name");
                require((d.validFrom() == null || date(d.validFrom())) && (d.validTo() == null || date(d.validTo())),
                        who + ": a document's validity dates are not yyyy-MM-dd");
                require(documents.add(d.type() + " " + d.number()), who + ": a " + d.type() + " document is listed twice");
            }
            for (ExtractCard k : c.cards()) {
                require(k.bin() != null && DIGITS.matcher(k.bin()).matches() && k.bin().length() >= 6 && k.bin().length() <= 8,
                        who + ": a card's BIN is not 6 to 8 digits");
                require(k.last4() != null && DIGITS.matcher(k.last4()).matches() && k.last4().length() == 4,
                        who + ": a card's last four are not 4 digits");
                require(k.panLength() >= 13 && k.panLength() <= 19, who + ": a card's length is not 13 to 19");
                require(k.panHmac() != null && HEX64.matcher(k.panHmac()).matches(),
                        who + ": a card's panHmac is not 64 lowercase hex digits");
                require(k.kind() != null && isEnum(CardKind.class, k.kind()), who + ": unknown card kind " + k.kind());
                require(k.status() != null && isEnum(CardStatus.class, k.status()), who + ": unknown card status " + k.status());
                require(cards.add(k.panHmac()), who + ": a card is listed twice");
            }
            for (ExtractToken t : c.tokens()) {
                require(t.serial() != null && !t.serial().isBlank(), who + ": a token has no serial");
                String tok = who + ", token " + t.serial();
                plain(t.serial(), who + ", a token", "serial");
                plain(t.mediaVoucherNo(), tok, "mediaVoucherNo");
                plain(t.model(), tok, "model");
                plain(t.manufacturer(), tok, "manufacturer");
                require(tokens.add(t.serial()), tok + " is listed twice");
                require(t.mediaVoucherNo() == null || t.mediaVoucherNo().length() == 10,
                        tok + ": the media voucher number is not 10 characters");
                require(t.model() != null && t.manufacturer() != null, tok + ": model or manufacturer missing");
                require(t.status() != null && isEnum(TokenStatus.class, t.status()), tok + ": unknown status " + t.status());
                require(t.registeredAt() == null || instant(t.registeredAt()), tok + ": registeredAt is not an instant");
                for (ExtractCertificate x : t.certificates()) {
                    // ABANDONED is the branch's own state for a certificate never put on a token (ADR 0050).
                    require(x.status() != null && isEnum(CertificateStatus.class, x.status())
                                    && !x.status().equals("ABANDONED"),
                            tok + ": certificate status " + x.status() + " is not ACTIVE, SUPERSEDED or REVOKED");
                    X509CertificateHolder holder = certificate(x.certificate(), tok);
                    require(certificates.add(Pki.sha256Hex(x.certificate())),
                            tok + ": certificate serial " + holder.getSerialNumber().toString(16) + " is listed twice");
                }
            }
        }
    }

    /** Parses a certificate of the extract; a bad encoding refuses the extract. */
    public static X509CertificateHolder certificate(byte[] der, String where) throws BatchRejectedException {
        if (der == null) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "The extract is not valid: " + where
                    + " has a certificate entry without a certificate");
        }
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "The extract is not valid: " + where
                    + " has a certificate that is not a valid X.509 certificate");
        }
    }

    /**
     * Refuses a text field holding a control character (C0, DEL, C1), a direction mark or override (U+200E/F,
     * U+202A-202E, U+2066-2069, U+061C) or another invisible format or separator character: on a screen or a receipt
     * they hide or reorder what the teller reads. The message names the record and field, never the value.
     */
    static void plain(String value, String record, String field) throws BatchRejectedException {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (hidden(c)) {
                throw new BatchRejectedException(RejectionCode.MALFORMED, String.format("The extract is not valid: %s:"
                        + " the field %s contains the control or direction character U+%04X", record, field, c));
            }
            i += Character.charCount(c);
        }
    }

    /** Control, format (bidi marks and overrides, zero-width characters) and line or paragraph separators. */
    static boolean hidden(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static void require(boolean ok, String problem) throws BatchRejectedException {
        if (!ok) {
            throw new BatchRejectedException(RejectionCode.MALFORMED, "The extract is not valid: " + problem);
        }
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean instant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
