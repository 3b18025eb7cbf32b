package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** SQLite statements are prepared once per connection and used again without holding a read snapshot (ADR 0094). */
@ExtendWith(DatabaseFileExtension.class)
class SqliteStatementCacheTest {

    @Test
    void aStatementIsUsedAgainAndLeavesNoReaderBehindEvenWhenNotReadToTheEnd(DatabaseFile file) throws Exception {
        try (Database db = Database.open(file.path())) {
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE t (x INTEGER)");
                for (int i = 0; i < 5; i++) {
                    h.execute("INSERT INTO t VALUES (?)", i);
                }
            });
            List<java.sql.Statement> used = new ArrayList<>();
            db.jdbi().setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext ctx) {
                    used.add(ctx.getStatement());
                }
            });
            // Only the first row of five is read: the result set is closed early, the statement must be reset. A named
            // parameter: Jdbi prepares the parsed SQL and names the unparsed one when it closes.
            int first = db.jdbi().withHandle(h -> h.createQuery("SELECT x FROM t WHERE x >= :min ORDER BY x")
                    .bind("min", 0).mapTo(Integer.class).first());
            int again = db.jdbi().withHandle(h -> h.createQuery("SELECT x FROM t WHERE x >= :min ORDER BY x")
                    .bind("min", 0).mapTo(Integer.class).first());
            assertThat(first).isZero();
            assertThat(again).isZero();
            assertThat(used).hasSize(2);
            assertThat(used.get(1)).isSameAs(used.get(0));

            // Another connection writes and checkpoints the whole WAL: no reader may hold an older snapshot.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file.path());
                 Statement st = other.createStatement()) {
                st.execute("INSERT INTO t VALUES (99)");
                try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).as("checkpoint blocked by a reader").isZero();
                }
            }
            // The kept statement sees the new row (no stale snapshot) with its parameters bound afresh.
            int fromFive = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM t WHERE x >= :min")
                    .bind("min", 5).mapTo(Integer.class).one());
            int fromZero = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM t WHERE x >= :min")
                    .bind("min", 0).mapTo(Integer.class).one());
            assertThat(fromFive).isEqualTo(1);
            assertThat(fromZero).isEqualTo(6);
        }
    }

    @Test
    void theSameStatementInsideItsOwnResultsGetsASecondOne(DatabaseFile file) {
        try (Database db = Database.open(file.path())) {
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE t (x INTEGER)");
                h.execute("INSERT INTO t VALUES (1), (2), (3)");
            });
            // While one use iterates, a nested use of the same SQL must not disturb it.
            List<Integer> sums = db.jdbi().withHandle(h -> h.createQuery("SELECT x FROM t ORDER BY x")
                    .map((rs, ctx) -> rs.getInt(1) + h.createQuery("SELECT x FROM t ORDER BY x")
                            .mapTo(Integer.class).list().stream().mapToInt(Integer::intValue).sum())
                    .list());
            assertThat(sums).containsExactly(7, 8, 9);
        }
    }
}
