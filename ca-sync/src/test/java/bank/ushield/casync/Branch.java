package bank.ushield.casync;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.Pki;
import bank.ushield.db.Database;

/** A branch workstation for tests: a real SQLite file with reference rows, queued cases and a workstation key. */
final class Branch {

    static final String WS = "0102-W03";
    static final Clock CLOCK = Clock.systemUTC();

    final Database db;
    final String workstation;
    final Jdbi jdbi;
    final SyncFolders folders;
    final KeyBatchSigner signer;
    final TableAuditTrail audit = new TableAuditTrail();
    /** Key pairs of the queued cases, by case number. */
    final Map<String, KeyPair> caseKeys = new LinkedHashMap<>();
    private int caseCounter;

    Branch(Path dbFile, Path root) throws Exception {
        this(Database.open(dbFile), WS, 0, root);
    }

    /**
     * Workstation {@code workstation} of the branch on {@code db} (either engine; several on one PostgreSQL database),
     * numbering its cases, customers and tokens from {@code firstCase} + 1 so they do not meet another's.
     */
    Branch(Database db, String workstation, int firstCase, Path root) throws Exception {
        this.db = db;
        this.jdbi = db.jdbi();
        this.workstation = workstation;
        this.caseCounter = firstCase;
        this.folders = SyncFolders.under(root).create();
        KeyPair wsKey = ecKeyPair();
        this.signer = new KeyBatchSigner(wsKey.getPrivate(), selfSigned("CN=Workstation " + workstation
                + ",O=Test Bank,C=CN", wsKey));
        jdbi.useHandle(h -> {
            TableAuditTrail.createTable(h);
            h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Test branch') ON CONFLICT DO NOTHING");
            h.execute("INSERT INTO workstation (id, branch_id, name, created_at) VALUES (?, '0102', ?, "
                    + "'2026-01-01T00:00:00Z')", workstation, "Counter " + workstation);
            h.execute("INSERT INTO staff_user (login, display_name, role, branch_id, password_hash, created_at, password_changed_at) "
                    + "VALUES ('t01', 'Teller One', 'TELLER', '0102', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') "
                    + "ON CONFLICT DO NOTHING");
        });
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static X509CertificateHolder selfSigned(String dn, KeyPair kp) throws Exception {
        X500Name name = new X500Name(dn);
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(86400L * 365)), name, kp.getPublic())
                .build(new JcaContentSignerBuilder(KeyBatchSigner.signatureAlgorithm(kp.getPrivate())).build(kp.getPrivate()));
    }

    static byte[] csr(String dn, KeyPair kp) throws Exception {
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(dn), kp.getPublic())
                .build(new JcaContentSignerBuilder(KeyBatchSigner.signatureAlgorithm(kp.getPrivate())).build(kp.getPrivate()));
        return csr.getEncoded();
    }

    /** Adds a customer, token, old certificate and a case in CSR_QUEUED with a fresh EC key's CSR; returns case_no. */
    String queueCase(String oldIssuer) throws Exception {
        KeyPair kp = ecKeyPair();
        return queueCase(oldIssuer, kp, csr("CN=Customer " + (caseCounter + 1) + ",O=Test Bank,C=CN", kp));
    }

    String queueCase(String oldIssuer, KeyPair kp, byte[] csrDer) throws Exception {
        int n = ++caseCounter;
        String caseNo = String.format("C%06d", n);
        String keySha = Pki.keySha256(new PKCS10CertificationRequest(csrDer).getSubjectPublicKeyInfo());
        jdbi.useHandle(h -> insertCase(h, n, caseNo, oldIssuer, csrDer, keySha));
        caseKeys.put(caseNo, kp);
        return caseNo;
    }

    /** Inserts many cases in one transaction (bench and large tests). */
    void insertCase(Handle h, int n, String caseNo, String oldIssuer, byte[] csrDer, String keySha) {
        String t = "2026-11-01T00:00:00Z";
        long customer = h.createUpdate("INSERT INTO customer (customer_no, name, created_at) VALUES (:no, :name, :t)")
                .bind("no", "CUST" + n).bind("name", "Customer " + n).bind("t", t)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        long token = h.createUpdate("INSERT INTO token (serial, model, manufacturer, customer_id, status, registered_at) "
                        + "VALUES (:s, 'U1', 'Test', :c, 'ACTIVE', :t)")
                .bind("s", "TOK" + n).bind("c", customer).bind("t", t)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        Long oldCert = null;
        if (oldIssuer != null) {
            oldCert = h.createUpdate("INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                            + "sha256_fingerprint, status) VALUES (:tok, :serial, :issuer, :subject, '2021-01-01T00:00:00Z', "
                            + "'2026-01-01T00:00:00Z', :fp, 'ACTIVE')")
                    .bind("tok", token).bind("serial", Integer.toHexString(0x1000 + n)).bind("issuer", oldIssuer)
                    .bind("subject", "CN=Customer " + n).bind("fp", String.format("%064x", n))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }
        // A case starts OPENED and walks the legal path (the renewal module's triggers enforce both).
        long caseId = h.createUpdate("INSERT INTO renewal_case (case_no, workstation_id, teller_login, customer_id, token_id, "
                        + "old_certificate_id, state, opened_at, updated_at) "
                        + "VALUES (:no, :ws, 't01', :c, :tok, :old, 'OPENED', :t, :t)")
                .bind("no", caseNo).bind("ws", workstation).bind("c", customer).bind("tok", token).bind("old", oldCert)
                .bind("t", t).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (String state : List.of("ID_VERIFIED", "CARD_VERIFIED", "TOKEN_VERIFIED", "KEY_GENERATED")) {
            h.execute("UPDATE renewal_case SET state = ? WHERE id = ?", state, caseId);
        }
        h.createUpdate("UPDATE renewal_case SET state = 'CSR_QUEUED', csr_der = :csr, csr_key_sha256 = :key WHERE id = :id")
                .bind("csr", csrDer).bind("key", keySha).bind("id", caseId).execute();
    }

    RequestBatchExporter exporter() {
        return new RequestBatchExporter(jdbi, workstation, folders, signer, audit, AuditCheckpointSource.none(), CLOCK);
    }

    ResponseBatchImporter importer(X509CertificateHolder pinned) {
        return new ResponseBatchImporter(jdbi, workstation, folders, pinned, new CaseStateResponseListener(CLOCK), audit, CLOCK);
    }

    String state(String caseNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM renewal_case WHERE case_no = :n")
                .bind("n", caseNo).mapTo(String.class).one());
    }

    List<String> auditTypes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT type FROM test_audit_event ORDER BY id").mapTo(String.class).list());
    }

    /** Every row of every table, as text: "nothing changed" means this is equal before and after. */
    String dump() {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery(bank.ushield.db.Engine.of(h) == bank.ushield.db.Engine.POSTGRESQL
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                            + "AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%' ORDER BY table_name"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' "
                            + "AND name NOT LIKE 'flyway%' AND name NOT LIKE 'sqlite%' ORDER BY name")
                    .mapTo(String.class).list();
            StringBuilder sb = new StringBuilder();
            for (String t : tables) {
                sb.append("## ").append(t).append('\n');
                List<String> rows = new ArrayList<>();
                h.createQuery("SELECT * FROM " + t).mapToMap().forEach(row -> {
                    List<String> cells = new ArrayList<>();
                    row.forEach((k, v) -> cells.add(k + "=" + (v instanceof byte[] b ? Pki.sha256Hex(b) : v)));
                    rows.add(String.join(", ", cells));
                });
                rows.sort(null); // some tables have no rowid: compare as sorted sets of rows
                rows.forEach(r -> sb.append(r).append('\n'));
            }
            return sb.toString();
        });
    }
}
