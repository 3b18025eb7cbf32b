package bank.ushield.renewal.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.PresentedCard;

/**
 * The simulated chip presents any training customer's card after a restart: the staged numbers are in the training
 * folder's fixture file (the database holds only a keyed hash). Each "restart" here is a new database handle and a
 * new DeskReaders that staged nothing.
 */
class TrainingChipCardsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);

    private static Repositories repos(Path dir) {
        return new Repositories(Database.open(dir.resolve("training.db")), CardMatchingKey.forDataFolder(dir),
                new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), CLOCK);
    }

    @Test
    void aCardStagedInOneRunIsPresentedAfterARestartWithItsChipExpiry(@TempDir Path dir) throws Exception {
        TrainingData data = new TrainingDataGenerator(repos(dir)).generate(7, 3);
        DeskReaders first = DeskReaders.training(repos(dir), CLOCK, dir);
        first.stage(data);
        TrainingCustomer expired = data.customers().get(2);
        String expiredPan = expired.cards().get(0).pan();
        first.stageCard(expired.customerNo(), expiredPan, LocalDate.of(2026, 10, 31));

        DeskReaders afterRestart = DeskReaders.training(repos(dir), CLOCK, dir);
        for (TrainingCustomer c : data.customers().subList(0, 2)) {
            String online = c.cards().stream().filter(k -> k.onlineBanking()).findFirst().orElseThrow().pan();
            PresentedCard read = afterRestart.readChip(c.customerNo());
            assertThat(read.pan()).isEqualTo(online);
            assertThat(read.fromChip()).isTrue();
            assertThat(read.chipExpiry()).isEqualTo(LocalDate.of(2029, 11, 30));
        }
        PresentedCard read = afterRestart.readChip(expired.customerNo());
        assertThat(read.pan()).isEqualTo(expiredPan);
        assertThat(read.chipExpiry()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(Files.readString(dir.resolve(TrainingChipCards.FILE_NAME))).contains(expiredPan);
    }

    @Test
    void aNumberTheTrainingDatabaseDoesNotKnowIsNotPresented(@TempDir Path dir) throws Exception {
        TrainingData data = new TrainingDataGenerator(repos(dir)).generate(7, 1);
        String customerNo = data.customers().get(0).customerNo();
        // e.g. left from data generated with another seed: the keyed hash finds no such card
        TrainingChipCards.in(dir).put(customerNo, "6222021234567890128", null);
        assertThatThrownBy(() -> DeskReaders.training(repos(dir), CLOCK, dir).readChip(customerNo))
                .isInstanceOfSatisfying(ReaderException.class,
                        e -> assertThat(e.failure()).isEqualTo(ReaderException.Failure.NO_CARD));
        assertThatThrownBy(() -> DeskReaders.training(repos(dir), CLOCK, dir).readChip("TR-NOBODY"))
                .isInstanceOf(ReaderException.class);
    }
}
