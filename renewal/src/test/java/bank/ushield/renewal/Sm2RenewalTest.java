package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.VerifyReport;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.testsupport.OpenSsl;
import bank.ushield.testsupport.Sm2VendorToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.Sm2;
import bank.ushield.token.pin.PinPrompter;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.token.pkcs11.VendorProfiles;

/**
 * An SM2 U-shield renewed end to end: on the vendor-like PKCS#11 test module through the real wrapper, and on the
 * simulated token in training; head office certifies the SM2 key from its SM2 root, and OpenSSL (with the GM/T 0009
 * user ID) verifies the request the token signed and the certificate installed.
 */
class Sm2RenewalTest {

    static final String DISTID = "distid:" + Sm2.DEFAULT_USER_ID;

    @Test
    void anSm2VendorTokenIsRenewedEndToEndAndOpenSslAgrees(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        Sm2VendorToken token = Sm2VendorToken.build(dir.resolve("token"));
        Path data = dir.resolve("data");
        Seed.site(data, clock);
        Seed.customer(data, clock, "C0046", "李四", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                Sm2VendorToken.SERIAL, 45);
        PinPrompter pin = r -> Sm2VendorToken.PIN.toCharArray();
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(data, Seed.WS, KeyAlgorithm.SM2, clock,
                Pkcs11TokenPort.open(token.module(), VendorProfiles.load(token.profiles())),
                RenewalWorkstation.Hooks.NONE)) {
            String oldKeyId = ws.trainingWorld().orElseThrow().personaliseOld(Sm2VendorToken.SERIAL,
                    Sm2VendorToken.PIN.toCharArray(), KeyAlgorithm.SM2);
            RenewalService s = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
            RenewalCase c = renew(s, "C0046", "李四", Sm2VendorToken.SERIAL, pin, dir, ws);
            assertThat(c.oldKeyId()).isEqualTo(oldKeyId);
            assertThat(c.newKeyId()).isNotEqualTo(oldKeyId);
            assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
        }
    }

    @Test
    void inTrainingTheSimulatedTokenIsRenewedWithSm2(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        Seed.site(dir, clock);
        Seed.customer(dir, clock, "C0047", "王五", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                "SIM0000000000047", 45);
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.SM2, clock)) {
            ws.trainingWorld().orElseThrow().insert("SIM0000000000047");
            RenewalService s = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
            renew(s, "C0047", "王五", "SIM0000000000047", r -> TrainingWorld.TOKEN_PIN.toCharArray(),
                    dir.resolve("judge"), ws);
            VerifyReport report = AuditVerifier.verify(ws.database());
            assertThat(report.ok()).as(report.summary()).isTrue();
        }
    }

    @Test
    void thePolicyForTheModelMakesSm2InTrainingAndTheTokenStepSaysSo(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        Seed.site(dir, clock);
        Seed.customer(dir, clock, "C0048", "赵六", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                "SIM0000000000048", 45);
        Files.writeString(dir.resolve(KeyPolicy.FILE), "model.U-shield\\ SIM=sm2\n");
        // The workstation's own setting is EC P-256: the model's rule wins.
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, clock)) {
            ws.trainingWorld().orElseThrow().insert("SIM0000000000048");
            RenewalService s = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
            RenewalCase c = s.open("C0048");
            assertThat(s.keyChoice(c.id())).isEmpty();
            s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "赵六",
                    LocalDate.of(1949, 12, 31), null, null, true));
            s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
            s.verifyToken(c.id(), Seed.voucher("SIM0000000000048"));
            assertThat(s.keyChoice(c.id())).hasValueSatisfying(k -> {
                assertThat(k).isEqualTo(new KeyChoice(KeyKind.SM2, KeyChoice.Basis.MODEL_POLICY));
                assertThat(k.words(java.util.Locale.SIMPLIFIED_CHINESE)).contains("SM2");
            });
            s.generateKey(c.id(), r -> TrainingWorld.TOKEN_PIN.toCharArray());
            byte[] request = ws.database().jdbi().withHandle(h -> h
                    .createQuery("SELECT csr_der FROM renewal_case WHERE id = :c").bind("c", c.id()).mapTo(byte[].class).one());
            assertThat(KeyKind.ofRequest(request)).isEqualTo(KeyKind.SM2);
        }
    }

    @Test
    void aModelThatCannotMakeThePolicysKeyIsSentToReplacementAndTheTokenIsUntouched(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        Sm2VendorToken token = Sm2VendorToken.build(dir.resolve("token"));
        Path data = dir.resolve("data");
        Seed.site(data, clock);
        Seed.customer(data, clock, "C0049", "孙七", "11010519491231002X", LocalDate.of(1949, 12, 31), Seed.PAN,
                Sm2VendorToken.SERIAL, 45);
        Files.writeString(data.resolve(KeyPolicy.FILE), "model.GM3000=rsa-2048\n");
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(data, Seed.WS, KeyAlgorithm.SM2, clock,
                Pkcs11TokenPort.open(token.module(), VendorProfiles.load(token.profiles())),
                RenewalWorkstation.Hooks.NONE)) {
            ws.trainingWorld().orElseThrow().personaliseOld(Sm2VendorToken.SERIAL, Sm2VendorToken.PIN.toCharArray(),
                    KeyAlgorithm.SM2);
            String before = Files.readString(dir.resolve("token").resolve("sm2-token-store.txt"));
            RenewalService s = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
            RenewalCase c = s.open("C0049");
            s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", "孙七",
                    LocalDate.of(1949, 12, 31), null, null, true));
            s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
            assertThat(s.verifyToken(c.id(), Seed.voucher(Sm2VendorToken.SERIAL))).isInstanceOf(Outcome.Advanced.class);
            assertThat(s.keyChoice(c.id())).contains(new KeyChoice(null, KeyChoice.Basis.MODEL_CANNOT));

            Outcome o = s.generateKey(c.id(), r -> Sm2VendorToken.PIN.toCharArray());
            assertThat(o).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
                assertThat(r.problem().code()).isEqualTo(ProblemCode.TOKEN_NEEDS_REPLACEMENT);
                assertThat(r.problem().explain(java.util.Locale.ENGLISH).problem()).contains("cannot make the key");
            });
            assertThat(s.find(c.id()).state()).isEqualTo(CaseState.TOKEN_VERIFIED);
            assertThat(Files.readString(dir.resolve("token").resolve("sm2-token-store.txt"))).isEqualTo(before);
        }
    }

    /** The counter steps, then OpenSSL on the request and on the certificate the case installed. */
    private static RenewalCase renew(RenewalService s, String customer, String name, String serial, PinPrompter pin,
                                     Path judge, RenewalWorkstation ws) throws Exception {
        Files.createDirectories(judge);
        RenewalCase c = s.open(customer);
        s.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", "11010519491231002X", name,
                LocalDate.of(1949, 12, 31), null, null, true));
        s.verifyCard(c.id(), new PresentedCard(Seed.PAN, true));
        assertThat(s.verifyToken(c.id(), Seed.voucher(serial))).isInstanceOf(Outcome.Advanced.class);
        assertThat(s.generateKey(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.KEY_GENERATED);
        s.queueRequest(c.id());
        byte[] request = ws.database().jdbi().withHandle(h -> h
                .createQuery("SELECT csr_der FROM renewal_case WHERE id = :c").bind("c", c.id()).mapTo(byte[].class).one());
        assertThat(new PKCS10CertificationRequest(request).getSignatureAlgorithm().getAlgorithm().getId())
                .isEqualTo("1.2.156.10197.1.501");
        Files.write(judge.resolve("request.der"), request);
        String verified = OpenSsl.tryRun(judge, "req", "-verify", "-vfyopt", DISTID, "-inform", "DER",
                "-in", "request.der", "-noout").output();
        assertThat(verified).contains("verify OK").doesNotContain("verify failure");

        assertThat(s.syncNow().certificatesReceived()).isEqualTo(1);
        assertThat(s.install(c.id(), pin).renewalCase().state()).isEqualTo(CaseState.CERT_INSTALLED);
        assertThat(s.selfTest(c.id(), pin)).isInstanceOf(Outcome.Advanced.class);
        RenewalCase done = s.complete(c.id()).renewalCase();
        assertThat(done.state()).isEqualTo(CaseState.COMPLETED);

        byte[] cert = ws.database().jdbi().withHandle(h -> h.createQuery("SELECT ri.certificate_der FROM ca_response_item ri "
                + "WHERE ri.case_id = :c").bind("c", c.id()).mapTo(byte[].class).one());
        X509CertificateHolder holder = new X509CertificateHolder(cert);
        assertThat(holder.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.156.10197.1.501");
        Files.write(judge.resolve("new.der"), cert);
        OpenSsl.run(judge, "x509", "-inform", "DER", "-in", "new.der", "-out", "new.pem");
        Path sm2Root = ws.dataFolder().resolve("head-office").resolve("sm2-ca-cert.pem");
        assertThat(OpenSsl.run(judge, "verify", "-vfyopt", DISTID, "-CAfile", sm2Root.toString(), "new.pem"))
                .contains("new.pem: OK");
        Receipt receipt = s.receipt(c.id());
        assertThat(receipt.newCertificate().serialHex()).isEqualTo(holder.getSerialNumber().toString(16));
        assertThat(receipt.newCertificate().keyKind()).isEqualTo(KeyKind.SM2);
        assertThat(ws.receiptPdf().render(receipt)).isNotEmpty();
        // The audit entry of the key step names the algorithm in words.
        java.util.List<String> keyStep = ws.database().jdbi().withHandle(h -> h.createQuery("SELECT details FROM audit_entry "
                + "WHERE event_type = 'CASE_KEY_GENERATED' AND case_id = :c").bind("c", c.id()).mapTo(String.class).list());
        assertThat(keyStep).singleElement().satisfies(d -> assertThat(d).contains("\"keyAlgorithm\":\"SM2\""));
        return done;
    }
}
