package bank.ushield.casync;

import bank.ushield.testsupport.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * A head office no one here wrote: an OpenSSL-made CA (RSA-2048) and an OpenSSL-made sync key verify our request
 * batch and its CSRs with the openssl command line, issue with `openssl ca`, revoke the superseded certificate, and
 * answer with a batch built by `openssl cms -sign`; the branch imports it.
 */
@ExtendWith(DatabaseFileExtension.class)
class OpenSslInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void openSslHeadOfficeServesOurBatchAndWeImportItsAnswer(DatabaseFile file) throws Exception {
        Path ca = Files.createDirectories(tmp.resolve("openssl-ca"));
        createOpenSslCa(ca);
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        Files.writeString(ca.resolve("workstation.pem"), Pki.pem(branch.signer.certificate()));

        // The customer's previous certificate was issued by the same (OpenSSL) CA: the renewal supersedes it.
        KeyPair oldKey = Branch.ecKeyPair();
        Files.write(ca.resolve("old.der"), Branch.csr("CN=Customer 1,O=Test Bank,C=CN", oldKey));
        OpenSsl.run(ca, "req", "-inform", "DER", "-in", "old.der", "-out", "old-csr.pem");
        OpenSsl.run(ca, "ca", "-batch", "-config", "ca.cnf", "-extensions", "client_cert", "-notext",
                "-in", "old-csr.pem", "-out", "old.pem");
        X509CertificateHolder old = new X509CertificateHolder(pemToDer(ca.resolve("old.pem")));
        String issued = branch.queueCase(null);
        String rejected = branch.queueCase(null);
        branch.jdbi.useHandle(h -> {
            long oldId = h.createUpdate("INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, "
                            + "not_after, sha256_fingerprint, status, der) VALUES (1, :serial, :issuer, :subject, :nb, :na, :fp, 'ACTIVE', :der)")
                    .bind("serial", old.getSerialNumber().toString(16)).bind("issuer", old.getIssuer().toString())
                    .bind("subject", old.getSubject().toString()).bind("nb", old.getNotBefore().toInstant())
                    .bind("na", old.getNotAfter().toInstant()).bind("fp", Pki.sha256Hex(old.getEncoded()))
                    .bind("der", old.getEncoded()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.execute("UPDATE renewal_case SET old_certificate_id = ? WHERE case_no = ?", oldId, issued);
        });

        ExportedBatch batch = branch.exporter().export().orElseThrow();
        Path request = Files.copy(batch.file(), ca.resolve(batch.file().getFileName()));

        // 1. openssl cms -verify accepts our batch (signer = the registered workstation certificate).
        String verify = OpenSsl.run(ca, "cms", "-verify", "-binary", "-inform", "DER", "-in", request.getFileName().toString(),
                "-CAfile", "workstation.pem", "-purpose", "any", "-out", "request.json");
        assertThat(verify).contains("Verification successful");
        JsonNode payload = JSON.readTree(ca.resolve("request.json").toFile());
        assertThat(payload.get("kind").asText()).isEqualTo("REQUEST");
        assertThat(payload.get("sequence").asLong()).isEqualTo(1);

        // 2. openssl req -verify accepts every CSR; the key hash is what the format says it is.
        Map<String, String> keyHashes = new HashMap<>();
        for (JsonNode r : payload.get("requests")) {
            String id = r.get("requestId").asText();
            Files.write(ca.resolve(id + ".der"), Base64.getDecoder().decode(r.get("csr").asText()));
            assertThat(OpenSsl.run(ca, "req", "-inform", "DER", "-in", id + ".der", "-verify", "-noout"))
                    .contains("verify OK");
            OpenSsl.run(ca, "req", "-inform", "DER", "-in", id + ".der", "-out", id + ".pem");
            OpenSsl.run(ca, "req", "-in", id + ".pem", "-pubkey", "-noout", "-out", id + "-pub.pem");
            OpenSsl.run(ca, "pkey", "-pubin", "-in", id + "-pub.pem", "-outform", "DER", "-out", id + "-pub.der");
            String hash = Pki.sha256Hex(Files.readAllBytes(ca.resolve(id + "-pub.der")));
            assertThat(r.get("csrKeySha256").asText()).isEqualTo(hash);
            keyHashes.put(id, hash);
        }
        JsonNode revocation = payload.get("revocations").get(0);
        assertThat(revocation.get("serialHex").asText()).isEqualTo(old.getSerialNumber().toString(16));
        assertThat(revocation.get("reason").asText()).isEqualTo("superseded");

        // 3. openssl ca issues one, the head office rejects the other, revokes the superseded one, makes a CRL.
        OpenSsl.run(ca, "ca", "-batch", "-config", "ca.cnf", "-extensions", "client_cert", "-notext",
                "-in", issued + ".pem", "-out", issued + "-cert.pem");
        assertThat(OpenSsl.run(ca, "verify", "-CAfile", "ca.pem", issued + "-cert.pem")).contains("OK");
        OpenSsl.run(ca, "ca", "-config", "ca.cnf", "-revoke", "old.pem", "-crl_reason", "superseded");
        OpenSsl.run(ca, "ca", "-config", "ca.cnf", "-gencrl", "-out", "ca.crl");

        // 4. The answer: the JSON payload wrapped by openssl cms -sign with the head office's sync key.
        ObjectNode response = JSON.createObjectNode();
        response.put("format", "ushield-ca-batch").put("version", 1).put("kind", "RESPONSE")
                .put("workstation", Branch.WS).put("sequence", 1).put("createdAt", "2026-11-25T03:00:00Z");
        response.putArray("inReplyTo").add(1);
        response.putObject("manifest").put("issued", 1).put("rejected", 1).put("caCertificates", 1).put("crls", 1)
                .put("tokenUpdates", 0);
        response.putArray("issued").addObject().put("requestId", issued)
                .put("certificate", b64(pemToDer(ca.resolve(issued + "-cert.pem"))));
        response.putArray("rejected").addObject().put("requestId", rejected).put("csrKeySha256", keyHashes.get(rejected))
                .put("code", "POLICY").put("reason", "Identity document not accepted by head office");
        response.putArray("caChain").add(b64(pemToDer(ca.resolve("ca.pem"))));
        ArrayNode crls = response.putArray("crls");
        crls.add(b64(pemToDer(ca.resolve("ca.crl"))));
        Files.writeString(ca.resolve("response.json"), JSON.writeValueAsString(response), StandardCharsets.UTF_8);
        String rsp = ResponseBatchImporter.fileName(Branch.WS, 1);
        OpenSsl.run(ca, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-outform", "DER",
                "-signer", "ho.pem", "-inkey", "ho.key", "-in", "response.json", "-out", rsp);
        Files.copy(ca.resolve(rsp), branch.folders.inbox().resolve(rsp));

        // 5. The branch, pinning the OpenSSL-made head-office certificate, imports it.
        X509CertificateHolder pinned = new X509CertificateHolder(pemToDer(ca.resolve("ho.pem")));
        List<ImportResult> results = branch.importer(pinned).importInbox();

        assertThat(results).singleElement().isInstanceOfSatisfying(Imported.class, r -> {
            assertThat(r.issued()).isEqualTo(1);
            assertThat(r.rejected()).isEqualTo(1);
        });
        assertThat(branch.state(issued)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.state(rejected)).isEqualTo("ABORTED");
        byte[] certDer = branch.jdbi.withHandle(h -> h.createQuery(
                "SELECT certificate_der FROM ca_response_item WHERE outcome = 'ISSUED'").mapTo(byte[].class).one());
        X509CertificateHolder cert = new X509CertificateHolder(certDer);
        assertThat(cert.getSubjectPublicKeyInfo()).isEqualTo(
                SubjectPublicKeyInfo.getInstance(branch.caseKeys.get(issued).getPublic().getEncoded()));
        RoundTripTest.assertBankClientProfile(cert, new X509CertificateHolder(pemToDer(ca.resolve("ca.pem"))));
        byte[] crlDer = branch.jdbi.withHandle(h -> h.createQuery("SELECT der FROM ca_crl").mapTo(byte[].class).one());
        X509CRLHolder crl = new X509CRLHolder(crlDer);
        assertThat(crl.getRevokedCertificate(old.getSerialNumber())).isNotNull();
    }

    @Test
    void openSslVerifiesTheSimulatorsResponseBatch(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        String caseNo = branch.queueCase(null);
        ExportedBatch batch = branch.exporter().export().orElseThrow();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path rsp = headOffice.process(batch.file(), out, RejectionPolicy.none()).responseFile();

        String verify = OpenSsl.run(tmp.resolve("headoffice"), "cms", "-verify", "-binary", "-inform", "DER",
                "-in", rsp.toString(), "-CAfile", "ca-cert.pem", "-purpose", "any", "-out", "payload.json");
        assertThat(verify).contains("Verification successful");
        JsonNode payload = JSON.readTree(tmp.resolve("headoffice/payload.json").toFile());
        Files.write(out.resolve("cert.der"), Base64.getDecoder().decode(payload.get("issued").get(0).get("certificate").asText()));
        OpenSsl.run(out, "x509", "-inform", "DER", "-in", "cert.der", "-out", "cert.pem");
        assertThat(OpenSsl.run(out, "verify", "-CAfile", tmp.resolve("headoffice/ca-cert.pem").toString(),
                "-purpose", "sslclient", "cert.pem")).contains("OK");
        assertThat(payload.get("issued").get(0).get("requestId").asText()).isEqualTo(caseNo);
    }

    /**
     * An all-SM2 head office's batch: OpenSSL 3.0's {@code cms -verify} cannot pass the GM/T 0009 user ID (it verifies
     * SM2 with an empty one and fails, docs/batch-format.md), so OpenSSL judges the pieces: the sync certificate
     * against the SM2 root, the SignerInfo's SM2 signature over its signed attributes, and the content's SM3 digest.
     */
    @Test
    void openSslVerifiesTheSignatureOfAnSm2HeadOfficesBatchPieceByPiece(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        Path ho = tmp.resolve("headoffice");
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(ho, Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.SM2);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        branch.queueCase(null);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path rsp = headOffice.process(branch.exporter().export().orElseThrow().file(), out, RejectionPolicy.none())
                .responseFile();
        String distid = "distid:" + bank.ushield.token.Sm2.DEFAULT_USER_ID;

        assertThat(OpenSsl.run(ho, "verify", "-vfyopt", distid, "-CAfile", "ca-cert.pem", "sync-cert.pem"))
                .contains("sync-cert.pem: OK");
        org.bouncycastle.cms.CMSSignedData cms = new org.bouncycastle.cms.CMSSignedData(Files.readAllBytes(rsp));
        org.bouncycastle.cms.SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.156.10197.1.501");
        Files.write(out.resolve("attrs.der"), signer.getEncodedSignedAttributes());
        Files.write(out.resolve("sig.der"), signer.getSignature());
        Files.write(out.resolve("payload.json"), (byte[]) cms.getSignedContent().getContent());
        OpenSsl.run(out, "x509", "-in", ho.resolve("sync-cert.pem").toString(), "-pubkey", "-noout", "-out", "pub.pem");
        String[] verify = {"pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-digest", "sm3",
            "-in", "attrs.der", "-sigfile", "sig.der", "-pkeyopt", distid};
        assertThat(OpenSsl.tryRun(out, verify).output()).contains("Signature Verified Successfully");
        // The judge can say no: the same signature over altered attributes fails.
        byte[] attrs = signer.getEncodedSignedAttributes();
        attrs[attrs.length - 1] ^= 1;
        Files.write(out.resolve("attrs.der"), attrs);
        assertThat(OpenSsl.tryRun(out, verify).output()).doesNotContain("Signature Verified Successfully");
        // The signed messageDigest attribute is the SM3 of the payload.
        byte[] digest = org.bouncycastle.asn1.ASN1OctetString.getInstance(signer.getSignedAttributes()
                .get(org.bouncycastle.asn1.cms.CMSAttributes.messageDigest).getAttrValues().getObjectAt(0)).getOctets();
        assertThat(OpenSsl.run(out, "dgst", "-sm3", "-r", "payload.json"))
                .startsWith(java.util.HexFormat.of().formatHex(digest));
    }

    private static void createOpenSslCa(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("newcerts"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ ca ]
                default_ca = ho_ca

                [ ho_ca ]
                dir              = .
                database         = $dir/index.txt
                new_certs_dir    = $dir/newcerts
                serial           = $dir/serial
                crlnumber        = $dir/crlnumber
                certificate      = $dir/ca.pem
                private_key      = $dir/ca.key
                default_md       = sha256
                default_days     = 1826
                default_crl_days = 7
                policy           = policy_any
                unique_subject   = no
                copy_extensions  = none
                preserve         = yes

                [ policy_any ]
                countryName      = optional
                organizationName = optional
                commonName       = supplied

                [ client_cert ]
                basicConstraints       = critical, CA:FALSE
                keyUsage               = critical, digitalSignature, nonRepudiation
                extendedKeyUsage       = clientAuth
                subjectKeyIdentifier   = hash
                authorityKeyIdentifier = keyid
                crlDistributionPoints  = URI:http://pki.bank.example/crl/client.crl

                [ crl_ext ]
                authorityKeyIdentifier = keyid
                """);
        OpenSsl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "3650", "-subj", "/C=CN/O=Independent Bank/CN=OpenSSL Head Office CA",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        OpenSsl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ho.key", "-out", "ho.pem",
                "-days", "365", "-subj", "/C=CN/O=Independent Bank/CN=OpenSSL Head Office Batch Sync");
    }

    private static byte[] pemToDer(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String body = text.substring(text.indexOf("-----", text.indexOf("-----BEGIN") + 10) + 5, text.indexOf("-----END"));
        return Base64.getMimeDecoder().decode(body);
    }

    private static String b64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
