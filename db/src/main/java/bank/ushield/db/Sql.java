package bank.ushield.db;

import java.util.function.Supplier;

import org.jdbi.v3.core.statement.StatementException;
import org.postgresql.util.PSQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Small helpers the repositories share: turning SQLite and PostgreSQL constraint errors into typed exceptions. */
final class Sql {
    private Sql() {
    }

    /** Runs the statement, translating a constraint failure into {@link ConstraintViolationException}. */
    static <T> T checked(String what, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (StatementException e) {
            PSQLException pg = cause(e, PSQLException.class);
            if (pg != null && pg.getSQLState() != null && pg.getSQLState().startsWith(INTEGRITY_CLASS)) {
                ConstraintViolationException.Kind kind = kindOf(pg.getSQLState());
                // The server's primary message only: its detail line would quote the refused values.
                String message = pg.getServerErrorMessage() == null ? pg.getSQLState()
                        : pg.getServerErrorMessage().getMessage();
                throw new ConstraintViolationException(kind, what + " refused by the database (" + kind + "): "
                        + message, e);
            }
            SQLiteException sqlite = cause(e, SQLiteException.class);
            if (sqlite == null || !sqlite.getResultCode().name().startsWith("SQLITE_CONSTRAINT")) {
                throw e;
            }
            ConstraintViolationException.Kind kind = kindOf(sqlite.getResultCode());
            throw new ConstraintViolationException(kind, what + " refused by the database (" + kind + "): "
                    + sqlite.getMessage(), e);
        }
    }

    static void checkedRun(String what, Runnable statement) {
        checked(what, () -> {
            statement.run();
            return null;
        });
    }

    private static ConstraintViolationException.Kind kindOf(SQLiteErrorCode code) {
        return switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> ConstraintViolationException.Kind.UNIQUE;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> ConstraintViolationException.Kind.FOREIGN_KEY;
            case SQLITE_CONSTRAINT_CHECK -> ConstraintViolationException.Kind.CHECK;
            case SQLITE_CONSTRAINT_NOTNULL -> ConstraintViolationException.Kind.NOT_NULL;
            default -> ConstraintViolationException.Kind.OTHER;
        };
    }

    /** SQLSTATE class 23: integrity constraint violation (PostgreSQL; triggers raise 23000 too). */
    private static final String INTEGRITY_CLASS = "23";

    private static ConstraintViolationException.Kind kindOf(String sqlState) {
        return switch (sqlState) {
            case "23505" -> ConstraintViolationException.Kind.UNIQUE;
            case "23503" -> ConstraintViolationException.Kind.FOREIGN_KEY;
            case "23514" -> ConstraintViolationException.Kind.CHECK;
            case "23502" -> ConstraintViolationException.Kind.NOT_NULL;
            default -> ConstraintViolationException.Kind.OTHER;
        };
    }

    private static <X extends Throwable> X cause(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
