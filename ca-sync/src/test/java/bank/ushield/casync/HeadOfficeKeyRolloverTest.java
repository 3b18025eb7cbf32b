package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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

import bank.ushield.audit.AnchorAcknowledgement;
import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.MerkleTree;
import bank.ushield.audit.TreeHead;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.Pki;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.ResponseBatch.IssuedCertificate;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * Head office's key rollover (ADR 0071): the workstation pins every certificate of its head-office certificate file;
 * a batch and an acknowledgement signed by the next key inside that certificate's period are accepted, a batch
 * signed by a key whose certificate has expired, or an acknowledgement dated outside the signer's period, is refused
 * as EXPIRED_SIGNER with the period in words.
 */
@ExtendWith(DatabaseFileExtension.class)
class HeadOfficeKeyRolloverTest {

    @TempDir
    Path tmp;
    Branch branch;
    HeadOfficeSimulator headOffice;
    String caseA;

    @BeforeEach
    void setUp(DatabaseFile file) throws Exception {
        branch = new Branch(file.path(), tmp.resolve("sync"));
        headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        caseA = branch.queueCase(null);
        branch.exporter().export().orElseThrow();
    }

    private static X509CertificateHolder certificate(String cn, KeyPair kp, Instant from, Instant to, long serial)
            throws Exception {
        X500Name dn = new X500Name("CN=" + cn + ",O=Bank,C=CN");
        return new JcaX509v3CertificateBuilder(dn, BigInteger.valueOf(serial), Date.from(from), Date.from(to), dn,
                kp.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
    }

    private Path write(long sequence, KeyBatchSigner signer, List<IssuedCertificate> issued,
                       ResponseBatch.AuditAcknowledgement ack) throws Exception {
        ResponseBatch batch = ResponseBatch.of(Branch.WS, sequence, Instant.now().toString(), List.of(1L), issued,
                List.of(), List.of(headOffice.ca().caCertificate().getEncoded()), List.of(), List.of())
                .withAnchor(ack, null);
        Path file = branch.folders.inbox().resolve(ResponseBatchImporter.fileName(Branch.WS, sequence));
        Files.write(file, signer.sign(BatchFormat.encode(batch)));
        return file;
    }

    private static ResponseBatch.AuditAcknowledgement ack(KeyPair key, Instant at) {
        AnchorAcknowledgement a = AnchorAcknowledgement.sign(Branch.WS, new TreeHead(0, MerkleTree.emptyRoot()), at,
                key.getPrivate(), key.getPublic());
        return new ResponseBatch.AuditAcknowledgement(a.workstation(), a.treeSize(), a.rootHex(),
                AuditEntry.formatTime(a.acknowledgedAt()), 1, a.keyId(), a.note(), a.signature());
    }

    @Test
    void theNextKeyIsAcceptedInsideItsPeriodAndAnExpiredOneIsRefusedInWords() throws Exception {
        Instant now = Instant.now();
        KeyPair oldKey = Branch.ecKeyPair();
        KeyPair nextKey = Branch.ecKeyPair();
        X509CertificateHolder old = certificate("Old Head Office Sync", oldKey, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z"), 21);
        X509CertificateHolder next = certificate("Next Head Office Sync", nextKey, now.minusSeconds(3600),
                now.plusSeconds(86400L * 730), 22);
        Path bundle = tmp.resolve("head-office-sync.pem");
        Files.writeString(bundle, Pki.pem(old) + Pki.pem(headOffice.syncCertificate()) + Pki.pem(next),
                StandardCharsets.US_ASCII);
        List<X509CertificateHolder> pinned = HeadOfficeCa.readCerts(bundle);
        assertThat(pinned).containsExactly(old, headOffice.syncCertificate(), next);
        ResponseBatchImporter importer = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders, pinned,
                new CaseStateResponseListener(Branch.CLOCK), branch.audit, Branch.CLOCK);

        Path byOld = write(1, new KeyBatchSigner(oldKey.getPrivate(), old), List.of(), null);
        ImportResult refused = importer.importFile(byOld);
        assertThat(refused).isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.code()).isEqualTo(RejectionCode.EXPIRED_SIGNER);
            assertThat(q.reason()).contains("signature is sound").contains("2021-01-01");
        });

        IssuedCertificate issued = new IssuedCertificate(caseA, headOffice.ca().issue(new PKCS10CertificationRequest(
                Branch.csr("CN=Someone,C=CN", branch.caseKeys.get(caseA))), now).getEncoded());
        Path byNext = write(1, new KeyBatchSigner(nextKey.getPrivate(), next), List.of(issued), ack(nextKey, now));
        ImportResult accepted = importer.importFile(byNext);
        assertThat(accepted).as(accepted.toString()).isInstanceOf(Imported.class);
        assertThat(branch.state(caseA)).isEqualTo("CERT_RECEIVED");
        assertThat(bank.ushield.audit.AnchorCheck.latest(branch.jdbi)).isPresent();

        // An acknowledgement by the next key dated before its certificate's period is not head office's word.
        Path early = write(2, new KeyBatchSigner(nextKey.getPrivate(), next), List.of(),
                ack(nextKey, Instant.parse("2020-06-01T00:00:00Z")));
        assertThat(importer.importFile(early)).isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.code()).isEqualTo(RejectionCode.EXPIRED_SIGNER);
            assertThat(q.reason()).contains("acknowledgement is dated 2020-06-01").contains("outside the period");
        });
    }
}
