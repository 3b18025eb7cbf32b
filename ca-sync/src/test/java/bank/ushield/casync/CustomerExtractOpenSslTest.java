package bank.ushield.casync;

import bank.ushield.testsupport.OpenSsl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import bank.ushield.casync.ImportResult.ExtractImported;
import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.CustomerExtract.ExtractCard;
import bank.ushield.casync.format.CustomerExtract.ExtractCertificate;
import bank.ushield.casync.format.CustomerExtract.ExtractCustomer;
import bank.ushield.casync.format.CustomerExtract.ExtractDocument;
import bank.ushield.casync.format.CustomerExtract.ExtractToken;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * OpenSSL as the independent judge of customer extracts: it verifies what the simulator signs, and a head office
 * built from the openssl command line only (its own sync key, its own token certificate, card hashes by
 * {@code openssl dgst -mac HMAC}, the envelope by {@code openssl cms -sign}) makes an extract the branch imports.
 */
@ExtendWith(DatabaseFileExtension.class)
class CustomerExtractOpenSslTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String PAN = "6222020200112233445";

    @TempDir
    Path tmp;

    @Test
    void openSslVerifiesTheSimulatorsExtract(DatabaseFile file) throws Exception {
        Clock clock = Clock.systemUTC();
        Path hoDir = tmp.resolve("headoffice");
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(hoDir, clock, HeadOfficeCa.KeyAlgorithm.EC_P256);
        CardMatchingKey key = new CardMatchingKey(HexFormat.of().parseHex(KEY_HEX));
        byte[] cert = headOffice.ca().issue(new org.bouncycastle.pkcs.PKCS10CertificationRequest(
                Branch.csr("CN=Zhang Wei,O=Test Bank,C=CN", Branch.ecKeyPair())), clock.instant()).getEncoded();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path extract = headOffice.writeCustomerExtract("0102", CustomerExtract.cardKeyCheck(key), List.of(
                new ExtractCustomer("CUST0001", "张伟", null, "F", null,
                        List.of(new ExtractDocument("RESIDENT_ID", "11010519491231002X", "张伟", null, null, true)),
                        List.of(ExtractCard.of(PAN, key, CardKind.DEBIT, true, CardStatus.ACTIVE)),
                        List.of(new ExtractToken("TOK-1", null, "U1", "Bank", "ACTIVE", null,
                                List.of(new ExtractCertificate(cert, "ACTIVE")))))), out).file();

        String verify = OpenSsl.run(hoDir, "cms", "-verify", "-binary", "-inform", "DER", "-in", extract.toString(),
                "-CAfile", "ca-cert.pem", "-purpose", "any", "-out", "payload.json");
        assertThat(verify).contains("Verification successful");
        JsonNode payload = JSON.readTree(hoDir.resolve("payload.json").toFile());
        assertThat(payload.get("kind").asText()).isEqualTo("CUSTOMER_EXTRACT");
        assertThat(payload.get("branch").asText()).isEqualTo("0102");
        assertThat(payload.get("manifest").get("customers").asInt()).isEqualTo(1);
        // The card hash and key check are what openssl computes as HMAC-SHA256 with the same key.
        assertThat(payload.get("customers").get(0).get("cards").get(0).get("panHmac").asText())
                .isEqualTo(openSslHmac(PAN));
        assertThat(payload.get("cardKeyCheck").asText()).isEqualTo(openSslHmac("0000000000000000"));
        Files.write(out.resolve("token.der"), Base64.getDecoder().decode(
                payload.get("customers").get(0).get("tokens").get(0).get("certificates").get(0).get("certificate").asText()));
        OpenSsl.run(out, "x509", "-inform", "DER", "-in", "token.der", "-out", "token.pem");
        assertThat(OpenSsl.run(out, "verify", "-CAfile", hoDir.resolve("ca-cert.pem").toString(), "token.pem"))
                .contains("OK");
    }

    @Test
    void anExtractMadeWithOpenSslImportsAndTheCustomerIsFound(DatabaseFile file) throws Exception {
        Path ho = Files.createDirectories(tmp.resolve("openssl-ho"));
        OpenSsl.run(ho, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ho.key", "-out", "ho.pem", "-days", "365",
                "-subj", "/C=CN/O=Independent Bank/CN=OpenSSL Head Office Batch Sync");
        OpenSsl.run(ho, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "token.key", "-out", "token.pem", "-days", "1826", "-subj", "/C=CN/O=Independent Bank/CN=Li Na");
        OpenSsl.run(ho, "x509", "-in", "token.pem", "-outform", "DER", "-out", "token.der");

        ObjectNode extract = JSON.createObjectNode();
        extract.put("format", "ushield-ca-batch").put("version", 1).put("kind", "CUSTOMER_EXTRACT")
                .put("branch", "0102").put("sequence", 7).put("createdAt", "2026-11-25T02:00:00Z")
                .put("cardKeyCheck", openSslHmac("0000000000000000"));
        extract.putObject("manifest").put("customers", 1).put("documents", 1).put("cards", 1).put("tokens", 1)
                .put("certificates", 1);
        ObjectNode c = extract.putArray("customers").addObject();
        c.put("customerNo", "CUST0042").put("name", "李娜").put("birthDate", "1988-01-01").put("gender", "F");
        c.putArray("documents").addObject().put("type", "RESIDENT_ID").put("number", "440524188001010014")
                .put("name", "李娜").put("validFrom", "2015-01-01").putNull("validTo").put("primary", true);
        c.putArray("cards").addObject().put("bin", "622202").put("last4", "3445").put("panLength", 19)
                .put("panHmac", openSslHmac(PAN)).put("kind", "DEBIT").put("onlineBanking", true).put("status", "ACTIVE");
        ObjectNode token = c.putArray("tokens").addObject();
        token.put("serial", "HSM-0042").put("mediaVoucherNo", "0042004200").put("model", "U-shield 3")
                .put("manufacturer", "Bank").put("status", "ACTIVE").put("registeredAt", "2021-11-01T00:00:00Z");
        token.putArray("certificates").addObject()
                .put("certificate", Base64.getEncoder().encodeToString(Files.readAllBytes(ho.resolve("token.der"))))
                .put("status", "ACTIVE");
        Files.writeString(ho.resolve("extract.json"), JSON.writeValueAsString(extract), StandardCharsets.UTF_8);

        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        String name = CustomerExtract.fileName("0102", 7);
        OpenSsl.run(ho, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-outform", "DER",
                "-signer", "ho.pem", "-inkey", "ho.key", "-in", "extract.json", "-out", name);
        Files.copy(ho.resolve(name), branch.folders.inbox().resolve(name));

        CardMatchingKey key = new CardMatchingKey(HexFormat.of().parseHex(KEY_HEX));
        X509CertificateHolder pinned = HeadOfficeCa.readCert(ho.resolve("ho.pem"));
        CustomerExtractImporter extracts = new CustomerExtractImporter(branch.jdbi, Branch.WS, branch.folders, pinned,
                key, branch.audit, Branch.CLOCK, ExtractRecordRules.formOnly());
        List<ImportResult> results = branch.importer(pinned).withCustomerExtracts(extracts).importInbox();

        assertThat(results).singleElement().isInstanceOfSatisfying(ExtractImported.class,
                r -> assertThat(r.extractId()).isEqualTo("CUS-0102-00000007"));
        Repositories repos = new Repositories(branch.db, key, new PasswordHasher(), Branch.CLOCK);
        var doc = repos.customers().findDocument(IdentityDocumentType.RESIDENT_ID, "440524188001010014").orElseThrow();
        assertThat(repos.customers().find(doc.customerId()).orElseThrow().customerNo()).isEqualTo("CUST0042");
        assertThat(repos.cards().findByPan(PAN).orElseThrow().customerId()).isEqualTo(doc.customerId());
        var tok = repos.tokens().findBySerial("HSM-0042").orElseThrow();
        assertThat(repos.certificates().activeOfToken(tok.id()).orElseThrow().subjectDn()).contains("CN=Li Na");
    }

    /** HMAC-SHA256 of the text with the test key, computed by openssl. */
    private String openSslHmac(String text) throws Exception {
        Path in = Files.writeString(tmp.resolve("hmac-in.txt"), text, StandardCharsets.US_ASCII);
        String out = OpenSsl.run(tmp, "dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + KEY_HEX, in.toString());
        return out.substring(out.lastIndexOf('=') + 1).strip();
    }
}
