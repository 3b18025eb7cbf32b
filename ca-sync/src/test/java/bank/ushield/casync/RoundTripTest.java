package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.AlreadyImported;
import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.RequestBatchExporter.ExportedBatch;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.RequestBatch;
import bank.ushield.casync.format.SignedBatchReader;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.HeadOfficeSimulator.Processed;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class RoundTripTest {

    @Parameter
    bank.ushield.db.Engine engine;


    @TempDir
    Path tmp;
    Branch branch;
    HeadOfficeSimulator headOffice;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) throws Exception {
        branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
        headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
    }

    @Test
    void exportMarksQueuedCasesAndPublishesOneSignedFile() throws Exception {
        String c1 = branch.queueCase("CN=Old CA");
        String c2 = branch.queueCase(null);

        ExportedBatch batch = branch.exporter().export().orElseThrow();

        assertThat(batch.sequence()).isEqualTo(1);
        assertThat(batch.requests()).isEqualTo(2);
        assertThat(batch.revocations()).isEqualTo(1);
        assertThat(batch.file()).hasFileName("REQ-0102-W03-00000001.p7m").exists();
        try (var files = Files.list(branch.folders.outbox())) {
            assertThat(files).containsExactly(batch.file()); // no temp file left behind
        }
        RequestBatch payload = BatchFormat.decodeRequest(new SignedBatchReader(List.of(branch.signer.certificate()),
                SignedBatchReader.DEFAULT_MAX_BYTES).read(batch.file()).payload());
        assertThat(payload.workstation()).isEqualTo(Branch.WS);
        assertThat(payload.branch()).isEqualTo("0102");
        assertThat(payload.requests()).extracting(RequestBatch.CertificateRequest::requestId).containsExactly(c1, c2);
        assertThat(payload.requests().get(0).tokenSerial()).isEqualTo("TOK1");
        assertThat(payload.requests().get(0).customerNo()).isEqualTo("CUST1");
        assertThat(payload.revocations()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("superseded"))
                .satisfies(r -> assertThat(r.issuer()).isEqualTo("CN=Old CA"));
        branch.jdbi.useHandle(h -> assertThat(h.createQuery(
                "SELECT count(*) FROM renewal_case WHERE request_batch_id = :b").bind("b", batch.batchId())
                .mapTo(Integer.class).one()).isEqualTo(2));
        assertThat(branch.auditTypes()).containsExactly(RequestBatchExporter.EVENT_EXPORTED);

        // Nothing new queued: no second batch; a newly queued case goes out with the next sequence.
        assertThat(branch.exporter().export()).isEmpty();
        branch.queueCase(null);
        assertThat(branch.exporter().export().orElseThrow().sequence()).isEqualTo(2);
    }

    @Test
    void headOfficeAnswerIsImportedAndMatchedByPublicKey() throws Exception {
        String issued = branch.queueCase("CN=Simulated Head Office Root CA,O=U-shield Training Bank,C=CN");
        String rejected = branch.queueCase(null);
        ExportedBatch batch = branch.exporter().export().orElseThrow();
        headOffice.reportTokenLost(Branch.WS, "TOK2", "reported by phone");

        Processed answer = headOffice.process(batch.file(), branch.folders.inbox(),
                RejectionPolicy.byRequestId(Map.of(rejected, "Customer identity not confirmed by head office")));
        assertThat(answer.issued()).isEqualTo(1);
        assertThat(answer.rejected()).isEqualTo(1);
        assertThat(answer.revoked()).isEqualTo(1);

        List<ImportResult> results = branch.importer(headOffice.syncCertificate()).importInbox();

        assertThat(results).singleElement().isInstanceOfSatisfying(Imported.class, r -> {
            assertThat(r.sequence()).isEqualTo(1);
            assertThat(r.issued()).isEqualTo(1);
            assertThat(r.rejected()).isEqualTo(1);
            assertThat(r.tokenUpdates()).isEqualTo(1);
            assertThat(r.archivedFile()).exists().hasParent(branch.folders.processed());
        });
        assertThat(branch.state(issued)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.state(rejected)).isEqualTo("ABORTED");
        byte[] der = branch.jdbi.withHandle(h -> h.createQuery("SELECT ri.certificate_der FROM ca_response_item ri "
                + "JOIN renewal_case rc ON rc.id = ri.case_id WHERE rc.case_no = :n").bind("n", issued)
                .mapTo(byte[].class).one());
        X509CertificateHolder cert = new X509CertificateHolder(der);
        assertThat(cert.getSubjectPublicKeyInfo()).isEqualTo(
                SubjectPublicKeyInfo.getInstance(branch.caseKeys.get(issued).getPublic().getEncoded()));
        assertBankClientProfile(cert, headOffice.ca().caCertificate());
        branch.jdbi.useHandle(h -> {
            assertThat(h.createQuery("SELECT reject_reason FROM ca_response_item WHERE outcome = 'REJECTED'")
                    .mapTo(String.class).one()).isEqualTo("Customer identity not confirmed by head office");
            assertThat(h.createQuery("SELECT status FROM token WHERE serial = 'TOK2'").mapTo(String.class).one())
                    .isEqualTo("LOST");
            assertThat(h.createQuery("SELECT count(*) FROM ca_certificate").mapTo(Integer.class).one()).isEqualTo(1);
            byte[] crlDer = h.createQuery("SELECT der FROM ca_crl").mapTo(byte[].class).one();
            X509CRLHolder crl = new X509CRLHolder(crlDer);
            assertThat(crl.getRevokedCertificates()).hasSize(1);
        });
        assertThat(branch.auditTypes()).containsExactly(RequestBatchExporter.EVENT_EXPORTED,
                ResponseBatchImporter.EVENT_IMPORTED);
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() throws Exception {
        branch.queueCase(null);
        ExportedBatch batch = branch.exporter().export().orElseThrow();
        headOffice.process(batch.file(), branch.folders.inbox(), RejectionPolicy.none());
        ResponseBatchImporter importer = branch.importer(headOffice.syncCertificate());
        Imported first = (Imported) importer.importInbox().get(0);
        String before = branch.dump().replaceAll("(?m)^id=\\d+, type=CA_RESPONSE_BATCH_DUPLICATE.*$", "");

        Path again = Files.copy(first.archivedFile(), branch.folders.inbox().resolve(first.archivedFile().getFileName()));
        ImportResult second = importer.importFile(again);

        assertThat(second).isInstanceOfSatisfying(AlreadyImported.class, r -> assertThat(r.sequence()).isEqualTo(1));
        String after = branch.dump();
        assertThat(after.replaceAll("(?m)^id=\\d+, type=CA_RESPONSE_BATCH_DUPLICATE.*\\n", "")).isEqualTo(before);
        assertThat(branch.auditTypes()).endsWith(ResponseBatchImporter.EVENT_DUPLICATE);
    }

    @Test
    void trainingRoundTripRunsInProcess() throws Exception {
        String c1 = branch.queueCase(null);
        String c2 = branch.queueCase(null);
        InProcessHeadOffice office = new InProcessHeadOffice(branch.exporter(), headOffice,
                branch.importer(headOffice.syncCertificate()), branch.folders, tmp.resolve("headoffice"));

        InProcessHeadOffice.RoundTrip trip = office.roundTrip(RejectionPolicy.byRequestId(Map.of(c2, "Training: rejected")));

        assertThat(trip.exported()).isPresent();
        assertThat(trip.imported()).singleElement().isInstanceOf(Imported.class);
        assertThat(branch.state(c1)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.state(c2)).isEqualTo("ABORTED");
        try (var files = Files.list(branch.folders.outbox())) {
            assertThat(files).isEmpty();
        }
        // A second round with a new case continues both sequences.
        String c3 = branch.queueCase(null);
        InProcessHeadOffice.RoundTrip next = office.roundTrip(RejectionPolicy.none());
        assertThat(next.answered().orElseThrow().responseSequence()).isEqualTo(2);
        assertThat(branch.state(c3)).isEqualTo("CERT_RECEIVED");
    }

    static void assertBankClientProfile(X509CertificateHolder cert, X509CertificateHolder ca) throws Exception {
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays())
                .isBetween(365L * 5, 365L * 5 + 2);
        KeyUsage ku = KeyUsage.fromExtensions(cert.getExtensions());
        assertThat(ku.hasUsages(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)).isTrue();
        assertThat(ku.hasUsages(KeyUsage.keyEncipherment)).isFalse();
        assertThat(cert.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(ExtendedKeyUsage.fromExtensions(cert.getExtensions()).hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth)).isTrue();
        assertThat(BasicConstraints.fromExtensions(cert.getExtensions()).isCA()).isFalse();
        assertThat(CRLDistPoint.fromExtensions(cert.getExtensions()).getDistributionPoints()).hasSize(1);
        assertThat(SubjectKeyIdentifier.fromExtensions(cert.getExtensions())).isNotNull();
        assertThat(AuthorityKeyIdentifier.fromExtensions(cert.getExtensions()).getKeyIdentifier())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(ca.getExtensions()).getKeyIdentifier());
        assertThat(cert.getIssuer()).isEqualTo(ca.getSubject());
    }
}
