package bank.ushield.casync.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.CustomerExtract.ExtractCard;
import bank.ushield.casync.format.CustomerExtract.ExtractCustomer;
import bank.ushield.casync.format.CustomerExtract.ExtractDocument;
import bank.ushield.casync.format.CustomerExtract.ExtractToken;

/**
 * The customer reference data a head-office customer extract writes (customer, identity_document, bank_card, token,
 * certificate) and the record of imported extracts (ca_customer_extract). Every method runs in the caller's
 * transaction on {@code h}; the rules (owners, sequence, status order) are the importer's.
 */
public final class CustomerExtractStore {

    private CustomerExtractStore() {
    }

    /** A row and the customer (or token) it belongs to. */
    public record Owned(long id, long owner) {
    }

    /** The file SHA-256 of the branch's extract with that sequence, if one was imported. */
    public static Optional<String> extractSha256(Handle h, String branch, long sequence) {
        return h.createQuery("SELECT sha256 FROM ca_customer_extract WHERE branch_id = :b AND sequence = :s")
                .bind("b", branch).bind("s", sequence).mapTo(String.class).findOne();
    }

    /** The sequence of the branch's last imported extract, 0 before the first. */
    public static long lastExtractSequence(Handle h, String branch) {
        return h.createQuery("SELECT COALESCE(MAX(sequence), 0) FROM ca_customer_extract WHERE branch_id = :b")
                .bind("b", branch).mapTo(Long.class).one();
    }

    /** Records an imported extract with its manifest counts. */
    public static void insertExtract(Handle h, CustomerExtract extract, String branch, String fileName, String sha256,
                                     String signer, Instant now) {
        var m = extract.manifest();
        h.createUpdate("""
                INSERT INTO ca_customer_extract (extract_id, branch_id, sequence, file_name, sha256, signer, created_at,
                    customers, documents, cards, tokens, certificates, imported_at)
                VALUES (:id, :b, :s, :file, :sha, :signer, :created, :customers, :documents, :cards, :tokens,
                    :certificates, :now)""")
                .bind("id", extract.extractId()).bind("b", branch).bind("s", extract.sequence())
                .bind("file", fileName).bind("sha", sha256)
                .bind("signer", signer).bind("created", extract.createdAt())
                .bind("customers", m.customers()).bind("documents", m.documents()).bind("cards", m.cards())
                .bind("tokens", m.tokens()).bind("certificates", m.certificates()).bind("now", now).execute();
    }

    public static Optional<Long> customerId(Handle h, String customerNo) {
        return h.createQuery("SELECT id FROM customer WHERE customer_no = :no").bind("no", customerNo)
                .mapTo(Long.class).findOne();
    }

    public static Optional<String> customerNo(Handle h, long customerId) {
        return h.createQuery("SELECT customer_no FROM customer WHERE id = :id").bind("id", customerId)
                .mapTo(String.class).findOne();
    }

    /** Adds a customer; returns its id. */
    public static long insertCustomer(Handle h, ExtractCustomer c, Instant now) {
        return h.createUpdate("""
                INSERT INTO customer (customer_no, name, birth_date, gender, phone, created_at)
                VALUES (:no, :name, :birth, :gender, :phone, :now)""")
                .bind("no", c.customerNo()).bind("name", c.name()).bind("birth", c.birthDate())
                .bind("gender", c.gender()).bind("phone", c.phone()).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /**
     * Updates the customer's data; 1 only when something really differed, else 0 (IS DISTINCT FROM: SQLite's
     * IS NOT with a value is not PostgreSQL's).
     */
    public static int updateCustomer(Handle h, long id, ExtractCustomer c) {
        return h.createUpdate("""
                UPDATE customer SET name = :name, birth_date = :birth, gender = :gender, phone = :phone
                 WHERE id = :id AND (name IS DISTINCT FROM :name OR birth_date IS DISTINCT FROM :birth
                                     OR gender IS DISTINCT FROM :gender OR phone IS DISTINCT FROM :phone)""")
                .bind("id", id).bind("name", c.name()).bind("birth", c.birthDate()).bind("gender", c.gender())
                .bind("phone", c.phone()).execute();
    }

    public static Optional<Owned> document(Handle h, String type, String number) {
        return h.createQuery("""
                        SELECT id, customer_id FROM identity_document WHERE doc_type = :t AND doc_number = :n""")
                .bind("t", type).bind("n", number).map((rs, ctx) -> new Owned(rs.getLong(1), rs.getLong(2)))
                .findOne();
    }

    public static void updateDocument(Handle h, long id, ExtractDocument d) {
        h.createUpdate("""
                UPDATE identity_document SET name = :name, valid_from = :from, valid_to = :to, primary_doc = :p
                 WHERE id = :id""")
                .bind("id", id).bind("name", d.name()).bind("from", d.validFrom())
                .bind("to", d.validTo()).bind("p", d.primary() ? 1 : 0).execute();
    }

    public static void insertDocument(Handle h, long customerId, ExtractDocument d) {
        h.createUpdate("""
                INSERT INTO identity_document (customer_id, doc_type, doc_number, name, valid_from, valid_to, primary_doc)
                VALUES (:c, :t, :n, :name, :from, :to, :p)""")
                .bind("c", customerId).bind("t", d.type()).bind("n", d.number()).bind("name", d.name())
                .bind("from", d.validFrom()).bind("to", d.validTo()).bind("p", d.primary() ? 1 : 0).execute();
    }

    public static Optional<Owned> card(Handle h, String panHmac) {
        return h.createQuery("SELECT id, customer_id FROM bank_card WHERE pan_hmac = :hmac")
                .bind("hmac", panHmac).map((rs, ctx) -> new Owned(rs.getLong(1), rs.getLong(2))).findOne();
    }

    public static void updateCard(Handle h, long id, ExtractCard k) {
        h.createUpdate("""
                UPDATE bank_card SET bin = :bin, last4 = :last4, pan_length = :len, card_kind = :kind,
                       online_banking = :online, status = :status WHERE id = :id""")
                .bind("id", id).bind("bin", k.bin()).bind("last4", k.last4())
                .bind("len", k.panLength()).bind("kind", k.kind()).bind("online", k.onlineBanking() ? 1 : 0)
                .bind("status", k.status()).execute();
    }

    public static void insertCard(Handle h, long customerId, ExtractCard k, Instant now) {
        h.createUpdate("""
                INSERT INTO bank_card (customer_id, bin, last4, pan_length, pan_hmac, card_kind, online_banking, status,
                    created_at)
                VALUES (:c, :bin, :last4, :len, :hmac, :kind, :online, :status, :now)""")
                .bind("c", customerId).bind("bin", k.bin()).bind("last4", k.last4()).bind("len", k.panLength())
                .bind("hmac", k.panHmac()).bind("kind", k.kind()).bind("online", k.onlineBanking() ? 1 : 0)
                .bind("status", k.status()).bind("now", now).execute();
    }

    public static Optional<Owned> token(Handle h, String serial) {
        return h.createQuery("SELECT id, customer_id FROM token WHERE serial = :s")
                .bind("s", serial).map((rs, ctx) -> new Owned(rs.getLong(1), rs.getLong(2))).findOne();
    }

    /**
     * Updates a known token. A token this workstation knows as lost, replaced or retired is not made ACTIVE again by
     * reference data: that is a counter procedure (docs/adr/0055).
     */
    public static void updateToken(Handle h, long id, ExtractToken t) {
        h.createUpdate("""
                UPDATE token SET media_voucher_no = :mvn, model = :model, manufacturer = :maker,
                       status = CASE WHEN status <> 'ACTIVE' AND :status = 'ACTIVE' THEN status ELSE :status END
                 WHERE id = :id""")
                .bind("id", id).bind("mvn", t.mediaVoucherNo()).bind("model", t.model())
                .bind("maker", t.manufacturer()).bind("status", t.status()).execute();
    }

    /** Adds a token; returns its id. */
    public static long insertToken(Handle h, long customerId, ExtractToken t, Instant registeredAt) {
        return h.createUpdate("""
                INSERT INTO token (serial, media_voucher_no, model, manufacturer, customer_id, status, registered_at)
                VALUES (:s, :mvn, :model, :maker, :c, :status, :at)""")
                .bind("s", t.serial()).bind("mvn", t.mediaVoucherNo()).bind("model", t.model())
                .bind("maker", t.manufacturer()).bind("c", customerId).bind("status", t.status())
                .bind("at", registeredAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** The token's ACTIVE certificates, latest (by notBefore) first. */
    public static List<Long> activeCertificates(Handle h, long tokenId) {
        return h.createQuery("""
                        SELECT id FROM certificate WHERE token_id = :t AND status = 'ACTIVE' ORDER BY not_before DESC, id DESC""")
                .bind("t", tokenId).mapTo(Long.class).list();
    }

    public static void supersedeCertificate(Handle h, long certificateId) {
        h.execute("UPDATE certificate SET status = 'SUPERSEDED' WHERE id = ?", certificateId);
    }

    /** The certificate with that SHA-256 fingerprint and the token it belongs to. */
    public static Optional<Owned> certificate(Handle h, String sha256Fingerprint) {
        return h.createQuery("SELECT id, token_id FROM certificate WHERE sha256_fingerprint = :f")
                .bind("f", sha256Fingerprint).map((rs, ctx) -> new Owned(rs.getLong(1), rs.getLong(2))).findOne();
    }

    /**
     * Moves a certificate's status forward only (ACTIVE -> SUPERSEDED or ABANDONED -> REVOKED): an older view never
     * revives a certificate.
     */
    public static void advanceCertificateStatus(Handle h, long certificateId, String status) {
        h.createUpdate("""
                UPDATE certificate SET status = :status WHERE id = :id AND
                  (CASE status WHEN 'ACTIVE' THEN 0 WHEN 'REVOKED' THEN 2 ELSE 1 END) <
                  (CASE :status WHEN 'ACTIVE' THEN 0 WHEN 'REVOKED' THEN 2 ELSE 1 END)""")
                .bind("id", certificateId).bind("status", status).execute();
    }

    /** True when a certificate of that issuer and serial is registered. */
    public static boolean certificateSerialExists(Handle h, String issuerDn, String serialHex) {
        return h.createQuery("SELECT 1 FROM certificate WHERE issuer_dn = :i AND serial_hex = :s")
                .bind("i", issuerDn).bind("s", serialHex).mapTo(Integer.class).findOne().isPresent();
    }

    /** The columns of a new certificate row. */
    public record NewCertificate(long tokenId, String serialHex, String issuerDn, String subjectDn, Instant notBefore,
                                 Instant notAfter, String sha256Fingerprint, String status, byte[] der) {
    }

    public static void insertCertificate(Handle h, NewCertificate c) {
        h.createUpdate("""
                INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after,
                    sha256_fingerprint, status, der)
                VALUES (:t, :serial, :issuer, :subject, :nb, :na, :f, :status, :der)""")
                .bind("t", c.tokenId()).bind("serial", c.serialHex()).bind("issuer", c.issuerDn())
                .bind("subject", c.subjectDn())
                .bind("nb", c.notBefore()).bind("na", c.notAfter())
                .bind("f", c.sha256Fingerprint()).bind("status", c.status()).bind("der", c.der()).execute();
    }
}
