package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchSigner;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.ResponseBatch.IssuedCertificate;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** Head office's side as an independent engineer found it (issue 21): each format mistake gets its own reason. */
@ExtendWith(DatabaseFileExtension.class)
class ResponseFormatChecksTest {

    @TempDir
    Path tmp;
    Branch branch;
    HeadOfficeSimulator headOffice;
    String caseA;
    String caseB;

    @BeforeEach
    void setUp(DatabaseFile file) throws Exception {
        branch = new Branch(file.path(), tmp.resolve("sync"));
        headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        caseA = branch.queueCase(null);
        caseB = branch.queueCase(null);
        branch.exporter().export().orElseThrow();
    }

    private Path write(String name, long sequence, List<Long> inReplyTo, BatchSigner signer,
                       List<IssuedCertificate> issued) throws Exception {
        ResponseBatch batch = ResponseBatch.of(Branch.WS, sequence, Instant.now().toString(), inReplyTo, issued,
                List.of(), List.of(headOffice.ca().caCertificate().getEncoded()), List.of(), List.of());
        Path file = branch.folders.inbox().resolve(name);
        Files.write(file, signer.sign(BatchFormat.encode(batch)));
        return file;
    }

    private IssuedCertificate issued(String label, String keyOf) throws Exception {
        KeyPair kp = branch.caseKeys.get(keyOf);
        return new IssuedCertificate(label, headOffice.ca().issue(
                new PKCS10CertificationRequest(Branch.csr("CN=Someone,C=CN", kp)), Instant.now()).getEncoded());
    }

    private Quarantined importExpecting(Path file, X509CertificateHolder pinned, RejectionCode code) throws Exception {
        String sha = Pki.sha256Hex(Files.readAllBytes(file));
        ImportResult r = branch.importer(pinned).importFile(file);
        assertThat(r).isInstanceOf(Quarantined.class);
        Quarantined q = (Quarantined) r;
        assertThat(q.code()).as(q.reason()).isEqualTo(code);
        assertThat(Files.readString(q.reasonFile())).contains("code: " + code).contains("sha256: " + sha);
        return q;
    }

    @Test
    void sequenceInTheNameMustBeTheOneInside() throws Exception {
        Path f = write("RSP-" + Branch.WS + "-00000009.p7m", 1, List.of(1L), headOffice.ca().batchSigner(),
                List.of(issued(caseA, caseA)));
        Quarantined q = importExpecting(f, headOffice.syncCertificate(), RejectionCode.NAME_MISMATCH);
        assertThat(q.reason()).contains("holds response 1").contains(ResponseBatchImporter.fileName(Branch.WS, 1));
    }

    @Test
    void requestIdNamingAnotherRequestHasItsOwnReason() throws Exception {
        Path f = write(ResponseBatchImporter.fileName(Branch.WS, 1), 1, List.of(1L), headOffice.ca().batchSigner(),
                List.of(issued(caseB, caseA)));
        importExpecting(f, headOffice.syncCertificate(), RejectionCode.REQUEST_ID_MISMATCH);
    }

    @Test
    void inReplyToMustNameRequestBatchesThisWorkstationWrote() throws Exception {
        Path f = write(ResponseBatchImporter.fileName(Branch.WS, 1), 1, List.of(7L), headOffice.ca().batchSigner(),
                List.of(issued(caseA, caseA)));
        assertThat(importExpecting(f, headOffice.syncCertificate(), RejectionCode.UNKNOWN_REQUEST_BATCH).reason())
                .contains("request batch 7");
        Path empty = write(ResponseBatchImporter.fileName(Branch.WS, 1), 1, List.of(), headOffice.ca().batchSigner(),
                List.of(issued(caseA, caseA)));
        importExpecting(empty, headOffice.syncCertificate(), RejectionCode.UNKNOWN_REQUEST_BATCH);
    }

    @Test
    void wrongSignerAndBadSignatureReasonsCarryTheFilesSha256() throws Exception {
        KeyPair other = Branch.ecKeyPair();
        KeyBatchSigner stranger = new KeyBatchSigner(other.getPrivate(), Branch.selfSigned("CN=Stranger", other));
        Path f = write(ResponseBatchImporter.fileName(Branch.WS, 1), 1, List.of(1L), stranger, List.of());
        importExpecting(f, headOffice.syncCertificate(), RejectionCode.WRONG_SIGNER);

        Path g = write(ResponseBatchImporter.fileName(Branch.WS, 1), 1, List.of(1L), headOffice.ca().batchSigner(), List.of());
        byte[] bytes = Files.readAllBytes(g);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("ushield-ca-batch");
        bytes[at] = 'U';
        Files.write(g, bytes);
        importExpecting(g, headOffice.syncCertificate(), RejectionCode.BAD_SIGNATURE);
    }

    @Test
    void expiredPinnedCertificateIsNotCalledAForgery() throws Exception {
        KeyPair kp = Branch.ecKeyPair();
        X500Name dn = new X500Name("CN=Old Head Office Sync,O=Bank,C=CN");
        X509CertificateHolder expired = new JcaX509v3CertificateBuilder(dn, BigInteger.TEN,
                Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2021-01-01T00:00:00Z")), dn,
                kp.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
        Path f = write(ResponseBatchImporter.fileName(Branch.WS, 1), 1, List.of(1L),
                new KeyBatchSigner(kp.getPrivate(), expired), List.of());
        Quarantined q = importExpecting(f, expired, RejectionCode.EXPIRED_SIGNER);
        assertThat(q.reason()).contains("signature is sound").contains("2021-01-01");
    }
}
