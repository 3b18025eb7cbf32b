package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.OpenSsl;
import bank.ushield.token.Sm2;

/**
 * SM2 requests through the batch exchange: head office certifies SM2 keys from its SM2 root (RSA/EC keys from its
 * own root), the branch imports the SM2 chain, an SM2 head office signs its batches with SM2, and a request signed
 * with another user ID than GM/T 0009's default is refused by the exporter and by OpenSSL alike.
 */
@ExtendWith(DatabaseFileExtension.class)
class Sm2HeadOfficeTest {

    static final String DISTID = "distid:" + Sm2.DEFAULT_USER_ID;

    @TempDir
    Path tmp;

    static KeyPair sm2KeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Pki.BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    static byte[] sm2Csr(String dn, KeyPair kp, String userId) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(dn), kp.getPublic())
                .build(Sm2.contentSigner(kp.getPrivate(), userId.getBytes(StandardCharsets.US_ASCII))).getEncoded();
    }

    @Test
    void anSm2RequestIsCertifiedByTheSm2RootBesideAnEcRootAndOpenSslVerifiesTheChain(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("ho"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        KeyPair kp = sm2KeyPair();
        String sm2Case = branch.queueCase(null, kp, sm2Csr("CN=Wang Wu,O=Test Bank,C=CN", kp, Sm2.DEFAULT_USER_ID));
        String ecCase = branch.queueCase(null);

        ExportedBatch batch = branch.exporter().export().orElseThrow();
        assertThat(batch.requests()).isEqualTo(2);
        assertThat(headOffice.process(batch.file(), branch.folders.inbox(), RejectionPolicy.none()).issued()).isEqualTo(2);
        assertThat(branch.importer(headOffice.syncCertificate()).importInbox()).singleElement()
                .isInstanceOfSatisfying(Imported.class, r -> assertThat(r.issued()).isEqualTo(2));

        assertThat(branch.state(sm2Case)).isEqualTo("CERT_RECEIVED");
        X509CertificateHolder sm2Cert = issued(branch, sm2Case);
        X509CertificateHolder ecCert = issued(branch, ecCase);
        List<X509CertificateHolder> roots = headOffice.ca().caCertificates();
        assertThat(roots).hasSize(2);
        assertThat(sm2Cert.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.156.10197.1.501");
        assertThat(sm2Cert.getIssuer()).isEqualTo(roots.get(1).getSubject());
        assertThat(ecCert.getIssuer()).isEqualTo(headOffice.ca().caCertificate().getSubject());
        branch.jdbi.useHandle(h -> assertThat(h.createQuery("SELECT count(*) FROM ca_certificate")
                .mapTo(Integer.class).one()).isEqualTo(2));

        Files.writeString(tmp.resolve("sm2-root.pem"), Pki.pem(roots.get(1)));
        Files.writeString(tmp.resolve("sm2-cert.pem"), Pki.pem(sm2Cert));
        assertThat(OpenSsl.run(tmp, "verify", "-vfyopt", DISTID, "-CAfile", "sm2-root.pem", "sm2-cert.pem"))
                .contains("sm2-cert.pem: OK");
    }

    @Test
    void aRevokedSm2CertificateIsOnTheSm2RootsOwnCrlAsAnEcOneIsOnTheMainRootsCrl(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("ho"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        List<X509CertificateHolder> roots = headOffice.ca().caCertificates();
        X509CertificateHolder mainRoot = roots.get(0);
        X509CertificateHolder sm2Root = roots.get(1);
        // Each case's old certificate (serial 1001, 1002) is revoked as superseded by the renewal.
        KeyPair kp = sm2KeyPair();
        branch.queueCase(new javax.security.auth.x500.X500Principal(sm2Root.getSubject().getEncoded()).getName(), kp,
                sm2Csr("CN=Wang Wu,O=Test Bank,C=CN", kp, Sm2.DEFAULT_USER_ID));
        branch.queueCase(mainRoot.getSubject().toString());

        ExportedBatch batch = branch.exporter().export().orElseThrow();
        assertThat(batch.revocations()).isEqualTo(2);
        assertThat(headOffice.process(batch.file(), branch.folders.inbox(), RejectionPolicy.none()).revoked())
                .isEqualTo(2);
        assertThat(branch.importer(headOffice.syncCertificate()).importInbox()).singleElement()
                .isInstanceOf(Imported.class);

        List<X509CRLHolder> crls = branch.jdbi.withHandle(h -> h.createQuery("SELECT der FROM ca_crl ORDER BY id")
                .mapTo(byte[].class).list()).stream().map(Sm2HeadOfficeTest::crl).toList();
        assertThat(crls).extracting(X509CRLHolder::getIssuer).containsExactlyInAnyOrder(mainRoot.getSubject(),
                sm2Root.getSubject());
        X509CRLHolder sm2Crl = crls.stream().filter(c -> c.getIssuer().equals(sm2Root.getSubject())).findFirst().orElseThrow();
        X509CRLHolder mainCrl = crls.stream().filter(c -> c.getIssuer().equals(mainRoot.getSubject())).findFirst().orElseThrow();
        assertThat(sm2Crl.toASN1Structure().getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.156.10197.1.501");
        assertThat(sm2Crl.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Pki.BC).build(sm2Root)))
                .isTrue();
        assertThat(serials(sm2Crl))
                .containsExactly("1001");
        assertThat(serials(mainCrl))
                .containsExactly("1002");

        // The next batch, with nothing new from the SM2 root, still brings its CRL (still listing 1001).
        branch.queueCase(null);
        Path next = headOffice.process(branch.exporter().export().orElseThrow().file(), branch.folders.inbox(),
                RejectionPolicy.none()).responseFile();
        assertThat(branch.importer(headOffice.syncCertificate()).importInbox()).singleElement()
                .isInstanceOf(Imported.class);
        assertThat(next).doesNotExist(); // imported and archived
        X509CRLHolder latestSm2 = branch.jdbi.withHandle(h -> h.createQuery(
                "SELECT der FROM ca_crl WHERE issuer_dn = :i ORDER BY id DESC LIMIT 1").bind("i", sm2Root.getSubject().toString())
                .mapTo(byte[].class).list()).stream().map(Sm2HeadOfficeTest::crl).findFirst().orElseThrow();
        assertThat(latestSm2.getThisUpdate()).isNotNull();
        assertThat(serials(latestSm2))
                .containsExactly("1001");
    }

    private static List<String> serials(X509CRLHolder crl) {
        List<String> out = new java.util.ArrayList<>();
        for (Object e : crl.getRevokedCertificates()) {
            out.add(((org.bouncycastle.cert.X509CRLEntryHolder) e).getSerialNumber().toString(16));
        }
        return out;
    }

    private static X509CRLHolder crl(byte[] der) {
        try {
            return new X509CRLHolder(der);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anSm2HeadOfficeSignsItsBatchesAndCertificatesWithSm2(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        HeadOfficeSimulator headOffice = HeadOfficeSimulator.open(tmp.resolve("ho"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.SM2);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        KeyPair kp = sm2KeyPair();
        String sm2Case = branch.queueCase("CN=Old CA", kp, sm2Csr("CN=Zhao Liu,O=Test Bank,C=CN", kp, Sm2.DEFAULT_USER_ID));

        ExportedBatch batch = branch.exporter().export().orElseThrow();
        Path response = headOffice.process(batch.file(), branch.folders.inbox(), RejectionPolicy.none()).responseFile();
        CMSSignedData cms = new CMSSignedData(Files.readAllBytes(response));
        assertThat(cms.getSignerInfos().getSigners()).singleElement()
                .satisfies(s -> assertThat(s.getEncryptionAlgOID()).isEqualTo("1.2.156.10197.1.501"));
        assertThat(headOffice.ca().caCertificates()).singleElement();

        assertThat(branch.importer(headOffice.syncCertificate()).importInbox()).singleElement()
                .isInstanceOf(Imported.class);
        assertThat(branch.state(sm2Case)).isEqualTo("CERT_RECEIVED");
        assertThat(issued(branch, sm2Case).getIssuer()).isEqualTo(headOffice.ca().caCertificate().getSubject());
    }

    @Test
    void aRequestSignedWithAnotherUserIdIsRefusedByTheExporterAndByOpenSsl(DatabaseFile file) throws Exception {
        Branch branch = new Branch(file.path(), tmp.resolve("sync"));
        KeyPair kp = sm2KeyPair();
        byte[] wrongZ = sm2Csr("CN=Wang Wu,O=Test Bank,C=CN", kp, "wrong-user-id");
        String bad = branch.queueCase(null, kp, wrongZ);
        String good = branch.queueCase(null);

        ExportedBatch batch = branch.exporter().export().orElseThrow();
        assertThat(batch.requests()).isEqualTo(1);
        assertThat(batch.skippedCases()).containsExactly(bad);
        assertThat(branch.state(bad)).isEqualTo("CSR_QUEUED");
        assertThat(branch.state(good)).isEqualTo("CSR_QUEUED");

        Files.write(tmp.resolve("wrong.der"), wrongZ);
        // openssl req -verify exits 0 on a bad signature: its words decide.
        String out = OpenSsl.tryRun(tmp, "req", "-verify", "-vfyopt", DISTID, "-inform", "DER", "-in", "wrong.der",
                "-noout").output();
        assertThat(out).contains("verify failure").doesNotContain("verify OK");
    }

    private static X509CertificateHolder issued(Branch branch, String caseNo) throws Exception {
        byte[] der = branch.jdbi.withHandle(h -> h.createQuery("SELECT ri.certificate_der FROM ca_response_item ri "
                + "JOIN renewal_case rc ON rc.id = ri.case_id WHERE rc.case_no = :n").bind("n", caseNo)
                .mapTo(byte[].class).one());
        return new X509CertificateHolder(der);
    }
}
