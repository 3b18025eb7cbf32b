package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** A workstation's card-matching key is bound to the database whose cards it hashes (ADR 0097), on both engines. */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CardMatchingKeyCheckTest {

    @Parameter
    Engine engine;

    @TempDir
    Path tmp;

    private final Clock clock = Clock.systemUTC();

    @Test
    void theFirstStartMakesAndRecordsTheKeyAndLaterStartsUseIt(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        Path w01 = Files.createDirectories(tmp.resolve("w01"));
        CardMatchingKey first = CardMatchingKeyCheck.forStart(f.db.jdbi(), w01, "0102-W01", clock);
        assertThat(w01.resolve(CardMatchingKey.KEY_FILE)).exists();
        assertThat(CardMatchingKeyCheck.recorded(f.db.jdbi())).hasValueSatisfying(r -> {
            assertThat(r.checkValue()).isEqualTo(first.checkValue()).hasSize(64);
            assertThat(r.recordedBy()).isEqualTo("0102-W01");
        });
        CardMatchingKey again = CardMatchingKeyCheck.forStart(f.db.jdbi(), w01, "0102-W01", clock);
        assertThat(again.hash("6222021234567890128")).isEqualTo(first.hash("6222021234567890128"));
        // a second counter with the same file is taken; its start records nothing new
        Path w02 = Files.createDirectories(tmp.resolve("w02"));
        Files.copy(w01.resolve(CardMatchingKey.KEY_FILE), w02.resolve(CardMatchingKey.KEY_FILE));
        CardMatchingKeyCheck.forStart(f.db.jdbi(), w02, "0102-W02", clock);
        assertThat(CardMatchingKeyCheck.recorded(f.db.jdbi()).orElseThrow().recordedBy()).isEqualTo("0102-W01");
    }

    @Test
    void aCounterWithAnotherKeyIsRefusedNamingWhoRecordedTheDatabasesKey(DatabaseFile file, PostgresDatabase pg)
            throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        CardMatchingKeyCheck.forStart(f.db.jdbi(), Files.createDirectories(tmp.resolve("w01")), "0102-W01", clock);
        Path w02 = Files.createDirectories(tmp.resolve("w02"));
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 7);
        Files.write(w02.resolve(CardMatchingKey.KEY_FILE), other);
        assertThatThrownBy(() -> CardMatchingKeyCheck.forStart(f.db.jdbi(), w02, "0102-W02", clock))
                .isInstanceOfSatisfying(CardMatchingKeyRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CardMatchingKeyRefusedException.Reason.DIFFERENT);
                    assertThat(e.getMessage()).contains("0102-W01").contains(new CardMatchingKey(other).checkValue()
                            .substring(0, 8)).doesNotContain(new CardMatchingKey(other).checkValue());
                });
        // installing that key at W02 is refused as well; W01 may correct its own key while no card is hashed
        assertThat(CardMatchingKeyCheck.admit(f.db.jdbi(), new CardMatchingKey(other), "0102-W02", clock))
                .hasValueSatisfying(why -> assertThat(why).contains("install the branch's key at 0102-W01 first"));
        assertThat(CardMatchingKeyCheck.admit(f.db.jdbi(), new CardMatchingKey(other), "0102-W01", clock)).isEmpty();
        assertThat(CardMatchingKeyCheck.recorded(f.db.jdbi()).orElseThrow().checkValue())
                .isEqualTo(new CardMatchingKey(other).checkValue());
    }

    @Test
    void onceCardsAreHashedNobodyMayRecordAnotherKey(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        Path w01 = Files.createDirectories(tmp.resolve("w01"));
        CardMatchingKey key = CardMatchingKeyCheck.forStart(f.db.jdbi(), w01, "0102-W01", clock);
        Customer c = f.customer("C1");
        new Repositories(f.db, key, new PasswordHasher(Fixtures.CHEAP), clock).cards()
                .insert(c.id(), "6222021234567890128", CardKind.DEBIT, true, CardStatus.ACTIVE);
        byte[] other = new byte[32];
        assertThat(CardMatchingKeyCheck.admit(f.db.jdbi(), new CardMatchingKey(other), "0102-W01", clock))
                .hasValueSatisfying(why -> assertThat(why).contains("1 bank card would stop matching"));
        assertThat(CardMatchingKeyCheck.recorded(f.db.jdbi()).orElseThrow().checkValue()).isEqualTo(key.checkValue());
    }

    @Test
    void aLostKeyFileIsRefusedAndNotReplacedByANewKey(DatabaseFile file, PostgresDatabase pg) throws Exception {
        Fixtures f = new Fixtures(engine, file, pg);
        Path w01 = Files.createDirectories(tmp.resolve("w01"));
        CardMatchingKeyCheck.forStart(f.db.jdbi(), w01, "0102-W01", clock);
        Files.delete(w01.resolve(CardMatchingKey.KEY_FILE));
        assertThatThrownBy(() -> CardMatchingKeyCheck.forStart(f.db.jdbi(), w01, "0102-W01", clock))
                .isInstanceOfSatisfying(CardMatchingKeyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CardMatchingKeyRefusedException.Reason.MISSING));
        assertThat(w01.resolve(CardMatchingKey.KEY_FILE)).doesNotExist();
    }

    @Test
    void aDatabaseWithCardsFromBeforeTheRecordRefusesAMissingKeyFile(DatabaseFile file, PostgresDatabase pg) {
        // a database of an earlier release: cards hashed, nothing recorded yet, and the key file gone
        Fixtures f = new Fixtures(engine, file, pg);
        Customer c = f.customer("C1");
        f.repos.cards().insert(c.id(), "6222021234567890128", CardKind.DEBIT, true, CardStatus.ACTIVE);
        Path w01 = tmp.resolve("w01");
        assertThatThrownBy(() -> CardMatchingKeyCheck.forStart(f.db.jdbi(), w01, "0102-W01", clock))
                .isInstanceOf(CardMatchingKeyRefusedException.class).hasMessageContaining("holds 1 bank card hashed");
        assertThat(w01.resolve(CardMatchingKey.KEY_FILE)).doesNotExist();
        assertThat(CardMatchingKeyCheck.recorded(f.db.jdbi())).isEmpty();
    }
}
