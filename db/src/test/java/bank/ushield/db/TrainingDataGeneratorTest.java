package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.MutableClock;

@ExtendWith(DatabaseFileExtension.class)
class TrainingDataGeneratorTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final Set<String> REGIONS = Set.of("110101", "110105", "110108", "120101", "310101", "310104",
            "310115", "320102", "330106", "350203", "370102", "420106", "430102", "440103", "440106", "440304",
            "440305", "500103", "510104", "610113");
    private static final Set<String> ICBC_BINS = Set.of("622200", "622202", "622203", "622208", "621226", "621225",
            "623062", "621227", "955880", "622210", "622211", "622212", "622213", "622214", "622215", "622230", "622235");

    private record Setup(Database db, MutableClock clock, Repositories repos, TrainingDataGenerator generator) {
    }

    private static Setup setup(java.nio.file.Path file) {
        Database db = Database.open(file);
        MutableClock clock = new MutableClock(NOW);
        Repositories repos = new Repositories(db, new CardMatchingKey(Fixtures.KEY), new PasswordHasher(Fixtures.CHEAP), clock);
        return new Setup(db, clock, repos, new TrainingDataGenerator(repos));
    }

    @Test
    void identityNumbersAreValidAndConsistentWithTheCustomer(DatabaseFile file) {
        TrainingData data = setup(file.path()).generator().generate(7, 40);
        assertThat(data.customers()).hasSize(40);
        for (TrainingCustomer c : data.customers()) {
            String id = c.idNumber();
            assertThat(NumberChecks.validResidentId(id)).as(id).isTrue();
            assertThat(REGIONS).contains(id.substring(0, 6));
            assertThat(id.substring(6, 14)).isEqualTo(c.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE));
            assertThat((id.charAt(16) - '0') % 2 == 1).isEqualTo(c.gender() == Gender.M);
            assertThat(c.name()).matches("[\\u4e00-\\u9fa5]{2,4}");
            // Resident ID Card Law art. 5: period by age at issue
            int ageAtIssue = Period.between(c.birthDate(), c.idValidFrom()).getYears();
            assertThat(ageAtIssue).isGreaterThanOrEqualTo(16);
            if (ageAtIssue >= 46) {
                assertThat(c.idValidTo()).as("long-term from 46").isNull();
            } else {
                int years = ageAtIssue <= 25 ? 10 : 20;
                assertThat(c.idValidTo()).isEqualTo(c.idValidFrom().plusYears(years));
            }
            boolean validToday = !c.idValidFrom().isAfter(TODAY) && (c.idValidTo() == null || c.idValidTo().isAfter(TODAY));
            assertThat(validToday).as(c.customerNo()).isEqualTo(!c.edges().contains(TrainingEdge.ID_CARD_EXPIRED));
            assertThat(Period.between(c.birthDate(), TODAY).getYears()).isGreaterThanOrEqualTo(18);
        }
        assertThat(data.customers().stream().map(TrainingCustomer::idNumber).distinct()).hasSize(40);
        assertThat(data.customers().stream().map(TrainingCustomer::gender).distinct()).hasSize(2);
    }

    @Test
    void cardsHaveIcbcBinsAndLuhnDigitsAndAreStoredOnlyAsKeyedHashes(DatabaseFile file) throws Exception {
        Setup s = setup(file.path());
        TrainingData data = s.generator().generate(7, 40);
        List<TrainingCard> cards = data.customers().stream().flatMap(c -> c.cards().stream()).toList();
        assertThat(cards.size()).isGreaterThan(40);
        for (TrainingCard card : cards) {
            assertThat(NumberChecks.validLuhn(card.pan())).as(card.toString()).isTrue();
            assertThat(ICBC_BINS).contains(card.pan().substring(0, 6));
            assertThat(card.pan().length()).isIn(16, 19);
            assertThat(s.repos().cards().findByPan(card.pan()).orElseThrow().id()).isEqualTo(card.cardId());
            assertThat(card.toString()).doesNotContain(card.pan());
        }
        s.db().jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        String bytes = new String(Files.readAllBytes(file.path()), StandardCharsets.ISO_8859_1);
        for (TrainingCard card : cards) {
            assertThat(bytes).doesNotContain(card.pan());
        }
    }

    @Test
    void everyEligibilityPathAndEveryEdgeHasCustomers(DatabaseFile file) {
        Setup s = setup(file.path());
        TrainingData data = s.generator().generate(7, 40);
        for (int days : TrainingDataGenerator.EXPIRY_SPREAD) {
            assertThat(data.plainExpiredBy(days)).as("expired by " + days).isNotEmpty();
        }
        for (TrainingCustomer c : data.customers()) {
            LocalDate expiryDay = LocalDate.ofInstant(c.certificateNotAfter(), SHANGHAI);
            assertThat(expiryDay).isEqualTo(TODAY.minusDays(c.daysSinceExpiry()));
            CertificateRecord cert = s.repos().certificates().find(c.certificateId()).orElseThrow();
            assertThat(cert.notAfter()).isEqualTo(c.certificateNotAfter());
            assertThat(cert.tokenId()).isEqualTo(c.tokenId());
            assertThat(cert.der()).isNull();
            assertThat(cert.status()).isEqualTo(CertificateStatus.ACTIVE);
            RegisteredToken token = s.repos().tokens().findBySerial(c.tokenSerial()).orElseThrow();
            assertThat(token.customerId()).isEqualTo(c.customerId());
            assertThat(token.mediaVoucherNo()).matches("[1-9]\\d{9}").isEqualTo(c.mediaVoucherNo());
        }
        TrainingCustomer expiredId = data.withEdge(TrainingEdge.ID_CARD_EXPIRED).orElseThrow();
        assertThat(s.repos().customers().document(expiredId.documentId()).orElseThrow().validOn(TODAY)).isFalse();
        TrainingCustomer lostCard = data.withEdge(TrainingEdge.CARD_LOST).orElseThrow();
        assertThat(s.repos().cards().ofCustomer(lostCard.customerId())).extracting(BankCard::status).containsOnly(CardStatus.LOST);
        TrainingCustomer offline = data.withEdge(TrainingEdge.ONLINE_BANKING_OFF).orElseThrow();
        assertThat(s.repos().cards().ofCustomer(offline.customerId())).extracting(BankCard::onlineBanking).containsOnly(false);
        TrainingCustomer lostToken = data.withEdge(TrainingEdge.TOKEN_LOST).orElseThrow();
        assertThat(s.repos().tokens().find(lostToken.tokenId()).orElseThrow().status()).isEqualTo(TokenStatus.LOST);
        for (TrainingEdge edge : TrainingEdge.values()) {
            assertThat(data.withEdge(edge).orElseThrow().daysSinceExpiry()).isEqualTo(TrainingDataGenerator.EDGE_DAYS_SINCE_EXPIRY);
        }
    }

    @Test
    void staffCanLogInWithTheTrainingPassword(DatabaseFile file) {
        Setup s = setup(file.path());
        TrainingData data = s.generator().generate(1, 0);
        assertThat(data.staffLogins()).containsExactly("teller01", "teller02", "manager01", "trainer01");
        StaffAuthenticator auth = s.repos().authenticator(LockoutPolicy.DEFAULT);
        for (String login : data.staffLogins()) {
            assertThat(auth.authenticate(login, TrainingDataGenerator.TRAINING_PASSWORD.toCharArray()))
                    .isInstanceOf(LoginResult.Ok.class);
        }
        assertThat(s.repos().staff().findByLogin("manager01").orElseThrow().role()).isEqualTo(StaffRole.MANAGER);
        assertThat(s.repos().staff().findByLogin("trainer01").orElseThrow().role()).isEqualTo(StaffRole.TRAINER);
        assertThat(s.repos().branches().workstation(data.workstationId()).orElseThrow().training()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOtherData(DatabaseFile a, DatabaseFile b, DatabaseFile c) {
        TrainingData first = setup(a.path()).generator().generate(42, 15);
        TrainingData second = setup(b.path()).generator().generate(42, 15);
        TrainingData other = setup(c.path()).generator().generate(43, 15);
        assertThat(second).isEqualTo(first);
        assertThat(ids(other)).doesNotContainAnyElementsOf(ids(first));
        // customer i depends only on seed and i: a longer run starts with the same customers
        TrainingData longer = setup(c.path()).generator().generate(42, 20);
        assertThat(longer.customers().subList(0, 15)).extracting(TrainingCustomer::idNumber).isEqualTo(ids(first));
    }

    @Test
    void runningAgainFindsTheRowsAgainAndMovesTheDatesToTheNewDay(DatabaseFile file) {
        Setup s = setup(file.path());
        TrainingData first = s.generator().generate(5, 14);
        long customers = s.repos().customers().count();
        s.repos().cards().updateStatus(first.customers().get(6).cards().get(0).cardId(), CardStatus.FROZEN);
        TrainingData again = s.generator().generate(5, 14);
        assertThat(again).isEqualTo(first);
        assertThat(s.repos().cards().find(first.customers().get(6).cards().get(0).cardId()).orElseThrow().status())
                .isEqualTo(CardStatus.ACTIVE);
        s.clock().advance(Duration.ofDays(1));
        TrainingData nextDay = s.generator().generate(5, 14);
        assertThat(s.repos().customers().count()).isEqualTo(customers).isEqualTo(14);
        assertThat(ids(nextDay)).isEqualTo(ids(first));
        TrainingCustomer c = nextDay.customers().get(10);
        assertThat(c.certificateId()).isEqualTo(first.customers().get(10).certificateId());
        assertThat(c.daysSinceExpiry()).isEqualTo(first.customers().get(10).daysSinceExpiry());
        assertThat(s.repos().certificates().find(c.certificateId()).orElseThrow().notAfter())
                .isEqualTo(first.customers().get(10).certificateNotAfter().plus(Duration.ofDays(1)));
        int tables = s.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM token").mapTo(Integer.class).one());
        assertThat(tables).isEqualTo(14);
    }

    @Test
    void refusesAProductionDatabase(DatabaseFile file) {
        Setup s = setup(file.path());
        s.repos().branches().saveBranch("0102", "Real branch");
        s.repos().branches().saveWorkstation("0102-W01", "0102", "Counter 1", false);
        assertThatThrownBy(() -> s.generator().generate(1, 5))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("production");
        assertThat(s.repos().customers().count()).isZero();
        assertThat(s.repos().staff().findByLogin("teller01")).isEmpty();
    }

    private static List<String> ids(TrainingData data) {
        return data.customers().stream().map(TrainingCustomer::idNumber).collect(Collectors.toList());
    }
}
