package bank.ushield.renewal.adapter;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One head-office exchange at a time: a case's step 6, "sync now" and the scheduled sync share it, so two never
 * number, sign or move the same batches at once. {@link #run} waits (an interrupt while waiting cancels it);
 * {@link #runIfIdle} does nothing when another exchange is running.
 */
final class OneExchange {

    private final ReentrantLock lock = new ReentrantLock();

    /** Runs {@code exchange} once the running one (if any) is over. */
    <T> T run(Supplier<T> exchange) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Sync cancelled while another exchange was running");
        }
        try {
            return exchange.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code exchange} now, or returns empty when another exchange is running. */
    <T> Optional<T> runIfIdle(Supplier<T> exchange) {
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(exchange.get());
        } finally {
            lock.unlock();
        }
    }
}
