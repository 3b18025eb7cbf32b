package bank.ushield.renewal.readers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * The training-only fixture file of the simulated chip cards ({@value #FILE_NAME} in the training data folder, beside
 * training.db): customer number to the full training card number and, when staged, the chip's expiry. The database
 * keeps only a keyed hash of a card number, so without this file the simulated reader could present only the cards
 * of customers generated in the same run. Training card numbers are made up (never a customer's); production never
 * has this file (DeskReaders.production has no training source). Written atomically, owner-only where the file
 * system allows.
 */
public final class TrainingChipCards {

    /** The file name inside the training data folder. */
    public static final String FILE_NAME = "training-chip-cards.properties";

    /** A staged card: its number and, when staged with one, the expiry its chip gives. */
    public record Staged(String pan, Optional<LocalDate> expiry) {
        @Override
        public String toString() {
            return "Staged[" + bank.ushield.renewal.readers.TrainingChipCards.masked(pan) + ", " + expiry + "]";
        }
    }

    private final Path file;

    private TrainingChipCards(Path file) {
        this.file = file;
    }

    /** The fixture file of this training data folder (created at the first staging). */
    public static TrainingChipCards in(Path trainingFolder) {
        return new TrainingChipCards(trainingFolder.resolve(FILE_NAME));
    }

    /** The card staged for the customer, read from the file now (another process may have staged it). */
    public synchronized Optional<Staged> get(String customerNo) {
        String v = load().getProperty(customerNo);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        String[] parts = v.split(",", 2);
        Optional<LocalDate> expiry = Optional.empty();
        if (parts.length == 2 && !parts[1].isBlank()) {
            try {
                expiry = Optional.of(LocalDate.parse(parts[1].strip()));
            } catch (DateTimeParseException e) {
                expiry = Optional.empty(); // a hand-edited date that is not one: the reader's default applies
            }
        }
        return Optional.of(new Staged(parts[0].strip(), expiry));
    }

    /** Stages (or replaces) the customer's card; {@code expiry} null: the reader's default (valid for years). */
    public synchronized void put(String customerNo, String pan, LocalDate expiry) {
        Properties p = load();
        p.setProperty(customerNo, pan + "," + (expiry == null ? "" : expiry.toString()));
        store(p);
    }

    /** Stages many cards in one write (the generated training customers). */
    public synchronized void putAll(java.util.Map<String, String> panByCustomerNo) {
        Properties p = load();
        panByCustomerNo.forEach((customerNo, pan) -> p.setProperty(customerNo, pan + ","));
        store(p);
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the training chip cards " + file, e);
            }
        }
        return p;
    }

    private void store(Properties p) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Training only: simulated chip cards (customer number = card number,expiry)");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the training chip cards " + file, e);
        }
    }

    static String masked(String pan) {
        return pan == null || pan.length() < 10 ? "****" : pan.substring(0, 6) + "****" + pan.substring(pan.length() - 4);
    }
}
