package bank.ushield.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Certificates of registered tokens: the one in use, the ones a renewal replaced, revoked ones. */
public final class CertificateRepository {
    private static final RowMapper<CertificateRecord> CERT = ShapeKeptRowMapper.of(CertificateRecord.class);

    private final Jdbi jdbi;

    public CertificateRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores a certificate (id of the argument is ignored); fingerprint, and issuer with serial, must be new. */
    public CertificateRecord insert(CertificateRecord c) {
        long id = Sql.checked("Certificate " + c.serialHex(), () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                                + "sha256_fingerprint, status, der) VALUES (:token, :serial, :issuer, :subject, :nb, :na, :fp, :status, :der)")
                .bind("token", c.tokenId()).bind("serial", c.serialHex()).bind("issuer", c.issuerDn())
                .bind("subject", c.subjectDn()).bind("nb", c.notBefore()).bind("na", c.notAfter())
                .bind("fp", c.sha256Fingerprint()).bind("status", c.status()).bind("der", c.der())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        return find(id).orElseThrow();
    }

    public Optional<CertificateRecord> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM certificate WHERE id = :id")
                .bind("id", id).map(CERT).findOne());
    }

    /** The certificate with this SHA-256 fingerprint (lowercase hex). */
    public Optional<CertificateRecord> findByFingerprint(String sha256Hex) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM certificate WHERE sha256_fingerprint = :fp")
                .bind("fp", sha256Hex).map(CERT).findOne());
    }

    public Optional<CertificateRecord> findByIssuerAndSerial(String issuerDn, String serialHex) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM certificate WHERE issuer_dn = :issuer AND serial_hex = :serial")
                .bind("issuer", issuerDn).bind("serial", serialHex).map(CERT).findOne());
    }

    /** A token's certificates, newest expiry first. */
    public List<CertificateRecord> ofToken(long tokenId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM certificate WHERE token_id = :t ORDER BY not_after DESC, id DESC")
                .bind("t", tokenId).map(CERT).list());
    }

    /** The token's current (ACTIVE) certificate with the latest expiry, if any. */
    public Optional<CertificateRecord> activeOfToken(long tokenId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM certificate WHERE token_id = :t AND status = 'ACTIVE' ORDER BY not_after DESC, id DESC LIMIT 1")
                .bind("t", tokenId).map(CERT).findOne());
    }

    /** ACTIVE certificates expiring in [from, to), soonest first (lists of customers to invite or expect). */
    public List<CertificateRecord> activeExpiringBetween(Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM certificate WHERE status = 'ACTIVE' AND not_after >= :from AND not_after < :to "
                                + "ORDER BY not_after, id")
                .bind("from", from).bind("to", to).map(CERT).list());
    }

    public void updateStatus(long certificateId, CertificateStatus status) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE certificate SET status = :s WHERE id = :id")
                .bind("s", status).bind("id", certificateId).execute());
    }

    /** Attaches the DER of a certificate row made without it (training rows get real certificates later). */
    public void attachDer(long certificateId, byte[] der, String sha256Fingerprint) {
        Sql.checkedRun("Certificate " + certificateId, () -> jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE certificate SET der = :der, sha256_fingerprint = :fp WHERE id = :id")
                .bind("der", der).bind("fp", sha256Fingerprint).bind("id", certificateId).execute()));
    }
}
