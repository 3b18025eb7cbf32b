package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import picocli.CommandLine;

@ExtendWith(DatabaseFileExtension.class)
class TrainingDataCommandTest {

    private static int customers(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM customer").mapTo(Integer.class).one());
    }

    @Test
    void fillsATrainingDatabaseAndPrintsTheTrainersSheet(DatabaseFile file) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TrainingDataCommand());
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("--db", file.path().toString(), "--customers", "12", "--seed", "3");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("teller01", "manager01", "train-1234", "ID_CARD_EXPIRED", " **** **** ");
        Database db = Database.open(file.path());
        assertThat(customers(db)).isEqualTo(12);
        var key = file.path().resolveSibling(CardMatchingKey.KEY_FILE);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        StringWriter shown = new StringWriter();
        CommandLine again = new CommandLine(new TrainingDataCommand());
        again.setOut(new PrintWriter(shown));
        assertThat(again.execute("--db", file.path().toString(), "--customers", "12", "--seed", "3", "--show-card-numbers"))
                .isZero();
        assertThat(shown.toString()).doesNotContain(" **** **** ").containsPattern("\\b(62|95)\\d{14,17}\\b");
        assertThat(customers(db)).isEqualTo(12);
    }
}
