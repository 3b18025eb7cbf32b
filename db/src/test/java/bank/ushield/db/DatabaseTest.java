package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

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
    @ExtendWith(PostgresExtension.class)
    void refusesABranchDatabaseFromANewerRelease(PostgresDatabase pg) {
        BranchDatabaseSettings settings = Fixtures.settings(pg.freshSchemaUrl(), pg);
        try (Database db = Database.open(settings)) {
            assertThat(db.engine()).isEqualTo(Engine.POSTGRESQL);
            db.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                            + "installed_by, installed_on, execution_time, success) "
                            + "VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'x', now(), 1, true)"));
        }
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(DatabaseTooNewException.class)
                .hasMessageContaining("999")
                .hasMessageContaining("newer release")
                .hasMessageContaining("for workstation 0102-W01");
    }

    @Test
    @ExtendWith(PostgresExtension.class)
    void aBranchUserWithoutRightsIsToldWhichAtStart(PostgresDatabase pg) {
        String url = pg.freshSchemaUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        Database.open(Fixtures.settings(url, pg)).close();
        String clerk = pg.createRole("clerk", "clerk-pw");
        pg.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + clerk,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + clerk);
        BranchDatabaseSettings asClerk = BranchDatabaseSettings.of(url, clerk, "clerk-pw".toCharArray(), "0102-W01");
        assertThatThrownBy(() -> Database.open(asClerk))
                .isInstanceOfSatisfying(DatabaseGrantsException.class, e -> assertThat(e.missing())
                        .contains("INSERT on audit_entry", "INSERT, UPDATE, DELETE on renewal_case")
                        .noneMatch(m -> m.contains("UPDATE on audit_")))
                .hasMessageContaining(clerk).hasMessageNotContaining("clerk-pw");
        // Granted as docs/db.md says, the same user starts.
        pg.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + clerk,
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + clerk);
        try (Database db = Database.open(asClerk)) {
            assertThat(db.engine()).isEqualTo(Engine.POSTGRESQL);
        }
    }

    @Test
    void aWrongPasswordOrNoServerIsSaidInWords() {
        BranchDatabaseSettings nowhere = BranchDatabaseSettings.of("jdbc:postgresql://127.0.0.1:1/branch", "u",
                "secret-pw".toCharArray(), "0102-W01");
        assertThatThrownBy(() -> Database.open(nowhere)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot be reached").hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> BranchDatabaseSettings.of("jdbc:postgresql://h/b?password=x", "u", null, "W1"))
                .hasMessageContaining("must not hold the password");
        assertThatThrownBy(() -> BranchDatabaseSettings.of("jdbc:postgresql://h/b", "u", null, "W1;DROP"))
                .hasMessageContaining("letters, digits");
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

    @Test
    void refusesADatabaseWithAMigrationOfANewerReleaseBelowThisReleasesNewestVersion(DatabaseFile file) {
        // Per-area numbers: a newer release's core V9 sits below renewal's V3x; Flyway calls it MISSING.
        Database db = Database.open(file.path());
        db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                        + "installed_by, installed_on, execution_time, success) "
                        + "VALUES (998, '9', 'core of a newer release', 'SQL', 'V9__newer.sql', 0, 'x', "
                        + "(SELECT installed_on FROM flyway_schema_history LIMIT 1), 1, 1)"));
        db.close();
        assertThatThrownBy(() -> Database.open(file.path()))
                .isInstanceOf(DatabaseTooNewException.class)
                .hasMessageContaining("schema version 9, which this release does not have")
                .hasMessageContaining("newer release");
    }
}
