package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;

/**
 * The headless end-to-end renewal on a real PKCS#11 token (SoftHSM2): a customer expired 45 days, three checks, a
 * wrong then a right PIN, key and request on the token, batch export, head-office simulator, import, install,
 * self-test, completion; then OpenSC and OpenSSL, not our code, judge the token, and the audit log verifies.
 */
@ExtendWith(SoftHsmExtension.class)
class SoftHsmEndToEndTest {

    @Test
    void renewsARealTokenThatOpenScAndOpenSslAccept(SoftHsmToken hsm, @TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        Seed.site(dir, clock);
        Seed.customer(dir, clock, "C0045", "张三", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                hsm.serial(), 45);
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir, Seed.WS, KeyAlgorithm.EC_P256,
                clock, Pkcs11TokenPort.open(hsm.modulePath()), RenewalWorkstation.Hooks.NONE)) {
            String oldKeyId = ws.trainingWorld().orElseThrow().personaliseOld(hsm.serial(), hsm.userPinChars(),
                    KeyAlgorithm.EC_P256);
            StaffMember teller = ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray());
            RenewalService s = ws.renewals(teller);

            RenewalCase c = s.open("C0045");
            s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "张三",
                    LocalDate.of(1949, 12, 31), null, null, true));
            s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
            assertThat(s.verifyToken(c.id(), Seed.voucher(hsm.serial()))).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.find(c.id()).oldKeyId()).isEqualTo(oldKeyId);

            // Wrong PIN, then the right one: the token step asks again and says the first try failed.
            List<bank.ushield.token.pin.PinRequest> asked = new java.util.ArrayList<>();
            PinPrompter wrongThenRight = r -> {
                asked.add(r);
                return asked.size() == 1 ? "000000".toCharArray() : hsm.userPinChars();
            };
            assertThat(s.generateKey(c.id(), wrongThenRight).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
            assertThat(asked).hasSize(2);
            assertThat(asked.get(1).previousAttemptFailed()).isTrue();
            PinPrompter pin = r -> hsm.userPinChars();
            // The request names the customer as the old certificate does, byte for byte; OpenSSL agrees.
            Path oldDer = dir.resolve("old.der");
            pkcs11(hsm, "--read-object", "--type", "cert", "--id", oldKeyId, "--output-file", oldDer.toString());
            byte[] request = ws.database().jdbi().withHandle(h -> h
                    .createQuery("SELECT csr_der FROM renewal_case WHERE id = :c").bind("c", c.id()).mapTo(byte[].class)
                    .one());
            Path csrDer = Files.write(dir.resolve("request.der"), request);
            assertThat(new org.bouncycastle.pkcs.PKCS10CertificationRequest(Files.readAllBytes(csrDer)).getSubject()
                    .getEncoded()).isEqualTo(new org.bouncycastle.cert.X509CertificateHolder(Files.readAllBytes(oldDer))
                    .getSubject().getEncoded());
            String oldSubject = subjectLine(SoftHsm.run(hsm.confFile(), "openssl", "x509", "-inform", "DER", "-in",
                    oldDer.toString(), "-noout", "-subject"));
            assertThat(oldSubject).startsWith("C = CN");
            assertThat(subjectLine(SoftHsm.run(hsm.confFile(), "openssl", "req", "-inform", "DER", "-in",
                    csrDer.toString(), "-noout", "-subject"))).isEqualTo(oldSubject);
            s.queueRequest(c.id());
            assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
            s.install(c.id(), pin);
            assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
            RenewalCase done = s.complete(c.id()).renewalCase();
            assertThat(done.state()).isEqualTo(CaseState.COMPLETED);

            // OpenSC sees exactly the new key pair and certificate.
            String objects = pkcs11(hsm, "--list-objects");
            List<String> ids = ids(objects);
            assertThat(ids).isNotEmpty().allMatch(id -> id.equalsIgnoreCase(done.newKeyId()));
            assertThat(objects).contains("Private Key Object").contains("Certificate Object");
            assertThat(objects.split("Private Key Object", -1)).hasSize(2);

            // OpenSC signs with the new key; OpenSSL verifies with the new certificate, which chains to the CA.
            Path data = Files.writeString(dir.resolve("challenge.txt"), "renewal " + done.caseNo());
            Path hash = dir.resolve("challenge.sha256");
            SoftHsm.run(hsm.confFile(), "openssl", "dgst", "-sha256", "-binary", "-out", hash.toString(), data.toString());
            Path sig = dir.resolve("challenge.sig");
            pkcs11(hsm, "--sign", "--id", done.newKeyId(), "-m", "ECDSA", "--signature-format", "openssl",
                    "--input-file", hash.toString(), "--output-file", sig.toString());
            Path certDer = dir.resolve("new.der");
            pkcs11(hsm, "--read-object", "--type", "cert", "--id", done.newKeyId(), "--output-file", certDer.toString());
            Path certPem = dir.resolve("new.pem");
            SoftHsm.run(hsm.confFile(), "openssl", "x509", "-inform", "DER", "-in", certDer.toString(), "-out",
                    certPem.toString());
            assertThat(subjectLine(SoftHsm.run(hsm.confFile(), "openssl", "x509", "-in", certPem.toString(), "-noout",
                    "-subject"))).as("the simulator keeps the request's name").isEqualTo(oldSubject);
            Path pub = dir.resolve("new-pub.pem");
            SoftHsm.run(hsm.confFile(), "openssl", "x509", "-in", certPem.toString(), "-pubkey", "-noout", "-out",
                    pub.toString());
            assertThat(SoftHsm.run(hsm.confFile(), "openssl", "dgst", "-sha256", "-verify", pub.toString(),
                    "-signature", sig.toString(), data.toString())).contains("Verified OK");
            assertThat(SoftHsm.run(hsm.confFile(), "openssl", "verify", "-CAfile",
                    dir.resolve("head-office").resolve("ca-cert.pem").toString(), certPem.toString())).contains("OK");

            // One audit entry per step, and the whole log verifies.
            List<String> types = ws.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT event_type FROM audit_entry WHERE case_id = :c ORDER BY seq").bind("c", c.id())
                    .mapTo(String.class).list());
            assertThat(types).containsSubsequence("CASE_OPENED", "CASE_ID_VERIFIED", "CASE_CARD_VERIFIED",
                    "CASE_TOKEN_VERIFIED", "CASE_KEY_GENERATION_STARTED", "CASE_KEY_GENERATED",
                    "CASE_CSR_QUEUED", "CASE_CERT_RECEIVED", "CASE_CERT_INSTALLED", "CASE_SELF_TEST", "CASE_COMPLETED");
            for (String once : List.of("CASE_OPENED", "CASE_ID_VERIFIED", "CASE_CARD_VERIFIED", "CASE_TOKEN_VERIFIED",
                    "CASE_KEY_GENERATED", "CASE_CSR_QUEUED", "CASE_CERT_RECEIVED", "CASE_CERT_INSTALLED",
                    "CASE_COMPLETED")) {
                assertThat(types).as(once).containsOnlyOnce(once);
            }
            VerifyReport report = AuditVerifier.verify(ws.database());
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    static String pkcs11(SoftHsmToken hsm, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("pkcs11-tool", "--module", hsm.modulePath().toString(),
                "--token-label", hsm.label(), "--login", "--pin", hsm.userPin()));
        cmd.addAll(List.of(args));
        return SoftHsm.run(hsm.confFile(), cmd.toArray(String[]::new));
    }

    /** OpenSSL's "subject=..." line without its prefix. */
    static String subjectLine(String opensslOutput) {
        return opensslOutput.strip().replaceFirst("^subject=\\s*", "");
    }

    static List<String> ids(String listObjects) {
        Matcher m = Pattern.compile("ID:\\s+([0-9a-fA-F]+)").matcher(listObjects);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
