package bank.ushield.db;

import java.sql.SQLException;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** Jdbi's transaction handler with each transaction and each commit timed as a {@link WorkPhaseEvent}. */
final class PhaseTimedTransactions extends DelegatingTransactionHandler {

    PhaseTimedTransactions(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        // Jdbi binds a handler to each handle; wrap the bound one so its commits are timed too.
        return new PhaseTimedTransactions(getDelegate().specialize(handle));
    }

    @Override
    public void commit(Handle handle) {
        try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.COMMIT)) {
            super.commit(handle);
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.STATEMENTS)) {
            return super.inTransaction(handle, callback);
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        try (WorkPhaseEvent e = WorkPhaseEvent.start(WorkPhaseEvent.STATEMENTS)) {
            return super.inTransaction(handle, level, callback);
        }
    }
}
