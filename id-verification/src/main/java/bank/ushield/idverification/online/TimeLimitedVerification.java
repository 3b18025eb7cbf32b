package bank.ushield.idverification.online;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps any adapter so the counter never waits longer than the time limit and never sees an adapter's exception:
 * both become {@link CitizenAnswer.Result#UNAVAILABLE}, which the teller handles (retry later, or a manager).
 */
public final class TimeLimitedVerification implements CitizenVerification {

    private static final Logger LOG = LoggerFactory.getLogger(TimeLimitedVerification.class);
    /** One daemon thread per call in flight: a hung adapter call must not keep the JVM alive at exit. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "citizen-verification");
        t.setDaemon(true);
        return t;
    });

    private final CitizenVerification adapter;
    private final Duration limit;

    public TimeLimitedVerification(CitizenVerification adapter, Duration limit) {
        this.adapter = adapter;
        this.limit = limit;
    }

    @Override
    public CitizenAnswer verify(CitizenQuery query) {
        Future<CitizenAnswer> call = CompletableFuture.supplyAsync(() -> adapter.verify(query), CALLS);
        try {
            CitizenAnswer answer = call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return answer != null ? answer : CitizenAnswer.unavailable("the adapter returned no answer");
        } catch (TimeoutException e) {
            call.cancel(true);
            LOG.warn("Citizen verification for {} timed out after {} ms", query, limit.toMillis());
            return CitizenAnswer.unavailable("timed out after " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            // the adapter's message may quote the reply; the class name is enough to find the cause in its own log
            LOG.warn("Citizen verification for {} failed: {}", query, e.getCause().getClass().getName());
            return CitizenAnswer.unavailable("service error: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return CitizenAnswer.unavailable("interrupted");
        }
    }
}
