package bank.ushield.renewal.store;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;

/** One database transaction of a renewal step, a database failure becoming the DATABASE_FAILURE problem. */
public final class CaseTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(CaseTransactions.class);

    private CaseTransactions() {
    }

    /** Runs {@code work} in a transaction; a RenewalException passes through unchanged. */
    public static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (RenewalException e) {
            throw e;
        } catch (JdbiException e) {
            LOG.error("Database failure in a renewal step", e);
            throw new RenewalException(Problem.of(ProblemCode.DATABASE_FAILURE), e);
        }
    }
}
