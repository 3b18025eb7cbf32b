package bank.ushield.db;

import bank.ushield.testsupport.MachineLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Bench command (not a test): what one statement costs on a SQLite file, layer by layer (docs/performance.md,
 * "## renewal", ADR 0101). Run as {@link DbBench}: java -cp db/target/test-classes:db/target/classes:$(cat db/cp.txt)
 * bank.ushield.db.StatementCostBench
 */
public final class StatementCostBench {
    private StatementCostBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("statement-cost-bench");
        try (Database db = Database.open(dir.resolve("bench.db"))) {
            Repositories r = new Repositories(db, new CardMatchingKey(new byte[32]), new PasswordHasher(Fixtures.CHEAP),
                    Clock.systemUTC());
            Customer c = r.customers().insert("C1", "王芳", LocalDate.of(1985, 6, 7), Gender.F, null);
            r.customers().addDocument(c.id(), IdentityDocumentType.RESIDENT_ID, "11010519491231002X", "王芳",
                    LocalDate.of(2010, 1, 1), LocalDate.of(2030, 1, 1), true);
            r.cards().insert(c.id(), "6222021234567890128", CardKind.DEBIT, true, CardStatus.ACTIVE);
            RegisteredToken t = r.tokens().insert("TK1", "1234567890", "UKey-3000", "Feitian", c.id(),
                    TokenStatus.ACTIVE);
            Instant nb = Instant.parse("2021-01-10T08:00:00Z");
            r.certificates().insert(new CertificateRecord(0, t.id(), "0a", "CN=CA", "CN=x", nb,
                    nb.plusSeconds(86400L * 365 * 5), "aa".repeat(32), CertificateStatus.ACTIVE, new byte[600]));
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE bench_t (id INTEGER PRIMARY KEY, v TEXT)"));
            String byId = "SELECT * FROM customer WHERE id = :id";
            RowMapper<Customer> plain = ConstructorMapper.of(Customer.class);
            RowMapper<Customer> kept = ShapeKeptRowMapper.of(Customer.class);
            System.out.printf("load average: %s%n", MachineLoad.now());
            int n = 5000;
            for (int round = 1; round <= 6; round++) {
                long t0 = System.nanoTime();
                try (Connection conn = db.jdbi().open().getConnection();
                     PreparedStatement ps = conn.prepareStatement("SELECT name FROM customer WHERE id = ?")) {
                    for (int i = 0; i < n; i++) {
                        ps.setLong(1, c.id());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            rs.getString(1);
                        }
                    }
                }
                long t1 = System.nanoTime();
                try (Handle h = db.jdbi().open()) {
                    for (int i = 0; i < n; i++) {
                        h.createQuery("SELECT name FROM customer WHERE id = :id").bind("id", c.id()).mapTo(String.class)
                                .one();
                    }
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    db.jdbi().withHandle(h -> h.createQuery(byId).bind("id", c.id()).map(plain).one());
                }
                long t3 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    db.jdbi().withHandle(h -> h.createQuery(byId).bind("id", c.id()).map(kept).one());
                }
                long t4 = System.nanoTime();
                try (Handle h = db.jdbi().open()) {
                    h.begin();
                    for (int i = 0; i < n; i++) {
                        h.createUpdate("INSERT INTO bench_t (v) VALUES (:v)").bind("v", "x").execute();
                    }
                    h.rollback();
                }
                long t5 = System.nanoTime();
                try (Handle h = db.jdbi().open()) {
                    h.begin();
                    try (PreparedStatement ps = h.getConnection().prepareStatement("INSERT INTO bench_t (v) VALUES (?)")) {
                        for (int i = 0; i < n; i++) {
                            ps.setString(1, "x");
                            ps.executeUpdate();
                        }
                    }
                    h.rollback();
                }
                long t6 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    db.jdbi().withHandle(h -> {
                        r.customers().find(c.id());
                        r.customers().documents(c.id());
                        r.cards().ofCustomer(c.id());
                        r.tokens().ofCustomer(c.id()).forEach(x -> r.certificates().ofToken(x.id()));
                        return null;
                    });
                }
                long t7 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    r.customers().file(c.id()).orElseThrow();
                }
                long t8 = System.nanoTime();
                System.out.printf("round %d, us per call: read raw JDBC %.1f, Jdbi open handle %.1f, record with "
                                + "ConstructorMapper %.1f, same kept per shape %.1f; insert in a transaction Jdbi %.1f, raw "
                                + "%.1f; customer read as five calls %.1f, as one file statement %.1f%n", round,
                        us(t1 - t0, n), us(t2 - t1, n), us(t3 - t2, n), us(t4 - t3, n), us(t5 - t4, n), us(t6 - t5, n),
                        us(t7 - t6, n), us(t8 - t7, n));
            }
        }
    }

    private static double us(long nanos, int n) {
        return nanos / 1e3 / n;
    }
}
