package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.Engine;
import bank.ushield.renewal.store.SqlCustomerDirectory;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;

/** Step 1's search: a customer number or document number exactly, else a name prefix, on both engines. */
@ParameterizedClass
@EnumSource(Engine.class)
@ExtendWith({DatabaseFileExtension.class, PostgresExtension.class})
class CustomerSearchTest {

    @Parameter
    Engine engine;

    @Test
    void aNamePrefixFindsTheCustomersWhoseNameStartsWithItAndAMistypedNumberFindsNone(DatabaseFile file,
                                                                                        PostgresDatabase pg) {
        TestWorld world = new TestWorld(TestDatabases.open(engine, file, pg, TestWorld.WORKSTATION),
                Instant.parse("2026-11-25T02:00:00Z"));
        world.db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO customer (customer_no, name, birth_date, gender, created_at) "
                    + "VALUES ('C000124', '张三丰', '1950-01-01', 'M', '2026-11-25T02:00:00Z')");
            h.execute("INSERT INTO customer (customer_no, name, birth_date, gender, created_at) "
                    + "VALUES ('C000125', '李四', '1960-01-01', 'M', '2026-11-25T02:00:00Z')");
        });
        SqlCustomerDirectory directory = new SqlCustomerDirectory(world.db.jdbi());
        assertThat(directory.search("张三", 20)).extracting(c -> c.customerNo()).containsExactly("C000123", "C000124");
        assertThat(directory.search("张三丰", 20)).extracting(c -> c.customerNo()).containsExactly("C000124");
        assertThat(directory.search("C000125", 20)).extracting(c -> c.customerNo()).containsExactly("C000125");
        // A customer number with a digit missing is neither a number nor a name here: nothing, and no failure.
        assertThat(directory.search("C00012", 20)).isEmpty();
    }
}
