package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

/**
 * The independent checks: after a re-personalisation through the PKCS#11 adapter on SoftHSM2, OpenSC's
 * pkcs11-tool sees exactly the new key pair and certificate and signs with the new key, OpenSSL verifies that
 * signature with the new certificate, accepts the CSR's self-signature, and chains the certificate to the CA.
 */
@ExtendWith(SoftHsmExtension.class)
class OpenScInteropTest {

    static SoftHsmToken token;
    static Pkcs11TokenPort port;

    @TempDir
    Path dir;

    @BeforeAll
    static void init(SoftHsmToken t) {
        token = t;
        port = Pkcs11TokenPort.open(t.modulePath());
    }

    @BeforeEach
    void oldCustomerToken() {
        try (TokenSession s = port.open(token.serial())) {
            s.login(token.userPinChars());
            OldCustomerToken.personalise(s, TokenPortContract.CA, TokenPortContract.SUBJECT);
        }
    }

    @Test
    void rsa2048RepersonalisationPassesOpenScAndOpenSsl() throws Exception {
        check(KeyAlgorithm.RSA_2048);
    }

    @Test
    void ecP256RepersonalisationPassesOpenScAndOpenSsl() throws Exception {
        check(KeyAlgorithm.EC_P256);
    }

    private void check(KeyAlgorithm algorithm) throws Exception {
        Repersonalisation steps = new Repersonalisation(TokenPortContract.CA.trust(), Clock.systemUTC());
        KeyPlan plan = KeyPlan.fresh(algorithm, LocalDate.now());
        PKCS10CertificationRequest csr;
        X509Certificate issued;
        try (TokenSession s = port.open(token.serial())) {
            s.login(token.userPinChars());
            TokenSnapshot before = steps.verifyToken(s, token.serial());
            steps.generateKey(s, plan);
            csr = steps.createCsr(s, plan.id(), TokenPortContract.SUBJECT);
            issued = TokenPortContract.CA.issue(csr);
            steps.installCertificate(s, plan.id(), plan.label(), issued);
            steps.removeSuperseded(s, plan.id(), before.customerKeyIds());
            assertThat(steps.selfTest(s, plan.id(), before.customerKeyIds()).passed()).isTrue();
        }

        // OpenSC lists exactly one private key, one public key and one certificate, all with the new CKA_ID.
        String listing = tool("--login", "--pin", token.userPin(), "--list-objects");
        assertThat(count(listing, "Private Key Object")).as(listing).isEqualTo(1);
        assertThat(count(listing, "Public Key Object")).as(listing).isEqualTo(1);
        assertThat(count(listing, "Certificate Object")).as(listing).isEqualTo(1);
        assertThat(ids(listing)).as(listing).hasSize(3).containsOnly(plan.id().hex());
        String privateBlock = listing.substring(listing.indexOf("Private Key Object"));
        privateBlock = privateBlock.substring(0, privateBlock.indexOf("Object", 20) > 0 ? privateBlock.indexOf("Object", 20) : privateBlock.length());
        assertThat(privateBlock).contains("never extractable").contains("sensitive");
        assertThat(privateBlock).containsPattern("Usage:\\s+sign").doesNotContain("decrypt").doesNotContain("unwrap");

        // pkcs11-tool signs with the new key; openssl verifies with the new certificate.
        Path data = Files.write(dir.resolve("challenge.bin"), "payment 100.00 CNY to 6222".getBytes());
        Path sig = dir.resolve("challenge.sig");
        if (algorithm == KeyAlgorithm.RSA_2048) {
            tool("--login", "--pin", token.userPin(), "--sign", "--id", plan.id().hex(), "-m", "SHA256-RSA-PKCS",
                    "-i", data.toString(), "-o", sig.toString());
        } else {
            // SoftHSM2 has no CKM_ECDSA_SHA256: pkcs11-tool signs the SHA-256 hash with CKM_ECDSA.
            Path hash = Files.write(dir.resolve("challenge.sha256"), MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data)));
            tool("--login", "--pin", token.userPin(), "--sign", "--id", plan.id().hex(), "-m", "ECDSA",
                    "--signature-format", "openssl", "-i", hash.toString(), "-o", sig.toString());
        }
        Path cert = TestCa.writePem(dir.resolve("new.pem"), issued);
        Path pub = dir.resolve("new-pub.pem");
        Files.writeString(pub, SoftHsm.run(token.confFile(), "openssl", "x509", "-in", cert.toString(), "-pubkey", "-noout"));
        assertThat(SoftHsm.run(token.confFile(), "openssl", "dgst", "-sha256", "-verify", pub.toString(),
                "-signature", sig.toString(), data.toString())).contains("Verified OK");

        // openssl accepts the CSR's signature (made on the token) and chains the certificate to the CA.
        Path csrPem = TestCa.writePem(dir.resolve("new.csr"), csr);
        assertThat(SoftHsm.run(token.confFile(), "openssl", "req", "-in", csrPem.toString(), "-verify", "-noout"))
                .containsIgnoringCase("verify OK");
        Path ca = TestCa.writePem(dir.resolve("ca.pem"), TokenPortContract.CA.certificate());
        assertThat(SoftHsm.run(token.confFile(), "openssl", "verify", "-CAfile", ca.toString(), cert.toString()))
                .contains(": OK");
    }

    private static String tool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("pkcs11-tool", "--module", token.modulePath().toString(),
                "--token-label", token.label()));
        cmd.addAll(List.of(args));
        return SoftHsm.run(token.confFile(), cmd.toArray(String[]::new));
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static List<String> ids(String listing) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*ID:\\s*([0-9a-fA-F]+)\\s*$").matcher(listing);
        while (m.find()) {
            ids.add(m.group(1).toLowerCase());
        }
        return ids;
    }
}
