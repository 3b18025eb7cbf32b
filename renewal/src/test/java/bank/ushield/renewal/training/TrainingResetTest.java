package bank.ushield.renewal.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.token.KeyAlgorithm;

class TrainingResetTest {

    static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneId.of("Asia/Shanghai"));

    @Test
    void resetThrowsAwayTheRunsAndKeepsTheTrainersScenarios(@TempDir Path dir) throws Exception {
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        new TrainingDataGenerator(new Repositories(db, CardMatchingKey.forDataFolder(dir), new PasswordHasher(), CLOCK))
                .generate(3, 4);
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/keep.json"), "{}");
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, TrainingDataGenerator.WORKSTATION_ID,
                KeyAlgorithm.EC_P256, CLOCK)) {
            ScenarioTrainingDesk desk = new ScenarioTrainingDesk(ws, dir.resolve("scenarios"), CLOCK, () -> { });
            desk.start(desk.scenarios().get("pin-locked"), "teller01");
            assertThat(count(ws.database(), "customer_no LIKE 'SCN%'")).isEqualTo(1);
        }

        int customers = TrainingReset.reset(dir, 3, 4, CLOCK);

        assertThat(customers).isEqualTo(4);
        Database fresh = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        assertThat(count(fresh, "customer_no LIKE 'SCN%'")).isZero();
        long entries = fresh.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entry")
                .mapTo(Long.class).one());
        assertThat(entries).isZero();
        assertThat(dir.resolve("scenarios/keep.json")).exists();
        assertThat(dir.resolve("simulated-tokens.json")).doesNotExist();
    }

    @Test
    void resetRefusesAFolderWithoutATrainingDatabase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RenewalWorkstation.PRODUCTION_DB), "");
        assertThatThrownBy(() -> TrainingReset.reset(dir, 1, 1, CLOCK)).isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve(RenewalWorkstation.PRODUCTION_DB)).exists();
    }

    private static long count(Database db, String where) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM customer WHERE " + where)
                .mapTo(Long.class).one());
    }
}
