package bank.ushield.renewal;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Counts what a workstation's Jdbi runs while switched on: SQL statements (audit appends use their own prepared
 * statements and are not among them), reads of the case row (renewal's case view), transactions, and on SQLite the
 * transactions that changed rows (a commit that writes the WAL and fsyncs).
 */
final class StatementCounter {

    final AtomicInteger statements = new AtomicInteger();
    final AtomicInteger caseReads = new AtomicInteger();
    final AtomicInteger transactions = new AtomicInteger();
    final AtomicInteger writingTransactions = new AtomicInteger();
    /** Statements by their SQL (whitespace folded, cut at 90 characters). */
    final java.util.Map<String, Integer> bySql = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean on;

    StatementCounter(Jdbi jdbi) {
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext ctx) {
                if (on) {
                    statements.incrementAndGet();
                    // Folded once per SQL text: a regex per statement was the counter's own cost in the case's time.
                    bySql.merge(FOLDED.computeIfAbsent(ctx.getRawSql(), StatementCounter::fold), 1, Integer::sum);
                    if (isCaseRead(ctx.getRawSql())) {
                        caseReads.incrementAndGet();
                    }
                }
            }
        });
        jdbi.setTransactionHandler(new Counting(jdbi.getTransactionHandler()));
    }

    private static final java.util.Map<String, String> FOLDED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String fold(String rawSql) {
        String sql = rawSql.strip().replaceAll("\\s+", " ");
        return sql.length() > 90 ? sql.substring(0, 90) : sql;
    }

    /** The case view's read (db's RenewalCaseRepository.WITH_PROGRESS). */
    static boolean isCaseRead(String sql) {
        return sql.contains("FROM renewal_case c LEFT JOIN renewal_case_progress p");
    }

    /** Goes on counting without clearing (a bench adds up many cases). */
    StatementCounter resume() {
        on = true;
        return this;
    }

    /** Starts counting from zero. */
    StatementCounter start() {
        bySql.clear();
        statements.set(0);
        caseReads.set(0);
        transactions.set(0);
        writingTransactions.set(0);
        on = true;
        return this;
    }

    void stop() {
        on = false;
    }

    /** What was counted since {@link #start()}, as one line. */
    Counts counts() {
        return new Counts(statements.get(), caseReads.get(), transactions.get(), writingTransactions.get());
    }

    /** Statements, case-row reads, transactions and writing transactions (-1 where the engine cannot tell). */
    record Counts(int statements, int caseReads, int transactions, int writingTransactions) {
    }

    private final class Counting extends DelegatingTransactionHandler {
        Counting(TransactionHandler delegate) {
            super(delegate);
        }

        @Override
        public TransactionHandler specialize(Handle handle) throws SQLException {
            return new Counting(getDelegate().specialize(handle));
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            boolean outer = on && !handle.isInTransaction();
            long before = outer ? changes(handle) : 0;
            R result = super.inTransaction(handle, callback);
            if (outer) {
                count(handle, before);
            }
            return result;
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                        HandleCallback<R, X> callback) throws X {
            boolean outer = on && !handle.isInTransaction();
            long before = outer ? changes(handle) : 0;
            R result = super.inTransaction(handle, level, callback);
            if (outer) {
                count(handle, before);
            }
            return result;
        }

        private void count(Handle handle, long before) {
            transactions.incrementAndGet();
            long after = changes(handle);
            if (after < 0) {
                writingTransactions.set(-1);
            } else if (after > before && writingTransactions.get() >= 0) {
                writingTransactions.incrementAndGet();
            }
        }

        /** Rows changed on this connection so far (SQLite); -1 on PostgreSQL. */
        private static long changes(Handle handle) {
            try {
                if (!handle.getConnection().isWrapperFor(org.sqlite.SQLiteConnection.class)) {
                    return -1;
                }
                return handle.getConnection().unwrap(org.sqlite.SQLiteConnection.class).getDatabase().total_changes();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
