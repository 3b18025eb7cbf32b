package bank.ushield.teller.wizard;

import java.nio.file.Path;
import java.time.Clock;

import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingCard;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.PresentedDocument;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.token.KeyAlgorithm;

/** A training workstation in a folder, with the generated training data (EC keys: fast tests). */
public record TrainingFixture(RenewalWorkstation workstation, TrainingData data) implements AutoCloseable {

    public static TrainingFixture create(Path dir, Clock clock) {
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(dir),
                new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), clock);
        TrainingData data = new TrainingDataGenerator(repos).generate(7, 12);
        RenewalWorkstation ws = RenewalWorkstation.training(dir, TrainingDataGenerator.WORKSTATION_ID,
                KeyAlgorithm.EC_P256, clock);
        return new TrainingFixture(ws, data);
    }

    public TrainingWorld world() {
        return workstation.trainingWorld().orElseThrow();
    }

    public TrainingCustomer expired45() {
        return data.plainExpiredBy(45).findFirst().orElseThrow();
    }

    public StaffMember teller(String login) {
        return workstation.login(login, password());
    }

    public static char[] password() {
        return TrainingDataGenerator.TRAINING_PASSWORD.toCharArray();
    }

    public static PresentedDocument document(TrainingCustomer c) {
        return new PresentedDocument("RESIDENT_ID", c.idNumber(), c.name(), c.birthDate(), c.idValidFrom(),
                c.idValidTo(), false);
    }

    public static String onlineCard(TrainingCustomer c) {
        return c.cards().stream().filter(TrainingCard::onlineBanking).findFirst().orElseThrow().pan();
    }

    @Override
    public void close() {
        workstation.close();
    }
}
