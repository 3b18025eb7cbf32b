package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

@ExtendWith(DatabaseFileExtension.class)
class DatabaseTest {

    @Test
    void migratesAnEmptyFileWithWalAndForeignKeys(DatabaseFile file) {
        Database db = Database.open(file.path());
        assertThat(Files.exists(file.path())).isTrue();
        assertThat(db.schemaVersion()).isNotEqualTo("0");
        db.jdbi().useHandle(h -> {
            assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
            assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
            assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2); // FULL
            assertThat(h.createQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'renewal_case'")
                    .mapTo(Integer.class).one()).isEqualTo(1);
        });
    }

    @Test
    void everyPooledConnectionHasTheSettings(DatabaseFile file) {
        try (Database db = Database.open(file.path())) {
            // three handles open at once: three pooled connections, each configured the same
            try (var a = db.jdbi().open(); var b = db.jdbi().open(); var c = db.jdbi().open()) {
                for (var h : java.util.List.of(a, b, c)) {
                    assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
                    assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isEqualTo(10_000);
                    assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void reopeningIsANoOp(DatabaseFile file) {
        String first = Database.open(file.path()).schemaVersion();
        assertThat(Database.open(file.path()).schemaVersion()).isEqualTo(first);
    }

    @Test
    void refusesADatabaseFromANewerRelease(DatabaseFile file) {
        Database db = Database.open(file.path());
        db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                        + "installed_by, installed_on, execution_time, success) "
                        + "VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'x', (SELECT installed_on FROM flyway_schema_history LIMIT 1), 1, 1)"));
        assertThatThrownBy(() -> Database.open(file.path()))
                .isInstanceOf(DatabaseTooNewException.class)
                .hasMessageContaining("999")
                .hasMessageContaining("newer release");
    }
}
