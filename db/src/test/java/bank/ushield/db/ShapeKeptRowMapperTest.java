package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.jdbi.v3.core.mapper.RowMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** A row mapper specialized once is used again only for the same columns in the same order (ADR 0101). */
@ExtendWith(DatabaseFileExtension.class)
class ShapeKeptRowMapperTest {

    @Test
    void theSameMapperMapsEachColumnOrderItsOwnWay(DatabaseFile file) {
        try (Database db = Database.open(file.path())) {
            Repositories repos = new Repositories(db, new CardMatchingKey(new byte[32]),
                    new PasswordHasher(Fixtures.CHEAP), Clock.systemUTC());
            Customer c = repos.customers().insert("C0001", "王芳", LocalDate.of(1985, 6, 7), Gender.F, "13800000000");
            RowMapper<Customer> mapper = ShapeKeptRowMapper.of(Customer.class);
            String reversed = "SELECT created_at, phone, gender, birth_date, name, customer_no, id FROM customer "
                    + "WHERE id = :id";
            String swapped = "SELECT id, customer_no, name AS phone, birth_date, gender, phone AS name, created_at "
                    + "FROM customer WHERE id = :id";
            for (int round = 0; round < 2; round++) {
                assertThat(read(db, "SELECT * FROM customer WHERE id = :id", c.id(), mapper)).isEqualTo(c);
                assertThat(read(db, reversed, c.id(), mapper)).isEqualTo(c);
                // As many columns, other names in the same places: specialized for these, not the first ones reused.
                assertThat(read(db, swapped, c.id(), mapper)).isEqualTo(new Customer(c.id(), c.customerNo(), c.phone(),
                        c.birthDate(), c.gender(), c.name(), c.createdAt()));
            }
        }
    }

    private static Customer read(Database db, String sql, long id, RowMapper<Customer> mapper) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).map(mapper).one());
    }
}
