package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchSigner;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.ResponseBatch.IssuedCertificate;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.testsupport.Bytes;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** Every way a response batch can be wrong: each is quarantined with its precise reason and nothing is applied. */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class NegativeImportTest {

    @Parameter
    bank.ushield.db.Engine engine;


    @TempDir
    Path tmp;
    Branch branch;
    HeadOfficeSimulator headOffice;
    ResponseBatchImporter importer;
    String caseA;
    String caseB;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) throws Exception {
        branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
        headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        caseA = branch.queueCase(null);
        caseB = branch.queueCase(null);
        branch.exporter().export().orElseThrow();
        importer = branch.importer(headOffice.syncCertificate());
    }

    /** A response batch for the given cases (by case number), signed by the given signer, written to the inbox. */
    Path response(long sequence, BatchSigner signer, String... cases) throws Exception {
        List<IssuedCertificate> issued = Arrays.stream(cases).map(c -> {
            try {
                return new IssuedCertificate(c, issue(branch.caseKeys.get(c)).getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return write(sequence, signer, issued);
    }

    Path write(long sequence, BatchSigner signer, List<IssuedCertificate> issued) throws Exception {
        ResponseBatch batch = ResponseBatch.of(Branch.WS, sequence, Instant.now().toString(), List.of(1L), issued,
                List.of(), List.of(headOffice.ca().caCertificate().getEncoded()), List.of(), List.of());
        Path file = branch.folders.inbox().resolve(ResponseBatchImporter.fileName(Branch.WS, sequence));
        Files.write(file, signer.sign(BatchFormat.encode(batch)));
        return file;
    }

    X509CertificateHolder issue(KeyPair kp) throws Exception {
        return headOffice.ca().issue(new PKCS10CertificationRequest(Branch.csr("CN=Someone,C=CN", kp)), Instant.now());
    }

    BatchSigner headOfficeSigner() {
        return headOffice.ca().batchSigner();
    }

    /** Business tables only: a quarantine adds its own record and audit event, nothing else may change. */
    String businessState() {
        return branch.dump().replaceAll("(?s)## ca_quarantine\\n.*?(?=## )", "")
                .replaceAll("(?s)## test_audit_event\\n.*", "");
    }

    Quarantined assertQuarantined(ImportResult result, RejectionCode code, String before) throws Exception {
        assertThat(result).isInstanceOf(Quarantined.class);
        Quarantined q = (Quarantined) result;
        assertThat(q.code()).as(q.reason()).isEqualTo(code);
        assertThat(q.quarantinedFile()).exists().hasParent(branch.folders.quarantine());
        assertThat(Files.readString(q.reasonFile())).contains("code: " + code).contains(q.reason());
        try (var inbox = Files.list(branch.folders.inbox())) {
            assertThat(inbox).isEmpty();
        }
        assertThat(businessState()).isEqualTo(before);
        assertThat(branch.auditTypes()).endsWith(ResponseBatchImporter.EVENT_QUARANTINED);
        branch.jdbi.useHandle(h -> assertThat(h.createQuery("SELECT reason_code FROM ca_quarantine ORDER BY id DESC LIMIT 1")
                .mapTo(String.class).one()).isEqualTo(code.name()));
        return q;
    }

    @Test
    void headOfficeRollsItsKeyOverWithBothCertificatesPinnedInOneFile() throws Exception {
        HeadOfficeSimulator next = HeadOfficeSimulator.open(tmp.resolve("next-key"), Branch.CLOCK,
                HeadOfficeCa.KeyAlgorithm.EC_P256);
        // The settings' certificate file holds the current and the next head-office certificate (PEM bundle).
        Path bundle = tmp.resolve("head-office-sync.pem");
        try (var out = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(Files.newBufferedWriter(bundle))) {
            out.writeObject(headOffice.syncCertificate());
            out.writeObject(next.syncCertificate());
        }
        List<X509CertificateHolder> pinned = HeadOfficeCa.readCerts(bundle);
        assertThat(pinned).containsExactly(headOffice.syncCertificate(), next.syncCertificate());
        ResponseBatchImporter overlap = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders, pinned,
                new CaseStateResponseListener(Branch.CLOCK), branch.audit, Branch.CLOCK);

        // During the overlap, batches signed with either key are head office's.
        assertThat(overlap.importFile(response(1, headOfficeSigner(), caseA))).isInstanceOf(Imported.class);
        assertThat(overlap.importFile(response(2, next.ca().batchSigner(), caseB))).isInstanceOf(Imported.class);
        // A key in neither certificate is still refused.
        HeadOfficeSimulator stranger = HeadOfficeSimulator.open(tmp.resolve("stranger"), Branch.CLOCK,
                HeadOfficeCa.KeyAlgorithm.EC_P256);
        String before = businessState();
        assertQuarantined(overlap.importFile(response(3, stranger.ca().batchSigner(), caseA)),
                RejectionCode.WRONG_SIGNER, before);
    }

    @Test
    void alteredContentIsAForgery() throws Exception {
        Path file = response(1, headOfficeSigner(), caseA);
        byte[] bytes = Files.readAllBytes(file);
        int at = Bytes.indexOf(bytes, "\"sequence\":1".getBytes(StandardCharsets.US_ASCII));
        bytes[at + "\"sequence\":".length()] = '2';
        Files.write(file, bytes);
        String before = businessState();

        assertQuarantined(importer.importFile(file), RejectionCode.BAD_SIGNATURE, before);
    }

    @Test
    void keyPosingAsThePinnedCertificateIsAForgery() throws Exception {
        // Same issuer and serial as the pinned certificate, but the forger's own key.
        X509CertificateHolder pinned = headOffice.syncCertificate();
        KeyPair forger = Branch.ecKeyPair();
        X509CertificateHolder fake = new X509v3CertificateBuilder(pinned.getIssuer(), pinned.getSerialNumber(),
                new Date(System.currentTimeMillis() - 3_600_000), new Date(System.currentTimeMillis() + 86_400_000L),
                pinned.getSubject(), SubjectPublicKeyInfo.getInstance(forger.getPublic().getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(forger.getPrivate()));
        Path file = response(1, new KeyBatchSigner(forger.getPrivate(), fake), caseA);
        String before = businessState();

        assertQuarantined(importer.importFile(file), RejectionCode.BAD_SIGNATURE, before);
    }

    @Test
    void batchFromAnotherHeadOfficeHasTheWrongSigner() throws Exception {
        HeadOfficeSimulator other = HeadOfficeSimulator.open(tmp.resolve("other"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        Path file = response(1, other.ca().batchSigner(), caseA);
        String before = businessState();

        Quarantined q = assertQuarantined(importer.importFile(file), RejectionCode.WRONG_SIGNER, before);
        assertThat(q.reason()).contains("not the trusted (pinned) certificate");
    }

    @Test
    void replayedSequenceIsRefused() throws Exception {
        assertThat(importer.importFile(response(1, headOfficeSigner(), caseA))).isInstanceOf(Imported.class);
        String before = businessState();

        // A new file claiming sequence 1 again (for the other case): a replay, not the same batch.
        Quarantined q = assertQuarantinedLater(importer.importFile(response(1, headOfficeSigner(), caseB)),
                RejectionCode.REPLAY, before);
        assertThat(q.reason()).contains("already imported");
        assertThat(branch.state(caseB)).isEqualTo("CSR_QUEUED");
    }

    @Test
    void olderSequenceAfterNewerIsARefusedReplay() throws Exception {
        Path first = response(1, headOfficeSigner(), caseA);
        byte[] firstBytes = Files.readAllBytes(first);
        assertThat(importer.importFile(first)).isInstanceOf(Imported.class);
        assertThat(importer.importFile(response(2, headOfficeSigner(), caseB))).isInstanceOf(Imported.class);
        String before = businessState();
        Path stale = branch.folders.inbox().resolve("stale.p7m");
        // The same bytes as batch 1, replayed later: a no-op, not a new import.
        Files.write(stale, firstBytes);
        assertThat(importer.importFile(stale)).isInstanceOf(ImportResult.AlreadyImported.class);
        assertThat(businessState()).isEqualTo(before);
    }

    @Test
    void aBatchAfterAGapWaitsInTheInboxUntilTheMissingBatchArrives() throws Exception {
        Path second = response(2, headOfficeSigner(), caseB);
        String before = businessState();

        ImportResult.Deferred w = (ImportResult.Deferred) importer.importFile(second);
        assertThat(w.gap()).isTrue();
        assertThat(w.waitsFor()).hasValue(1);
        assertThat(w.problem()).contains("Expected response sequence 1 but this batch has 2");
        assertThat(second).exists();
        assertThat(businessState()).isEqualTo(before);
        assertThat(importer.importInbox()).singleElement().isInstanceOfSatisfying(ImportResult.Deferred.class,
                d -> assertThat(d.gap()).isTrue());

        // Batch 1 arrives under a name that sorts after batch 2's: one sync imports both, in sequence order.
        Files.move(response(1, headOfficeSigner(), caseA), branch.folders.inbox().resolve("zz-late-arrival.p7m"));
        List<ImportResult> results = importer.importInbox();
        assertThat(results).hasSize(2).allMatch(r -> r instanceof Imported);
        assertThat(results.stream().map(r -> ((Imported) r).sequence())).containsExactly(1L, 2L);
        assertThat(branch.state(caseA)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.state(caseB)).isEqualTo("CERT_RECEIVED");
        assertThat(branch.folders.inbox()).isEmptyDirectory();
    }

    @Test
    void truncatedFileIsRefusedByItsLength() throws Exception {
        Path file = response(1, headOfficeSigner(), caseA);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        String before = businessState();

        Quarantined q = assertQuarantined(importer.importFile(file), RejectionCode.TRUNCATED, before);
        assertThat(q.reason()).contains("announces " + bytes.length + " bytes but the file has only " + (bytes.length - 100));
    }

    @Test
    void certificateForAnUnknownKeyRefusesTheWholeBatch() throws Exception {
        X509CertificateHolder stranger = issue(Branch.ecKeyPair());
        Path file = write(1, headOfficeSigner(), List.of(
                new IssuedCertificate(caseA, issue(branch.caseKeys.get(caseA)).getEncoded()),
                new IssuedCertificate(null, stranger.getEncoded())));
        String before = businessState();

        Quarantined q = assertQuarantined(importer.importFile(file), RejectionCode.UNKNOWN_KEY, before);
        assertThat(q.reason()).contains(stranger.getSerialNumber().toString(16)).contains("matches no request");
    }

    @Test
    void certificateForAKeyNotYetSentIsUnknown() throws Exception {
        String unsent = branch.queueCase(null); // queued after the export: no request batch carried it
        Path file = response(1, headOfficeSigner(), unsent);
        String before = businessState();

        assertQuarantined(importer.importFile(file), RejectionCode.UNKNOWN_KEY, before);
        assertThat(branch.state(unsent)).isEqualTo("CSR_QUEUED");
    }

    @Test
    void certificateNotSignedByTheChainIsRefused() throws Exception {
        HeadOfficeSimulator other = HeadOfficeSimulator.open(tmp.resolve("other"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        X509CertificateHolder foreign = other.ca().issue(new PKCS10CertificationRequest(
                Branch.csr("CN=A,C=CN", branch.caseKeys.get(caseA))), Instant.now());
        Path file = write(1, headOfficeSigner(), List.of(new IssuedCertificate(caseA, foreign.getEncoded())));
        String before = businessState();

        assertQuarantined(importer.importFile(file), RejectionCode.BAD_CERTIFICATE, before);
    }

    @Test
    void batchForAnotherWorkstationIsRefused() throws Exception {
        ResponseBatch batch = ResponseBatch.of("9999-W01", 1, Instant.now().toString(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        Path file = branch.folders.inbox().resolve("RSP-9999-W01-00000001.p7m");
        Files.write(file, headOfficeSigner().sign(BatchFormat.encode(batch)));
        String before = businessState();

        assertQuarantined(importer.importFile(file), RejectionCode.WRONG_RECIPIENT, before);
    }

    @Test
    void signedGarbageIsMalformed() throws Exception {
        Path file = branch.folders.inbox().resolve("RSP-0102-W03-00000001.p7m");
        Files.write(file, headOfficeSigner().sign("{\"format\":\"ushield-ca-batch\",\"version\":1,".getBytes(StandardCharsets.UTF_8)));
        String before = businessState();

        assertQuarantined(importer.importFile(file), RejectionCode.MALFORMED, before);
    }

    @Test
    void oneGigabyteJunkFileIsRefusedWithoutReadingIt() throws Exception {
        Path junk = branch.folders.inbox().resolve("RSP-0102-W03-00000001.p7m");
        try (RandomAccessFile f = new RandomAccessFile(junk.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: 1 GiB of zeros that take no disk space
        }
        String before = businessState();
        Quarantined q = assertQuarantined(importer.importFile(junk), RejectionCode.TOO_LARGE, before);
        assertThat(q.reason()).contains("1073741824 bytes");

        // With the size limit lifted, the first bytes alone refuse it.
        ResponseBatchImporter unlimited = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), branch.audit, Branch.CLOCK,
                4L << 30, step -> { });
        Path again = Files.move(q.quarantinedFile(), junk);
        assertQuarantinedLater(unlimited.importFile(again), RejectionCode.NOT_CMS, before);

        // A junk file that looks like a SEQUENCE announcing 2 GiB is refused by its announced length.
        Path liar = branch.folders.inbox().resolve("RSP-0102-W03-00000001.p7m");
        try (RandomAccessFile f = new RandomAccessFile(liar.toFile(), "rw")) {
            f.setLength(1L << 30);
            f.seek(0);
            f.write(new byte[] {0x30, (byte) 0x84, (byte) 0x80, 0, 0, 0});
        }
        assertQuarantinedLater(unlimited.importFile(liar), RejectionCode.TRUNCATED, before);
    }

    @Test
    void emptyFileIsNotABatch() throws Exception {
        Path file = Files.createFile(branch.folders.inbox().resolve("RSP-0102-W03-00000001.p7m"));
        String before = businessState();
        assertQuarantined(importer.importFile(file), RejectionCode.NOT_CMS, before);
    }

    private Quarantined assertQuarantinedLater(ImportResult result, RejectionCode code, String before) throws Exception {
        return assertQuarantined(result, code, before);
    }
}
