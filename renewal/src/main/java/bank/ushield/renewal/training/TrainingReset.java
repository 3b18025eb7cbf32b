package bank.ushield.renewal.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.wiring.RenewalWorkstation;

/**
 * Resets the training data in one action: deletes the training database, the simulated tokens, the head-office
 * simulator and the training sync folders, then generates fresh training data. The trainer's own scenario files
 * and the training workstation key stay. Refuses any folder without a training database, so it can never empty a
 * production folder.
 */
public final class TrainingReset {

    /** What a reset removes, relative to the training data folder. */
    static final List<String> WIPED = List.of(RenewalWorkstation.TRAINING_DB, RenewalWorkstation.TRAINING_DB + "-wal",
            RenewalWorkstation.TRAINING_DB + "-shm", "simulated-tokens.json", "head-office", "sync");

    private TrainingReset() {
    }

    /**
     * Wipes and regenerates; the training workstation on this folder must be closed first.
     *
     * @return the customers generated
     */
    public static int reset(Path trainingFolder, long seed, int customers, Clock clock) {
        wipe(trainingFolder);
        Database db = Database.open(trainingFolder.resolve(RenewalWorkstation.TRAINING_DB));
        Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(trainingFolder), new PasswordHasher(), clock);
        return new TrainingDataGenerator(repos).generate(seed, customers).customers().size();
    }

    /**
     * Only the wipe: for a caller that opens the training workstation itself afterwards (a fresh training
     * database then gets fresh training data). Same folder check; the workstation on it must be closed first.
     */
    public static void wipe(Path trainingFolder) {
        if (Files.exists(trainingFolder.resolve(RenewalWorkstation.PRODUCTION_DB))
                || !Files.exists(trainingFolder.resolve(RenewalWorkstation.TRAINING_DB))) {
            throw new IllegalStateException("Not a training data folder: " + trainingFolder);
        }
        for (String name : WIPED) {
            delete(trainingFolder.resolve(name));
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
