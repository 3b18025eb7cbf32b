package bank.ushield.db;

import java.util.function.Supplier;

import org.jdbi.v3.core.statement.StatementException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Small helpers the repositories share: turning SQLite constraint errors into typed exceptions. */
final class Sql {
    private Sql() {
    }

    /** Runs the statement, translating a constraint failure into {@link ConstraintViolationException}. */
    static <T> T checked(String what, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (StatementException e) {
            SQLiteException sqlite = sqliteCause(e);
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

    private static SQLiteException sqliteCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s;
            }
        }
        return null;
    }
}
