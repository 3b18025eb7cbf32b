package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import bank.ushield.casync.ImportResult.Imported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.ResponseBatch;
import bank.ushield.casync.format.ResponseBatch.IssuedCertificate;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.casync.headoffice.RejectionPolicy;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Files with hostile names dropped into a real inbox folder, before a genuine response batch, then the real inbox
 * import: every hostile file is quarantined under a safe name, nothing is overwritten, the reason files quote the names
 * escaped, and the genuine batch behind them is imported in the same sync.
 */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class HostileInboxTest {

    @Parameter
    bank.ushield.db.Engine engine;


    @TempDir
    Path tmp;
    Branch branch;
    HeadOfficeSimulator headOffice;
    ResponseBatchImporter importer;
    String caseA;

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) throws Exception {
        branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
        headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), Branch.CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        headOffice.registerWorkstation(Branch.WS, branch.signer.certificate());
        caseA = branch.queueCase(null);
        branch.exporter().export().orElseThrow();
        importer = branch.importer(headOffice.syncCertificate());
    }

    /** A genuine response batch for case A, sequence 1, under its normal name (it sorts after the hostile names). */
    Path genuineResponse() throws Exception {
        byte[] cert = headOffice.ca().issue(new PKCS10CertificationRequest(Branch.csr("CN=Someone,C=CN",
                branch.caseKeys.get(caseA))), Instant.now()).getEncoded();
        ResponseBatch batch = ResponseBatch.of(Branch.WS, 1, Instant.now().toString(), List.of(1L),
                List.of(new IssuedCertificate(caseA, cert)), List.of(),
                List.of(headOffice.ca().caCertificate().getEncoded()), List.of(), List.of());
        Path file = branch.folders.inbox().resolve(ResponseBatchImporter.fileName(Branch.WS, 1));
        Files.write(file, headOffice.ca().batchSigner().sign(BatchFormat.encode(batch)));
        return file;
    }

    /** Creates a file whose name is the given raw bytes (not necessarily UTF-8) through the shell. */
    void rawNamedFile(Path folder, String printfName) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "cd \"$1\" && printf 'junk' > \"$(printf '" + printfName + "')\"",
                "x", folder.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void hostileNamesAreQuarantinedSafelyAndDoNotBlockTheGenuineBatch() throws Exception {
        Path inbox = branch.folders.inbox();
        Path quarantine = branch.folders.quarantine();
        Files.createDirectories(quarantine);
        // What an earlier quarantine left: must survive untouched.
        Files.writeString(quarantine.resolve("A-dup.p7m"), "earlier file");
        Files.writeString(quarantine.resolve("A-dup.p7m.reason.txt"), "earlier reason");
        Files.writeString(quarantine.resolve("A-x.p7m.reason.txt"), "reason of A-x.p7m");

        List<String> names = new ArrayList<>();
        names.add("A" + "x".repeat(254));                                   // 255 bytes, the longest a name can be
        names.add("A\nfile: forged\ncode: OK\r\u0007\u001b[2J.p7m");        // line breaks, BEL, an escape sequence
        names.add("A..\\..\\x.p7m");                                      // traversal in the other OS's spelling
        names.add("A-evil\u202Egp7.m\u2066\u200F");                         // bidi override: shows as "...m.7pg"
        names.add("A-dup.p7m");                                           // equals an existing quarantine file
        names.add("A-x.p7m.reason.txt");                                  // looks like a reason file that exists
        names.add("A-\u0085\u009b31m.p7m");                                 // C1 controls
        names.add("A-\u6237\u7968.p7m");                                    // a Chinese name
        for (String n : names) {
            Files.writeString(inbox.resolve(n), "junk " + n.length());
        }
        rawNamedFile(inbox, "A-\\xc4\\xe3\\xba\\xc3-gbk.p7m");             // GBK bytes: not valid UTF-8
        rawNamedFile(inbox, "A-\\xff\\xfe-latin.p7m");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "not to be moved or read");
        Files.createSymbolicLink(inbox.resolve("A-link.p7m"), outside);
        Path genuine = genuineResponse();

        List<ImportResult> results = importer.importInbox();

        assertThat(results).hasSize(names.size() + 4);
        assertThat(results.get(results.size() - 1)).isInstanceOf(Imported.class);
        List<Quarantined> quarantined = results.stream().filter(Quarantined.class::isInstance)
                .map(Quarantined.class::cast).toList();
        assertThat(quarantined).hasSize(names.size() + 3);
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left).isEmpty();
        }
        assertThat(genuine).doesNotExist();
        assertThat(Files.readString(quarantine.resolve("A-dup.p7m"))).isEqualTo("earlier file");
        assertThat(Files.readString(quarantine.resolve("A-dup.p7m.reason.txt"))).isEqualTo("earlier reason");
        assertThat(Files.readString(quarantine.resolve("A-x.p7m.reason.txt"))).isEqualTo("reason of A-x.p7m");
        assertThat(outside).hasContent("not to be moved or read");
        assertThat(Files.isSymbolicLink(inbox.resolve("A-link.p7m"))).isFalse();

        for (Quarantined q : quarantined) {
            String stored = q.quarantinedFile().getFileName().toString();
            assertThat(stored).matches("[A-Za-z0-9._-]{1,124}").doesNotStartWith(".").doesNotEndWith(".reason.txt");
            assertThat(q.quarantinedFile().getParent()).isEqualTo(quarantine);
            List<String> lines = Files.readAllLines(q.reasonFile(), StandardCharsets.UTF_8);
            // Exactly the lines the importer writes, whatever the name held.
            assertThat(lines).hasSize(q.reason().contains("symbolic link") ? 7 : 8);
            assertThat(lines.get(0)).startsWith("file: A");
            assertThat(lines.get(1)).isEqualTo("stored-as: " + stored);
            assertThat(lines.get(2)).startsWith("code: ");
            assertThat(String.join("\n", lines)).doesNotContain("\u202E", "\u2066", "\u200F", "\u0085", "\u009b",
                    "\u0007", "\u001b", "\r");
            assertThat(lines).noneMatch(l -> l.startsWith("code: OK"));
        }
        String reasons = quarantined.stream().map(q -> {
            try {
                return Files.readString(q.reasonFile());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).reduce("", String::concat);
        assertThat(reasons).contains("file: A\\u000Afile: forged\\u000Acode: OK\\u000D\\u0007\\u001B[2J.p7m")
                .contains("file: A-evil\\u202Egp7.m\\u2066\\u200F")
                .contains("file: A..\\u005C..\\u005Cx.p7m")
                .contains("file: A-\u6237\u7968.p7m")
                .contains("file: A-\\uFFFD")
                .contains("symbolic link");
        assertThat(quarantine.resolve("A-dup.p7m.1")).exists();
        assertThat(quarantine.resolve("A-dup.p7m.1.reason.txt")).exists();
        assertThat(quarantine.resolve("A-x.p7m.reason.txt_")).exists();
        // The database keeps the escaped names too: a screen showing them cannot be tricked either.
        branch.jdbi.useHandle(h -> assertThat(h.createQuery("SELECT file_name FROM ca_quarantine")
                .mapTo(String.class).list()).hasSize(names.size() + 3)
                .noneMatch(n -> n.chars().anyMatch(c -> Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT)));

        // The next sync finds a clean inbox and nothing to retry.
        assertThat(importer.importInbox()).isEmpty();
    }

    @Test
    void foldersAndFifosInTheInboxAreLeftAlone() throws Exception {
        Path inbox = branch.folders.inbox();
        // A directory is not a regular file and is left alone; a FIFO likewise (reading it would hang).
        Files.createDirectory(inbox.resolve("A-folder.p7m"));
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("A-fifo.p7m").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        genuineResponse();

        List<ImportResult> results = importer.importInbox();

        assertThat(results).singleElement().isInstanceOf(Imported.class);
        assertThat(inbox.resolve("A-folder.p7m")).isDirectory();
    }

    @Test
    void aBatchThatCannotBeAppliedNowWaitsWithTheOnesAfterItInsteadOfMakingThemAGap() throws Exception {
        // Batch 1 answers case A; a second case gives batch 2.
        headOffice.process(firstRequest(), branch.folders.inbox(), RejectionPolicy.none());
        branch.queueCase(null);
        headOffice.process(branch.exporter().export().orElseThrow().file(), branch.folders.inbox(),
                RejectionPolicy.none());
        Path first = branch.folders.inbox().resolve(ResponseBatchImporter.fileName(Branch.WS, 1));
        Path second = branch.folders.inbox().resolve(ResponseBatchImporter.fileName(Branch.WS, 2));
        assertThat(first).exists();
        assertThat(second).exists();
        ResponseBatchImporter failing = new ResponseBatchImporter(branch.jdbi, Branch.WS, branch.folders,
                headOffice.syncCertificate(), new CaseStateResponseListener(Branch.CLOCK), branch.audit, Branch.CLOCK,
                64L << 20, step -> {
                    if (step == ImportStep.AUDITED) {
                        throw new IllegalStateException("disk trouble");
                    }
                });

        List<ImportResult> results = failing.importInbox();

        assertThat(results).hasSize(2).allMatch(ImportResult.Deferred.class::isInstance);
        assertThat(((ImportResult.Deferred) results.get(1)).problem()).contains("waits for the response batch");
        assertThat(first).exists();
        assertThat(second).exists();
        try (Stream<Path> q = Files.list(branch.folders.quarantine())) {
            assertThat(q).isEmpty();
        }
        // The next sync, the trouble gone, imports both in order.
        assertThat(importer.importInbox()).hasSize(2).allMatch(Imported.class::isInstance);
    }

    /** The request batch exported in setUp (case A). */
    Path firstRequest() throws Exception {
        try (Stream<Path> out = Files.list(branch.folders.outbox())) {
            return out.filter(p -> p.getFileName().toString().startsWith("REQ-")).sorted().findFirst().orElseThrow();
        }
    }
}
