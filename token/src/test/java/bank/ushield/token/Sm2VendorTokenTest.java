package bank.ushield.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.testsupport.OpenSsl;
import bank.ushield.testsupport.Sm2VendorToken;
import bank.ushield.token.pin.PinStatus;
import bank.ushield.token.pkcs11.Pkcs11Directory;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;
import bank.ushield.token.pkcs11.VendorProfiles;

/**
 * SM2 through the real native wrapper on a vendor-like PKCS#11 module (a C test double on OpenSSL's libcrypto with
 * vendor mechanism codes), with OpenSSL as the judge: the request verifies with the GM/T 0009 user ID, a certificate
 * issued by {@code openssl x509 -req -sm3} from an SM2 CA made by openssl installs, and the self-test passes.
 */
class Sm2VendorTokenTest {

    static final String DISTID = "distid:" + Sm2.DEFAULT_USER_ID;
    static final X500Name SUBJECT = new X500Name("CN=Li Si,OU=Personal Banking,O=Test Bank,C=CN");

    @TempDir
    static Path shared;
    static Sm2VendorToken token;
    static Pkcs11TokenPort port;
    static Path ca;

    @TempDir
    Path dir;
    TokenSession session;

    @BeforeAll
    static void build() throws Exception {
        token = Sm2VendorToken.build(shared.resolve("token"));
        port = Pkcs11TokenPort.open(token.module(), VendorProfiles.load(token.profiles()));
        ca = Files.createDirectories(shared.resolve("ca"));
        OpenSsl.run(ca, "genpkey", "-algorithm", "SM2", "-out", "ca.key");
        OpenSsl.run(ca, "req", "-new", "-x509", "-key", "ca.key", "-sm3", "-sigopt", DISTID,
                "-subj", "/CN=GM Test Root CA/O=Test Bank/C=CN", "-days", "3650",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", "ca.pem");
    }

    @BeforeEach
    void openClean() {
        session = port.open(Sm2VendorToken.SERIAL);
        session.login(Sm2VendorToken.PIN.toCharArray());
        for (TokenObject o : session.objects()) {
            if (o.id() != null) {
                session.destroyObjects(o.id());
            }
        }
    }

    @AfterEach
    void close() {
        session.close();
    }

    Repersonalisation steps() throws Exception {
        return new Repersonalisation(TrustedCa.fromFile(ca.resolve("ca.pem")), Clock.systemUTC());
    }

    @Test
    void sm2RenewalOnTheVendorTokenPassesOpenSsl() throws Exception {
        Repersonalisation steps = steps();
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now());
        GeneratedKey key = steps.generateKey(session, plan);
        assertThat(KeyAlgorithm.of(key.publicKey())).isEqualTo(KeyAlgorithm.SM2);
        assertThat(session.objects(plan.id())).extracting(TokenObject::algorithm).containsOnly(KeyAlgorithm.SM2);

        PKCS10CertificationRequest csr = steps.createCsr(session, plan.id(), SUBJECT);
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.156.10197.1.501");
        Files.write(dir.resolve("req.der"), csr.getEncoded());
        assertThat(opensslVerifiesRequest("req.der", DISTID)).isTrue();
        // The user ID is part of what was signed: with another one OpenSSL refuses the same request.
        assertThat(opensslVerifiesRequest("req.der", "distid:0000000000000000")).isFalse();

        X509Certificate issued = opensslIssues("req.der");
        assertThat(issued.getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
        assertThat(steps.installCertificate(session, plan.id(), plan.label(), issued)).isEqualTo(InstallOutcome.INSTALLED);
        SelfTestReport report = steps.selfTest(session, plan.id(), Set.of());
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(session.certificates()).singleElement().isEqualTo(issued);
    }

    @Test
    void aTokenThatComputesZItselfSignsTheSameWay() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Sm2VendorToken.writeProfile(profiles, "test-gm", "token", Sm2VendorToken.SIGN_SM3, Sm2VendorToken.KEY_PAIR_GEN);
        session.close();
        Pkcs11TokenPort zOnToken = Pkcs11TokenPort.open(token.module(), VendorProfiles.load(profiles));
        session = zOnToken.open(Sm2VendorToken.SERIAL);
        session.login(Sm2VendorToken.PIN.toCharArray());
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now());
        GeneratedKey key = steps().generateKey(session, plan);
        byte[] message = "challenge".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = session.sign(plan.id(), message);
        assertThat(Sm2.verifies(key.publicKey(), Sm2.defaultUserId(), message, signature)).isTrue();
        assertThat(Sm2.verifies(key.publicKey(), "another-user-id".getBytes(StandardCharsets.US_ASCII), message, signature))
                .isFalse();
        Files.write(dir.resolve("req.der"), steps().createCsr(session, plan.id(), SUBJECT).getEncoded());
        assertThat(opensslVerifiesRequest("req.der", DISTID)).isTrue();
    }

    @Test
    void aCertificateForAnotherSm2KeyIsRefusedAndNothingIsWritten() throws Exception {
        Repersonalisation steps = steps();
        KeyPlan plan = KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now());
        steps.generateKey(session, plan);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", KeyEncoding.BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        KeyPair other = g.generateKeyPair();
        PKCS10CertificationRequest foreign = new JcaPKCS10CertificationRequestBuilder(SUBJECT, other.getPublic())
                .build(Sm2.contentSigner(other.getPrivate(), Sm2.defaultUserId()));
        Files.write(dir.resolve("other.der"), foreign.getEncoded());
        X509Certificate forOtherKey = opensslIssues("other.der");

        assertThatThrownBy(() -> steps.installCertificate(session, plan.id(), plan.label(), forOtherKey))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.problem()).isEqualTo(TokenProblem.CERTIFICATE_MISMATCH));
        assertThat(session.certificates()).isEmpty();
    }

    @Test
    void aProfileWithAMechanismTheTokenDoesNotKnowIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Sm2VendorToken.writeProfile(profiles, "test-gm", "workstation", Sm2VendorToken.SIGN_RAW, 0x8000ABCDL);
        session.close();
        session = Pkcs11TokenPort.open(token.module(), VendorProfiles.load(profiles)).open(Sm2VendorToken.SERIAL);
        session.login(Sm2VendorToken.PIN.toCharArray());
        List<TokenObject> before = session.objects();

        assertThatThrownBy(() -> steps().generateKey(session, KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now())))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.problem()).isEqualTo(TokenProblem.UNSUPPORTED_MECHANISM);
                    assertThat(e.getMessage()).contains("0x8000ABCD").contains("test-gm");
                });
        assertThat(session.objects()).isEqualTo(before);
    }

    @Test
    void withoutAProfileSm2IsRefusedWithTheTokenModelNamed() {
        session.close();
        session = Pkcs11TokenPort.open(token.module()).open(Sm2VendorToken.SERIAL);
        session.login(Sm2VendorToken.PIN.toCharArray());
        assertThatThrownBy(() -> session.generateKeyPair(KeyPlan.fresh(KeyAlgorithm.SM2, LocalDate.now())))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.problem()).isEqualTo(TokenProblem.UNSUPPORTED_MECHANISM);
                    assertThat(e.getMessage()).contains("GM3000-TEST").contains("vendor profile");
                });
    }

    @Test
    void detectTokensShowsSm2OnlyWhereAProfileFits() {
        session.close();
        try {
            assertThat(Pkcs11Directory.list(token.module(), VendorProfiles.load(token.profiles())).slots())
                    .singleElement().satisfies(s -> assertThat(s.algorithms()).containsExactly(KeyAlgorithm.SM2));
            assertThat(Pkcs11Directory.list(token.module()).slots())
                    .singleElement().satisfies(s -> assertThat(s.algorithms()).isEmpty());
        } finally {
            session = port.open(Sm2VendorToken.SERIAL);
        }
    }

    @Test
    void wrongPinsCountDownAndLockTheVendorToken() throws Exception {
        // SoftHSM2 never locks a PIN; this token counts tries as a U-shield does, through the real wrapper.
        Sm2VendorToken own = Sm2VendorToken.build(dir.resolve("own"));
        Pkcs11TokenPort ownPort = Pkcs11TokenPort.open(own.module(), VendorProfiles.load(own.profiles()));
        try (TokenSession s = ownPort.open(Sm2VendorToken.SERIAL)) {
            assertThatThrownBy(() -> s.login("000000".toCharArray())).isInstanceOfSatisfying(TokenException.class, e -> {
                assertThat(e.problem()).isEqualTo(TokenProblem.WRONG_PIN);
                assertThat(e.pinStatus()).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PinStatus.State.COUNT_LOW));
            });
            assertThatThrownBy(() -> s.login("000000".toCharArray())).isInstanceOfSatisfying(TokenException.class, e -> {
                assertThat(e.problem()).isEqualTo(TokenProblem.WRONG_PIN);
                assertThat(e.pinStatus()).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PinStatus.State.FINAL_TRY));
            });
            assertThatThrownBy(() -> s.login("000000".toCharArray())).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.problem()).isEqualTo(TokenProblem.PIN_LOCKED));
            assertThatThrownBy(() -> s.login(Sm2VendorToken.PIN.toCharArray())).isInstanceOfSatisfying(TokenException.class,
                    e -> assertThat(e.problem()).isEqualTo(TokenProblem.PIN_LOCKED));
            assertThat(s.info().pinStatus().locked()).isTrue();
        }
    }

    private boolean opensslVerifiesRequest(String file, String distid) throws Exception {
        // openssl req -verify exits 0 even when the signature is bad: its words decide.
        String out = OpenSsl.tryRun(dir, "req", "-verify", "-vfyopt", distid, "-inform", "DER", "-in", file, "-noout")
                .output();
        assertThat(out).containsAnyOf("verify OK", "verify failure");
        return out.contains("verify OK") && !out.contains("verify failure");
    }

    private X509Certificate opensslIssues(String request) throws Exception {
        Path ext = Files.writeString(dir.resolve("ext.cnf"),
                "keyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=clientAuth\n");
        OpenSsl.run(dir, "x509", "-req", "-inform", "DER", "-in", request, "-CA", ca.resolve("ca.pem").toString(),
                "-CAkey", ca.resolve("ca.key").toString(), "-CAcreateserial", "-sm3", "-sigopt", DISTID,
                "-vfyopt", DISTID, "-days", "1825", "-extfile", ext.toString(), "-outform", "DER", "-out", "cert.der");
        return KeyEncoding.certificate(Files.readAllBytes(dir.resolve("cert.der")));
    }
}
