package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

@ExtendWith(DatabaseFileExtension.class)
class MigrationsTest {

    @Test
    void anUpgradeBacksTheOldFileUpFirstAndAnUpToDateFileIsNotCopied(DatabaseFile file) throws Exception {
        Flyway.configure().dataSource(Database.dataSource(file.path())).locations(Engine.SQLITE.migrationLocations()).target("1").load().migrate();
        org.jdbi.v3.core.Jdbi.create(Database.dataSource(file.path()))
                .useHandle(h -> h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Old branch')"));
        java.nio.file.Path backups = file.path().toAbsolutePath().getParent().resolve(Database.PRE_MIGRATION_BACKUPS);
        Database.open(file.path()).close();
        String name = file.path().getFileName().toString().replaceFirst("\\.db$", "");
        List<java.nio.file.Path> copies;
        try (var listing = java.nio.file.Files.list(backups)) {
            copies = listing.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList();
        }
        assertThat(copies).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).startsWith(
                name + "-before-V2-"));
        // The copy is the old file: schema version 1, its rows, owner-only.
        org.jdbi.v3.core.Jdbi old = org.jdbi.v3.core.Jdbi.create("jdbc:sqlite:" + copies.get(0));
        Integer oldVersion = old.withHandle(h -> h.createQuery(
                "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history").mapTo(Integer.class).one());
        String oldBranch = old.withHandle(h -> h.createQuery("SELECT name FROM branch").mapTo(String.class).one());
        assertThat(oldVersion).isEqualTo(1);
        assertThat(oldBranch).isEqualTo("Old branch");
        assertThat(java.nio.file.Files.getPosixFilePermissions(copies.get(0)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        // Opening again migrates nothing and copies nothing.
        Database.open(file.path()).close();
        try (var listing = java.nio.file.Files.list(backups)) {
            assertThat(listing.filter(p -> p.getFileName().toString().startsWith(name + "-")).count()).isEqualTo(1);
        }
    }

    @Test
    void aFileAtTheFirstReleaseIsUpgradedKeepingItsRows(DatabaseFile file) {
        // a workstation file written by the first release (schema V1 only)
        Flyway.configure().dataSource(Database.dataSource(file.path())).locations(Engine.SQLITE.migrationLocations()).target("1").load().migrate();
        org.jdbi.v3.core.Jdbi.create(Database.dataSource(file.path())).useHandle(h -> {
            h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Old branch')");
            h.execute("INSERT INTO customer (customer_no, name, created_at) VALUES ('C1', '李娜', '2025-01-01T00:00:00Z')");
        });
        try (Database db = Database.open(file.path())) {
            assertThat(Integer.parseInt(db.schemaVersion())).isGreaterThanOrEqualTo(2);
            List<String> indexes = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'index'").mapTo(String.class).list());
            assertThat(indexes).contains("identity_document_number", "renewal_case_opened", "staff_user_branch");
            Repositories repos = new Repositories(db, new CardMatchingKey(Fixtures.KEY), new PasswordHasher(Fixtures.CHEAP),
                    java.time.Clock.systemUTC());
            // text written by the old release (Instant.toString form) still reads
            Customer old = repos.customers().findByCustomerNo("C1").orElseThrow();
            assertThat(old.createdAt()).isEqualTo(java.time.Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(repos.branches().branch("0102")).map(Branch::name).contains("Old branch");
            List<java.util.Map<String, Object>> broken = db.jdbi().withHandle(h -> h.createQuery("PRAGMA foreign_key_check")
                    .mapToMap().list());
            assertThat(broken).isEmpty();
        }
    }

    @Test
    void aFileOfTheLastReleaseGetsTheItRoleAlthoughItsVersionIsLowerThanTheNewest(DatabaseFile file) throws Exception {
        // The last release's file: every SQLite migration (shared and own) but V3 (numbered per area: it comes later).
        java.nio.file.Path older = java.nio.file.Files.createTempDirectory("migrations-without-v3");
        for (String folder : List.of("common", "sqlite")) {
            try (var scripts = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration", folder))) {
                for (java.nio.file.Path p : scripts.toList()) {
                    if (!p.getFileName().toString().startsWith("V3__")) {
                        java.nio.file.Files.copy(p, older.resolve(p.getFileName()));
                    }
                }
            }
        }
        Flyway.configure().dataSource(Database.dataSource(file.path())).locations("filesystem:" + older).load().migrate();
        org.jdbi.v3.core.Jdbi.create(Database.dataSource(file.path())).useHandle(h -> {
            h.execute("INSERT INTO branch (id, name) VALUES ('0102', 'Old branch')");
            h.execute("INSERT INTO staff_user (login, display_name, role, branch_id, password_hash, created_at, "
                    + "password_changed_at) VALUES ('t1', 'T', 'TELLER', '0102', 'x', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')");
        });
        try (Database db = Database.open(file.path())) {
            Repositories repos = new Repositories(db, new CardMatchingKey(Fixtures.KEY), new PasswordHasher(Fixtures.CHEAP),
                    java.time.Clock.systemUTC());
            repos.staff().create("it01", "IT support", StaffRole.IT, "0102", "it-pass-1234".toCharArray());
            assertThat(repos.staff().findByLogin("it01")).get().extracting(StaffUser::role).isEqualTo(StaffRole.IT);
            assertThat(repos.staff().findByLogin("t1")).isPresent();
            String check = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT sql FROM sqlite_master WHERE name = 'staff_user'").mapTo(String.class).one());
            assertThat(check).contains("'IT'");
            List<java.util.Map<String, Object>> violations = db.jdbi().withHandle(h -> h.createQuery(
                    "PRAGMA foreign_key_check").mapToMap().list());
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void everyVersionIsSharedOrHasATwinForEachEngine() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("src/main/resources/db/migration");
        java.util.Map<String, java.util.Set<String>> versions = new java.util.TreeMap<>();
        for (String folder : List.of("common", "sqlite", "postgresql")) {
            try (var files = java.nio.file.Files.list(root.resolve(folder))) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .forEach(n -> versions.computeIfAbsent(n.substring(1, n.indexOf("__")), v -> new java.util.TreeSet<>())
                                .add(folder));
            }
        }
        try (var stray = java.nio.file.Files.list(root)) {
            assertThat(stray.filter(java.nio.file.Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("migrations belong in common/, sqlite/ or postgresql/ (docs/adr/0072)").isEmpty();
        }
        assertThat(versions).isNotEmpty().allSatisfy((version, folders) -> assertThat(folders).as("V" + version)
                .isIn(java.util.Set.of("common"), java.util.Set.of("postgresql", "sqlite")));
    }
}
