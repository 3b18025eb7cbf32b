package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import bank.ushield.db.Database;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * V31 rebuilds the certificate table to allow ABANDONED: a file migrated up to V30 with certificates that cases point
 * at keeps every row, id and reference, and then accepts the new status (ADR 0050).
 */
@ExtendWith(DatabaseFileExtension.class)
class AbandonedCertificateMigrationTest {

    @Test
    void aV30FileKeepsItsCertificatesAndCasesAndThenAcceptsAbandoned(DatabaseFile file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.path().toAbsolutePath());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/sqlite").target("30").load().migrate();
        // A V30 database with a customer, two certificates and a case pointing at both.
        Instant now = Instant.parse("2026-11-25T02:00:00Z");
        Database v30 = null;
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO branch (id, name) VALUES ('0102', 'b')");
            s.execute("INSERT INTO workstation (id, branch_id, name, training, created_at) VALUES ('W', '0102', 'w', 0, '" + now + "')");
            s.execute("INSERT INTO staff_user (login, display_name, role, branch_id, password_hash, created_at, "
                    + "password_changed_at) VALUES ('t1', 'T', 'TELLER', '0102', 'x', '" + now + "', '" + now + "')");
            s.execute("INSERT INTO customer (id, customer_no, name, created_at) VALUES (7, 'C1', '张三', '" + now + "')");
            s.execute("INSERT INTO token (id, serial, model, manufacturer, customer_id, status, registered_at) "
                    + "VALUES (3, 'SN1', 'm', 'x', 7, 'ACTIVE', '" + now + "')");
            s.execute("INSERT INTO certificate (id, token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                    + "sha256_fingerprint, status) VALUES (11, 3, '0a', 'CN=CA', 'CN=C1', '2021-01-01', '2026-01-01', 'fp1', 'ACTIVE')");
            s.execute("INSERT INTO certificate (id, token_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, "
                    + "sha256_fingerprint, status, der) VALUES (12, 3, '0b', 'CN=CA', 'CN=C1', '2026-11-25', '2031-11-25', 'fp2', 'ACTIVE', x'3000')");
            s.execute("INSERT INTO renewal_case (id, case_no, workstation_id, teller_login, customer_id, token_id, "
                    + "old_certificate_id, new_certificate_id, state, opened_at, updated_at) "
                    + "VALUES (5, 'W-1', 'W', 't1', 7, 3, 11, 12, 'OPENED', '" + now + "', '" + now + "')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        try (Database db = Database.open(file.path())) {
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("SELECT id || ':' || status || ':' || coalesce(hex(der), '') FROM certificate ORDER BY id")
                        .mapTo(String.class).list()).containsExactly("11:ACTIVE:", "12:ACTIVE:3000");
                assertThat(h.createQuery("SELECT old_certificate_id || ',' || new_certificate_id FROM renewal_case")
                        .mapTo(String.class).one()).isEqualTo("11,12");
                assertThat(h.createQuery("PRAGMA foreign_key_check").mapToMap().list()).isEmpty();
                assertThat(h.createQuery("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'certificate' "
                        + "AND name IN ('certificate_token', 'certificate_not_after')").mapTo(Integer.class).one()).isEqualTo(2);
                h.execute("UPDATE certificate SET status = 'ABANDONED' WHERE id = 12");
                assertThatThrownBy(() -> h.execute("UPDATE certificate SET status = 'ACTIVE' WHERE id = 12"))
                        .hasMessageContaining("abandoned certificate");
                h.execute("UPDATE certificate SET status = 'REVOKED' WHERE id = 12");
                // Foreign keys still hold against the rebuilt table.
                assertThatThrownBy(() -> h.execute("DELETE FROM certificate WHERE id = 11"))
                        .hasMessageContaining("FOREIGN KEY");
            });
        }
    }
}
