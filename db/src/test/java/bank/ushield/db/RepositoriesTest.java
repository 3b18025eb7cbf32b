package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class RepositoriesTest {

    @Parameter
    Engine engine;


    @Test
    void branchAndWorkstationAreIdempotent(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Workstation first = f.repos.branches().workstation("0102-W01").orElseThrow();
        f.clock.advance(Duration.ofDays(1));
        Workstation again = f.repos.branches().saveWorkstation("0102-W01", "0102", "Counter one", true);
        assertThat(again.createdAt()).isEqualTo(first.createdAt());
        assertThat(again.name()).isEqualTo("Counter one");
        assertThat(again.training()).isTrue();
        assertThat(f.repos.branches().saveBranch("0102", "Renamed")).isEqualTo(f.repos.branches().branch("0102").orElseThrow());
        assertThat(f.repos.branches().workstations("0102")).containsExactly(again);
    }

    @Test
    void staffUserRoundTripNeverStoresThePassword(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        char[] password = "s3cret-Passw0rd".toCharArray();
        StaffUser m = f.repos.staff().create("manager01", "经理", StaffRole.MANAGER, "0102", password);
        assertThat(password).containsOnly('\0');
        assertThat(m.role()).isEqualTo(StaffRole.MANAGER);
        assertThat(m.active()).isTrue();
        assertThat(m.createdAt()).isEqualTo(f.clock.instant());
        assertThat(f.repos.staff().findByLogin("manager01")).contains(m);
        assertThat(f.repos.staff().ofBranch("0102")).extracting(StaffUser::login).containsExactly("manager01", "teller01");
        String stored = f.db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM staff_user WHERE login = 'manager01'")
                .mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$v=19$m=256,t=1,p=1$").doesNotContain("s3cret");
        if (engine == Engine.SQLITE) {
            f.db.jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
            assertThat(new String(Files.readAllBytes(file.path()), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret-Passw0rd");
        }
    }

    @Test
    void customerAndDocumentsRoundTrip(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.repos.customers().insert("C0001", "王芳", LocalDate.of(1985, 6, 7), Gender.F, null);
        assertThat(f.repos.customers().find(c.id())).contains(c);
        assertThat(f.repos.customers().findByCustomerNo("C0001")).contains(c);
        assertThat(f.repos.customers().searchByName("王", 10)).containsExactly(c);
        assertThat(f.repos.customers().searchByName("张", 10)).isEmpty();
        IdentityDocument id = f.repos.customers().addDocument(c.id(), IdentityDocumentType.RESIDENT_ID, "11010519491231002X", "王芳",
                LocalDate.of(2010, 1, 1), LocalDate.of(2030, 1, 1), true);
        IdentityDocument passport = f.repos.customers().addDocument(c.id(), IdentityDocumentType.PASSPORT, "E12345678", "WANG FANG",
                LocalDate.of(2020, 1, 1), null, false);
        assertThat(f.repos.customers().documents(c.id())).containsExactly(id, passport);
        assertThat(f.repos.customers().findDocument(IdentityDocumentType.RESIDENT_ID, "11010519491231002X")).contains(id);
        assertThat(f.repos.customers().findDocumentsByNumber("E12345678")).containsExactly(passport);
        assertThat(id.toString()).doesNotContain("11010519491231002X").contains("1101**********002X");
        assertThat(passport.validOn(LocalDate.of(2090, 1, 1))).isTrue();
        assertThat(id.validOn(LocalDate.of(2030, 1, 2))).isFalse();
        f.repos.customers().updateDocumentValidity(id.id(), LocalDate.of(2029, 1, 1), null);
        assertThat(f.repos.customers().document(id.id()).orElseThrow().validTo()).isNull();
    }

    @Test
    void cardsAreMatchedByKeyedHashAndTheNumberIsNeverStored(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.customer("C0002");
        String pan = "6222021234567890128";
        BankCard card = f.repos.cards().insert(c.id(), pan, CardKind.DEBIT, true, CardStatus.ACTIVE);
        assertThat(card.bin()).isEqualTo("622202");
        assertThat(card.last4()).isEqualTo("0128");
        assertThat(card.panLength()).isEqualTo(19);
        assertThat(card.masked()).isEqualTo("6222 **** **** 0128");
        assertThat(f.repos.cards().findByPan("6222 0212 3456 7890 128")).contains(card);
        assertThat(f.repos.cards().findByPan("6222021234567890136")).isEmpty();
        // another key gives another hash: the stored value is useless without the workstation's key
        assertThat(new CardMatchingKey(new byte[32]).hash(pan)).isEqualTo(card.panHmac());
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new CardMatchingKey(other).hash(pan)).isNotEqualTo(card.panHmac());
        f.repos.cards().updateStatus(card.id(), CardStatus.LOST);
        f.repos.cards().setOnlineBanking(card.id(), false);
        BankCard changed = f.repos.cards().ofCustomer(c.id()).get(0);
        assertThat(changed.status()).isEqualTo(CardStatus.LOST);
        assertThat(changed.onlineBanking()).isFalse();
        if (engine == Engine.SQLITE) {
            f.db.jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
            assertThat(new String(Files.readAllBytes(file.path()), StandardCharsets.ISO_8859_1)).doesNotContain(pan);
        } else {
            Integer clear = f.db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM bank_card WHERE pan_hmac LIKE :p "
                    + "OR bin || last4 LIKE :p").bind("p", "%" + pan + "%").mapTo(Integer.class).one());
            assertThat(clear).isZero();
        }
    }

    @Test
    void tokensAndCertificatesRoundTrip(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.customer("C0003");
        RegisteredToken t = f.token(c.id(), "TK0001");
        assertThat(f.repos.tokens().findBySerial("TK0001")).contains(t);
        assertThat(f.repos.tokens().findByMediaVoucherNo("1234567890")).contains(t);
        assertThat(f.repos.tokens().ofCustomer(c.id())).containsExactly(t);
        byte[] der = {0x30, 0x03, 0x02, 0x01, 0x01};
        Instant nb = Instant.parse("2021-01-10T08:00:00Z");
        CertificateRecord old = f.repos.certificates().insert(new CertificateRecord(0, t.id(), "0a1b", "CN=Test CA",
                "CN=张伟", nb, nb.plus(Duration.ofDays(5 * 365)), "aa".repeat(32), CertificateStatus.ACTIVE, der));
        CertificateRecord newer = f.repos.certificates().insert(new CertificateRecord(0, t.id(), "0a1c", "CN=Test CA",
                "CN=张伟", nb.plus(Duration.ofDays(1)), nb.plus(Duration.ofDays(6 * 365)), "bb".repeat(32),
                CertificateStatus.ACTIVE, null));
        assertThat(old.der()).isEqualTo(der);
        assertThat(old.notBefore()).isEqualTo(nb);
        assertThat(f.repos.certificates().findByFingerprint("aa".repeat(32)).orElseThrow().id()).isEqualTo(old.id());
        assertThat(f.repos.certificates().findByIssuerAndSerial("CN=Test CA", "0a1c").orElseThrow().id()).isEqualTo(newer.id());
        assertThat(f.repos.certificates().activeOfToken(t.id()).orElseThrow().id()).isEqualTo(newer.id());
        assertThat(f.repos.certificates().ofToken(t.id())).extracting(CertificateRecord::id).containsExactly(newer.id(), old.id());
        assertThat(f.repos.certificates().activeExpiringBetween(nb, nb.plus(Duration.ofDays(5 * 365 + 1))))
                .extracting(CertificateRecord::id).containsExactly(old.id());
        f.repos.certificates().updateStatus(newer.id(), CertificateStatus.SUPERSEDED);
        f.repos.certificates().attachDer(newer.id(), der, "cc".repeat(32));
        assertThat(f.repos.certificates().activeOfToken(t.id()).orElseThrow().id()).isEqualTo(old.id());
        assertThat(f.repos.certificates().find(newer.id()).orElseThrow().der()).isEqualTo(der);
        f.repos.tokens().updateStatus(t.id(), TokenStatus.LOST);
        assertThat(f.repos.tokens().find(t.id()).orElseThrow().status()).isEqualTo(TokenStatus.LOST);
    }

    @Test
    void aCustomersFileIsOneStatementWithWhatTheSeparateReadsReturn(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.repos.customers().insert("C0009", "王芳", LocalDate.of(1985, 6, 7), Gender.F, "13800000000");
        // The secondary document first: the file orders the primary one first, as documents() does.
        f.repos.customers().addDocument(c.id(), IdentityDocumentType.PASSPORT, "E12345678", "WANG FANG",
                LocalDate.of(2020, 1, 1), null, false);
        f.repos.customers().addDocument(c.id(), IdentityDocumentType.RESIDENT_ID, "11010519491231002X", "王芳",
                LocalDate.of(2010, 1, 1), LocalDate.of(2030, 1, 1), true);
        f.repos.cards().insert(c.id(), "6222021234567890128", CardKind.DEBIT, true, CardStatus.ACTIVE);
        f.repos.cards().insert(c.id(), "6222021234567890136", CardKind.CREDIT, false, CardStatus.LOST);
        RegisteredToken t1 = f.token(c.id(), "TK0091");
        RegisteredToken t2 = f.repos.tokens().insert("TK0092", null, "HS-2000", "Hengsheng", c.id(), TokenStatus.LOST);
        Instant nb = Instant.parse("2021-01-10T08:00:00Z");
        byte[] der = {0x30, 0x03, 0x02, 0x01, 0x01};
        int n = 0;
        for (RegisteredToken t : List.of(t1, t2, t1)) {
            n++;
            f.repos.certificates().insert(new CertificateRecord(0, t.id(), "0a" + n, "CN=Test CA", "CN=王芳",
                    nb.plus(Duration.ofDays(n)), nb.plus(Duration.ofDays(365L * (n % 2 == 0 ? 9 : n))),
                    Integer.toHexString(n).repeat(64).substring(0, 64), CertificateStatus.ACTIVE, n == 2 ? null : der));
        }
        Customer other = f.customer("C0010"); // another customer's rows never come along
        f.repos.certificates().insert(new CertificateRecord(0, f.token(other.id(), "TK0093").id(), "0b1", "CN=Test CA",
                "CN=张伟", nb, nb.plus(Duration.ofDays(30)), "ff".repeat(32), CertificateStatus.ACTIVE, der));

        java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        f.db.jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logBeforeExecution(org.jdbi.v3.core.statement.StatementContext context) {
                statements.incrementAndGet();
            }
        });
        CustomerFile read = f.repos.customers().file(c.id()).orElseThrow();
        assertThat(statements).hasValue(1);
        f.db.jdbi().setSqlLogger(org.jdbi.v3.core.statement.SqlLogger.NOP_SQL_LOGGER);

        assertThat(read.customer()).isEqualTo(c);
        assertThat(read.documents()).containsExactlyElementsOf(f.repos.customers().documents(c.id()));
        assertThat(read.documents().get(0).primaryDoc()).isTrue();
        assertThat(read.cards()).containsExactlyElementsOf(f.repos.cards().ofCustomer(c.id()));
        assertThat(read.tokens()).containsExactlyElementsOf(f.repos.tokens().ofCustomer(c.id()));
        for (RegisteredToken t : List.of(t1, t2)) {
            assertThat(read.certificatesOf(t.id())).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(f.repos.certificates().ofToken(t.id()));
        }
        assertThat(read.certificates()).hasSize(3);
        assertThat(f.repos.customers().file(other.id()).orElseThrow().certificates()).hasSize(1);
        assertThat(f.repos.customers().file(c.id() + 1000)).isEmpty();
    }

    @Test
    void batchesNumberPerDirectionAndWorkstation(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        assertThat(f.repos.batches().nextSequence(BatchDirection.OUT, "0102-W01")).isEqualTo(1);
        BatchRow out1 = f.repos.batches().insertNext(BatchDirection.OUT, "0102-W01", "req-1.p7m", "ab", BatchStatus.WRITTEN, 2, null);
        BatchRow out2 = f.repos.batches().insertNext(BatchDirection.OUT, "0102-W01", "req-2.p7m", "cd", BatchStatus.WRITTEN, 1, null);
        BatchRow in1 = f.repos.batches().insert(BatchDirection.IN, "0102-W01", 1, "resp-1.p7m", "ef", BatchStatus.IMPORTED, 2, "ok");
        assertThat(out1.sequence()).isEqualTo(1);
        assertThat(out2.sequence()).isEqualTo(2);
        assertThat(f.repos.batches().lastSequence(BatchDirection.IN, "0102-W01")).isEqualTo(1);
        assertThat(f.repos.batches().find(BatchDirection.OUT, "0102-W01", 2)).contains(out2);
        f.repos.batches().updateStatus(out1.id(), BatchStatus.SENT, "moved to outbox");
        assertThat(f.repos.batches().inStatus(BatchDirection.OUT, BatchStatus.WRITTEN)).containsExactly(out2);
        assertThat(f.repos.batches().find(out1.id()).orElseThrow().detail()).isEqualTo("moved to outbox");
        assertThat(f.repos.batches().recent(10)).hasSize(3).contains(in1);
    }

    @Test
    void instantsAreStoredAsFixedWidthTextThatSortsInTimeOrder(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        Instant whole = Instant.parse("2026-03-02T01:30:00Z");
        Instant half = Instant.parse("2026-03-02T01:30:00.5Z");
        assertThat(Database.instantText(whole)).isEqualTo("2026-03-02T01:30:00.000000000Z");
        assertThat(Database.instantText(whole).compareTo(Database.instantText(half))).isNegative();
        f.clock.set(half);
        RenewalCaseRow later = f.openCase("K-2");
        f.clock.set(whole);
        RenewalCaseRow earlier = f.openCase("K-1");
        assertThat(f.repos.cases().openedBetween(whole, half.plusNanos(1)))
                .extracting(RenewalCaseRow::id).containsExactly(earlier.id(), later.id());
        assertThat(f.repos.cases().find(later.id()).orElseThrow().openedAt()).isEqualTo(half);
    }

    @Test
    void queryIndexesExist(DatabaseFile file, PostgresDatabase pg) {
        Fixtures f = new Fixtures(engine, file, pg);
        List<String> indexes = f.db.jdbi().withHandle(h -> h.createQuery(engine == Engine.SQLITE
                ? "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
                : "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()").mapTo(String.class).list());
        assertThat(indexes).contains("identity_document_number", "token_media_voucher", "renewal_case_opened",
                "renewal_case_workstation", "case_state_history_at");
        if (engine != Engine.SQLITE) {
            return; // PostgreSQL's planner prefers a scan on a table this small; the index's presence is the point
        }
        String plan = f.db.jdbi().withHandle(h -> h.createQuery(
                "EXPLAIN QUERY PLAN SELECT * FROM renewal_case WHERE opened_at >= '2026' AND opened_at < '2027'")
                .map((rs, ctx) -> rs.getString("detail")).list().toString());
        assertThat(plan).contains("renewal_case_opened");
    }
}
