package bank.ushield.casync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.casync.ImportResult.ExtractAlreadyImported;
import bank.ushield.casync.ImportResult.ExtractImported;
import bank.ushield.casync.ImportResult.Quarantined;
import bank.ushield.casync.format.BatchFormat;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.format.CustomerExtract;
import bank.ushield.casync.format.CustomerExtract.ExtractCard;
import bank.ushield.casync.format.CustomerExtract.ExtractCertificate;
import bank.ushield.casync.format.CustomerExtract.ExtractCustomer;
import bank.ushield.casync.format.CustomerExtract.ExtractDocument;
import bank.ushield.casync.format.CustomerExtract.ExtractToken;
import bank.ushield.casync.format.RejectionCode;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CertificateStatus;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TokenStatus;
import bank.ushield.testsupport.Bytes;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/**
 * Customer extracts from the simulated head office into a real SQLite workstation database: import, idempotence,
 * updates by a newer extract, and every refusal (each leaving the customer data as it was).
 */
@ParameterizedClass
@EnumSource(bank.ushield.db.Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CustomerExtractTest {

    @Parameter
    bank.ushield.db.Engine engine;


    static final String ID_1 = "11010519491231002X";
    static final String ID_2 = "440524188001010014";
    static final String PAN_1 = "6222020200112233445";
    static final String PAN_2 = "6222020200998877665";
    static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path tmp;

    Branch branch;
    HeadOfficeSimulator headOffice;
    CardMatchingKey cardKey;
    Repositories repos;
    ExtractRecordRules rules = ExtractRecordRules.formOnly();

    @BeforeEach
    void setUp(DatabaseFile file, PostgresDatabase pg) throws Exception {
        branch = new Branch(TestDatabases.open(engine, file, pg, Branch.WS), Branch.WS, 0, tmp.resolve("sync"));
        headOffice = HeadOfficeSimulator.open(tmp.resolve("headoffice"), CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        cardKey = new CardMatchingKey(key);
        repos = new Repositories(branch.db, cardKey, new PasswordHasher(), CLOCK);
    }

    CustomerExtractImporter extractImporter() {
        return new CustomerExtractImporter(branch.jdbi, Branch.WS, branch.folders, headOffice.syncCertificate(),
                cardKey, branch.audit, CLOCK, rules);
    }

    List<ImportResult> sync() {
        return branch.importer(headOffice.syncCertificate()).withCustomerExtracts(extractImporter()).importInbox();
    }

    byte[] tokenCertificate(String cn, Instant at) throws Exception {
        return headOffice.ca().issue(new PKCS10CertificationRequest(
                Branch.csr("CN=" + cn + ",O=Test Bank,C=CN", Branch.ecKeyPair())), at).getEncoded();
    }

    ExtractCustomer zhang(String phone, CardStatus cardStatus, List<ExtractCertificate> certificates) {
        return new ExtractCustomer("CUST0001", "张伟", "1949-12-31", "F", phone,
                List.of(new ExtractDocument(IdentityDocumentType.RESIDENT_ID.name(), ID_1, "张伟", "2015-01-01", null, true)),
                List.of(ExtractCard.of(PAN_1, cardKey, CardKind.DEBIT, true, cardStatus)),
                List.of(new ExtractToken("TOK-0001", "1234567890", "U-shield 3", "Bank", TokenStatus.ACTIVE.name(),
                        "2021-03-01T00:00:00Z", certificates)));
    }

    ExtractCustomer li() {
        return new ExtractCustomer("CUST0002", "李娜", "1880-01-01", "M", null,
                List.of(new ExtractDocument(IdentityDocumentType.RESIDENT_ID.name(), ID_2, "李娜", "2010-05-01", "2030-05-01", true)),
                List.of(ExtractCard.of(PAN_2, cardKey, CardKind.CREDIT, false, CardStatus.ACTIVE)), List.of());
    }

    Path write(List<ExtractCustomer> customers) throws Exception {
        return headOffice.writeCustomerExtract("0102", CustomerExtract.cardKeyCheck(cardKey), customers,
                branch.folders.inbox()).file();
    }

    /** The customer data and the extract register: what a refused extract must leave as it was. */
    String customerData() {
        String all = branch.dump();
        StringBuilder sb = new StringBuilder();
        boolean keep = false;
        for (String line : all.split("\n")) {
            if (line.startsWith("## ")) {
                keep = List.of("## customer", "## identity_document", "## bank_card", "## token", "## certificate",
                        "## ca_customer_extract").contains(line);
            }
            if (keep) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void extractImportsAndTheCustomerIsFoundByDocumentCardAndToken() throws Exception {
        byte[] cert = tokenCertificate("Zhang Wei", CLOCK.instant());
        Path file = write(List.of(zhang("13800138000", CardStatus.ACTIVE,
                List.of(new ExtractCertificate(cert, CertificateStatus.ACTIVE.name()))), li()));

        List<ImportResult> results = sync();

        assertThat(results).singleElement().isInstanceOfSatisfying(ExtractImported.class, r -> {
            assertThat(r.extractId()).isEqualTo("CUS-0102-00000001");
            assertThat(r.customers()).isEqualTo(2);
            assertThat(r.customersAdded()).isEqualTo(2);
            assertThat(r.cards()).isEqualTo(2);
            assertThat(r.tokens()).isEqualTo(1);
            assertThat(r.certificates()).isEqualTo(1);
            assertThat(r.archivedFile()).isEqualTo(branch.folders.processed().resolve(file.getFileName()));
        });
        var doc = repos.customers().findDocument(IdentityDocumentType.RESIDENT_ID, ID_1).orElseThrow();
        var customer = repos.customers().find(doc.customerId()).orElseThrow();
        assertThat(customer.customerNo()).isEqualTo("CUST0001");
        assertThat(customer.name()).isEqualTo("张伟");
        assertThat(customer.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        // The card the customer presents matches with the workstation's own key: the hash is what db stores.
        assertThat(repos.cards().findByPan(PAN_1)).hasValueSatisfying(c -> {
            assertThat(c.customerId()).isEqualTo(customer.id());
            assertThat(c.onlineBanking()).isTrue();
        });
        var token = repos.tokens().findBySerial("TOK-0001").orElseThrow();
        assertThat(token.customerId()).isEqualTo(customer.id());
        assertThat(repos.tokens().findByMediaVoucherNo("1234567890")).isPresent();
        assertThat(repos.certificates().activeOfToken(token.id())).hasValueSatisfying(c -> {
            assertThat(c.der()).isEqualTo(cert);
            assertThat(c.sha256Fingerprint()).isEqualTo(bank.ushield.casync.format.Pki.sha256Hex(cert));
        });
        assertThat(branch.auditTypes()).containsExactly(CustomerExtractImporter.EVENT_IMPORTED);
        String details = branch.jdbi.withHandle(h -> h.createQuery("SELECT details FROM test_audit_event")
                .mapTo(String.class).one());
        assertThat(details).contains("extractId=CUS-0102-00000001", "customers=2", "cards=2", "tokens=1",
                "certificates=1", "signer=" + headOffice.syncCertificate().getSubject());
    }

    @Test
    void theSameExtractTwiceChangesNothing() throws Exception {
        Path file = write(List.of(zhang("13800138000", CardStatus.ACTIVE, List.of()), li()));
        Path copy = Files.copy(file, tmp.resolve("copy.p7m"));
        sync();
        String before = branch.dump();

        Files.copy(copy, file);
        assertThat(sync()).singleElement().isInstanceOfSatisfying(ExtractAlreadyImported.class,
                r -> assertThat(r.extractId()).isEqualTo("CUS-0102-00000001"));
        // Every table, the audit events included.
        assertThat(branch.dump()).isEqualTo(before);
        // And through the operator's path: the file stays, nothing changes.
        assertThat(extractImporter().importFile(copy)).isInstanceOf(ExtractAlreadyImported.class);
        assertThat(copy).exists();
        assertThat(branch.dump()).isEqualTo(before);
    }

    @Test
    void aNewerExtractUpdatesAndAnOlderOneIsRefused() throws Exception {
        byte[] oldCert = tokenCertificate("Zhang Wei", CLOCK.instant().minusSeconds(86400L * 400));
        byte[] newCert = tokenCertificate("Zhang Wei", CLOCK.instant());
        write(List.of(zhang("13800138000", CardStatus.ACTIVE,
                List.of(new ExtractCertificate(oldCert, CertificateStatus.ACTIVE.name())))));
        Path second = write(List.of(zhang("13900139000", CardStatus.ACTIVE,
                List.of(new ExtractCertificate(oldCert, CertificateStatus.ACTIVE.name())))));
        Path secondCopy = Files.move(second, tmp.resolve(second.getFileName()));
        assertThat(sync()).singleElement().isInstanceOf(ExtractImported.class);

        // Extract 3: new phone, card reported lost, the token renewed elsewhere (new certificate, old one superseded).
        write(List.of(zhang("13700137000", CardStatus.LOST, List.of(
                new ExtractCertificate(oldCert, CertificateStatus.SUPERSEDED.name()),
                new ExtractCertificate(newCert, CertificateStatus.ACTIVE.name()))), li()));
        assertThat(sync()).singleElement().isInstanceOfSatisfying(ExtractImported.class, r -> {
            assertThat(r.customersAdded()).isEqualTo(1);
            assertThat(r.customersUpdated()).isEqualTo(1);
        });
        var customer = repos.customers().findByCustomerNo("CUST0001").orElseThrow();
        assertThat(customer.phone()).isEqualTo("13700137000");
        assertThat(repos.cards().findByPan(PAN_1).orElseThrow().status()).isEqualTo(CardStatus.LOST);
        long tokenId = repos.tokens().findBySerial("TOK-0001").orElseThrow().id();
        assertThat(repos.certificates().activeOfToken(tokenId).orElseThrow().der()).isEqualTo(newCert);
        assertThat(repos.certificates().ofToken(tokenId)).hasSize(2);
        assertThat(repos.customers().count()).isEqualTo(2);

        // Extract 2 arrives late: it would bring the old phone back. Refused, nothing changes.
        String before = customerData();
        Files.move(secondCopy, branch.folders.inbox().resolve(secondCopy.getFileName()));
        assertThat(sync()).singleElement().isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.code()).isEqualTo(RejectionCode.REPLAY);
            assertThat(q.reason()).contains("CUS-0102-00000002", "older than the last one imported (CUS-0102-00000003)");
        });
        assertThat(customerData()).isEqualTo(before);
    }

    @Test
    void aCertificateAlreadyRenewedHereIsNotRevivedByAnExtract() throws Exception {
        byte[] oldCert = tokenCertificate("Zhang Wei", CLOCK.instant().minusSeconds(86400L * 400));
        write(List.of(zhang("13800138000", CardStatus.ACTIVE,
                List.of(new ExtractCertificate(oldCert, CertificateStatus.ACTIVE.name())))));
        sync();
        long tokenId = repos.tokens().findBySerial("TOK-0001").orElseThrow().id();
        long oldId = repos.certificates().activeOfToken(tokenId).orElseThrow().id();
        // The counter renewed the token here (a newer certificate, the old one superseded); head office's next
        // extract was made before it knew.
        byte[] renewed = tokenCertificate("Zhang Wei", CLOCK.instant());
        X509CertificateHolder r = new X509CertificateHolder(renewed);
        branch.jdbi.useHandle(h -> {
            h.execute("UPDATE certificate SET status = 'SUPERSEDED' WHERE id = ?", oldId);
            h.createUpdate("INSERT INTO certificate (token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                            + "sha256_fingerprint, status, der) VALUES (:t, :s, :i, :sub, :nb, :na, :f, 'ACTIVE', :der)")
                    .bind("t", tokenId).bind("s", r.getSerialNumber().toString(16)).bind("i", "CN=x")
                    .bind("sub", "CN=y").bind("nb", r.getNotBefore().toInstant()).bind("na", r.getNotAfter().toInstant())
                    .bind("f", bank.ushield.casync.format.Pki.sha256Hex(renewed)).bind("der", renewed).execute();
        });
        write(List.of(zhang("13800138000", CardStatus.ACTIVE,
                List.of(new ExtractCertificate(oldCert, CertificateStatus.ACTIVE.name())))));
        assertThat(sync()).singleElement().isInstanceOf(ExtractImported.class);
        assertThat(repos.certificates().activeOfToken(tokenId).orElseThrow().der()).isEqualTo(renewed);
        assertThat(repos.certificates().find(oldId).orElseThrow().status()).isEqualTo(CertificateStatus.SUPERSEDED);
    }

    @Test
    void badFilesAreRefusedWithAClearReasonAndChangeNoCustomerData() throws Exception {
        write(List.of(li()));
        sync();
        String before = customerData();
        List<RejectionCode> codes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();

        // 1. Bad signature: one byte of the signed JSON changed.
        Path good = write(List.of(zhang("13800138000", CardStatus.ACTIVE, List.of())));
        byte[] bytes = Files.readAllBytes(good);
        int at = Bytes.indexOf(bytes, "13800138000".getBytes());
        bytes[at] = '9';
        Files.write(good, bytes);
        // 2. Truncated.
        Path truncated = write(List.of(li()));
        byte[] t = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(t, t.length - 40));
        // 3. Another branch's extract.
        headOffice.writeCustomerExtract("0103", CustomerExtract.cardKeyCheck(cardKey), List.of(li()),
                tmp.resolve("other"));
        Files.move(tmp.resolve("other/CUS-0103-00000001.p7m"), branch.folders.inbox().resolve("CUS-0103-00000001.p7m"));
        // 4. A version this release does not know, signed by head office.
        byte[] v2 = new String(BatchFormat.encode(CustomerExtract.of("0102", 90, CLOCK.instant(), null, List.of())),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"version\":1", "\"version\":2")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(branch.folders.inbox().resolve("CUS-0102-00000090.p7m"), headOffice.ca().batchSigner().sign(v2));
        // 5. Signed by another head office.
        HeadOfficeSimulator stranger = HeadOfficeSimulator.open(tmp.resolve("stranger"), CLOCK, HeadOfficeCa.KeyAlgorithm.EC_P256);
        stranger.writeCustomerExtract("0102", CustomerExtract.cardKeyCheck(cardKey), List.of(li()), tmp.resolve("s"));
        Files.move(tmp.resolve("s/CUS-0102-00000001.p7m"), branch.folders.inbox().resolve("CUS-0102-00000091.p7m"));
        // 6. Cards hashed with another card-matching key.
        CardMatchingKey otherKey = new CardMatchingKey(new byte[32]);
        headOffice.writeCustomerExtract("0102", CustomerExtract.cardKeyCheck(otherKey), List.of(new ExtractCustomer(
                "CUST0009", "王芳", null, null, null, List.of(),
                List.of(ExtractCard.of(PAN_1, otherKey, CardKind.DEBIT, true, CardStatus.ACTIVE)), List.of())),
                branch.folders.inbox());
        // 7. Li's ID card given to another customer number.
        headOffice.writeCustomerExtract("0102", CustomerExtract.cardKeyCheck(cardKey), List.of(new ExtractCustomer(
                "CUST0010", "李娜", null, null, null,
                List.of(new ExtractDocument("RESIDENT_ID", ID_2, "李娜", null, null, true)), List.of(), List.of())),
                branch.folders.inbox());

        for (ImportResult r : sync()) {
            assertThat(r).isInstanceOf(Quarantined.class);
            codes.add(((Quarantined) r).code());
            reasons.add(((Quarantined) r).reason());
            assertThat(((Quarantined) r).reasonFile()).exists();
        }
        assertThat(codes).containsExactlyInAnyOrder(RejectionCode.BAD_SIGNATURE, RejectionCode.TRUNCATED,
                RejectionCode.WRONG_RECIPIENT, RejectionCode.UNSUPPORTED_VERSION, RejectionCode.WRONG_SIGNER,
                RejectionCode.CARD_KEY_MISMATCH, RejectionCode.CONFLICT);
        assertThat(reasons).anySatisfy(s -> assertThat(s).contains("is for branch 0103", "branch 0102"))
                .anySatisfy(s -> assertThat(s).contains("version 2 is not supported"))
                .anySatisfy(s -> assertThat(s).contains("belongs to customer CUST0002", "CUST0010")
                        .doesNotContain(ID_2));
        assertThat(customerData()).isEqualTo(before);
        assertThat(branch.folders.inbox()).isEmptyDirectory();
        assertThat(branch.auditTypes()).filteredOn(CustomerExtractImporter.EVENT_REFUSED::equals).hasSize(7);
    }

    @Test
    void anOperatorsFileIsRefusedWithItsCodeAndLeftWhereItWas() throws Exception {
        Path file = headOffice.writeCustomerExtract("0103", CustomerExtract.cardKeyCheck(cardKey), List.of(li()),
                tmp.resolve("usb")).file();
        String before = customerData();
        assertThatThrownBy(() -> extractImporter().importFile(file)).isInstanceOfSatisfying(BatchRejectedException.class,
                e -> assertThat(e.code()).isEqualTo(RejectionCode.WRONG_RECIPIENT));
        assertThat(file).exists();
        assertThat(customerData()).isEqualTo(before);
        assertThat(branch.auditTypes()).containsExactly(CustomerExtractImporter.EVENT_REFUSED);
    }

    @Test
    void withoutAnExtractImporterTheInboxLeavesExtractsAlone() throws Exception {
        Path file = write(List.of(li()));
        assertThat(branch.importer(headOffice.syncCertificate()).importInbox()).isEmpty();
        assertThat(file).exists();
    }

    @Test
    void anUnexpectedDatabaseErrorRollsBackEverything() throws Exception {
        write(List.of(zhang("13800138000", CardStatus.ACTIVE, List.of()), li()));
        String before = customerData();
        // A trigger makes the very last write (the extract's register row) fail after all customers were written.
        if (engine == bank.ushield.db.Engine.POSTGRESQL) {
            branch.jdbi.useHandle(h -> h.execute("""
                    CREATE FUNCTION fail_extract() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'disk trouble'; END $$;
                    CREATE TRIGGER fail_extract BEFORE INSERT ON ca_customer_extract
                        FOR EACH ROW EXECUTE FUNCTION fail_extract()"""));
        } else {
            branch.jdbi.useHandle(h -> h.execute("""
                    CREATE TRIGGER fail_extract BEFORE INSERT ON ca_customer_extract
                    BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"""));
        }
        // The sync goes on (other files are not blocked); this one is left for the next sync.
        assertThat(sync()).singleElement().isInstanceOfSatisfying(ImportResult.Deferred.class,
                d -> assertThat(d.problem()).contains("nothing was applied"));
        assertThat(customerData()).isEqualTo(before);
        assertThat(branch.folders.inbox().resolve("CUS-0102-00000001.p7m")).exists();
    }

    @Test
    void controlAndDirectionCharactersInTextFieldsRefuseTheWholeExtract() throws Exception {
        write(List.of(li()));
        assertThat(sync()).singleElement().isInstanceOf(ExtractImported.class);
        String before = customerData();
        ExtractCustomer z = zhang("13800138000", CardStatus.ACTIVE, List.of());
        ExtractDocument d = z.documents().get(0);
        ExtractToken t = z.tokens().get(0);
        record Case(ExtractCustomer customer, String record, String field, int codePoint) {
        }
        List<Case> cases = List.of(
                new Case(new ExtractCustomer("CUST0001", "\u202E\u4f1f\u5f20", "1949-12-31", "F", null, z.documents(),
                        z.cards(), z.tokens()), "customer CUST0001", "name", 0x202E),
                new Case(new ExtractCustomer("CUST0001", "\u5f20\u4f1f", "1949-12-31", "F", "138\u2066001", z.documents(),
                        z.cards(), z.tokens()), "customer CUST0001", "phone", 0x2066),
                new Case(new ExtractCustomer("CUST\u200F0001", "\u5f20\u4f1f", null, null, null, List.of(), List.of(),
                        List.of()), "customer #1", "customerNo", 0x200F),
                new Case(new ExtractCustomer("CUST0001", "\u5f20\u4f1f", "1949-12-31", "F", null,
                        List.of(new ExtractDocument(d.type(), d.number(), "\u5f20\n\u4f1f", d.validFrom(), null, true)),
                        z.cards(), z.tokens()), "customer CUST0001, document RESIDENT_ID 1101**********002X", "name", 0x0A),
                new Case(new ExtractCustomer("CUST0001", "\u5f20\u4f1f", "1949-12-31", "F", null,
                        List.of(new ExtractDocument(d.type(), "\u200E" + d.number(), d.name(), d.validFrom(), null, true)),
                        z.cards(), z.tokens()), "customer CUST0001, a RESIDENT_ID document", "number", 0x200E),
                new Case(new ExtractCustomer("CUST0001", "\u5f20\u4f1f", "1949-12-31", "F", null, z.documents(),
                        z.cards(), List.of(new ExtractToken(t.serial(), t.mediaVoucherNo(), "U-shield\u0085 3",
                        t.manufacturer(), t.status(), t.registeredAt(), List.of()))),
                        "customer CUST0001, token TOK-0001", "model", 0x85),
                new Case(new ExtractCustomer("CUST0001", "\u5f20\u4f1f\u001b[0m", "1949-12-31", "F", null, z.documents(),
                        z.cards(), z.tokens()), "customer CUST0001", "name", 0x1B));
        for (Case c : cases) {
            write(List.of(c.customer()));
            assertThat(sync()).singleElement().isInstanceOfSatisfying(Quarantined.class, q -> {
                assertThat(q.code()).isEqualTo(RejectionCode.MALFORMED);
                assertThat(q.reason()).isEqualTo(String.format("The extract is not valid: %s: the field %s contains "
                        + "the control or direction character U+%04X", c.record(), c.field(), c.codePoint()));
            });
            assertThat(customerData()).isEqualTo(before);
        }
    }

    @Test
    void aDocumentTheCounterRulesRefuseRefusesTheWholeExtractNamingTheRecordMasked() throws Exception {
        rules = (type, number, birthDate, asOf) -> number.equals(ID_2)
                ? java.util.Optional.of("fails the counter's check: the check digit does not match")
                : java.util.Optional.empty();
        String before = customerData();
        write(List.of(zhang("13800138000", CardStatus.ACTIVE, List.of()), li()));

        assertThat(sync()).singleElement().isInstanceOfSatisfying(Quarantined.class, q -> {
            assertThat(q.code()).isEqualTo(RejectionCode.MALFORMED);
            assertThat(q.reason()).isEqualTo("The extract is not valid: customer CUST0002, document RESIDENT_ID "
                    + "4405**********0014: the field number fails the counter's check: the check digit does not match")
                    .doesNotContain(ID_2);
        });
        assertThat(customerData()).isEqualTo(before);
    }
}
