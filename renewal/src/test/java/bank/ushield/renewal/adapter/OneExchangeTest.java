package bank.ushield.renewal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Step 6, "sync now" and the scheduled sync never overlap: while one exchange runs, the scheduled one is skipped,
 * a manual one waits, and a cancelled wait ends with a CancellationException without running its exchange.
 */
class OneExchangeTest {

    @Test
    void aScheduledSyncIsSkippedAndAManualOneWaitsWhileAnExchangeRuns() throws Exception {
        OneExchange one = new OneExchange();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> one.run(() -> {
            inside.countDown();
            await(release);
            return "step 6";
        }));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(one.runIfIdle(() -> "scheduled")).isEmpty();

        AtomicReference<Throwable> waited = new AtomicReference<>();
        AtomicReference<Boolean> ranCancelled = new AtomicReference<>(false);
        Thread manual = new Thread(() -> {
            try {
                one.run(() -> {
                    ranCancelled.set(true);
                    return "sync now";
                });
            } catch (RuntimeException e) {
                waited.set(e);
            }
        });
        manual.start();
        // The manual sync waits on the lock until it is interrupted (Cancel).
        while (manual.getState() != Thread.State.WAITING && manual.isAlive()) {
            Thread.onSpinWait();
        }
        manual.interrupt();
        manual.join();
        assertThat(waited.get()).isInstanceOf(CancellationException.class);
        assertThat(ranCancelled.get()).isFalse();

        release.countDown();
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("step 6");
        assertThat(one.runIfIdle(() -> "scheduled")).isEqualTo(Optional.of("scheduled"));
        assertThat(one.run(() -> "sync now")).isEqualTo("sync now");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
