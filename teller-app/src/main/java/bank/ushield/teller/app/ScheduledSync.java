package bank.ushield.teller.app;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.renewal.HeadOfficeLink;

/**
 * The running app's own head-office sync (production): once the modules are up, then every interval of the
 * settings, on a thread of its own (never the EDT). A tick is skipped while another exchange runs (a case's step 6
 * or "sync now"), so two never overlap; a failure is logged, reported to the screens (the manager and IT see it in
 * the header) and the next tick tries again.
 */
final class ScheduledSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSync.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "head-office-sync");
        t.setDaemon(true);
        return t;
    });
    private final HeadOfficeLink link;
    /** Told when a run failed (its time) or succeeded (null). */
    private final java.util.function.Consumer<java.time.Instant> failedAt;

    private ScheduledSync(HeadOfficeLink link, java.util.function.Consumer<java.time.Instant> failedAt) {
        this.link = Objects.requireNonNull(link);
        this.failedAt = Objects.requireNonNull(failedAt);
    }

    /**
     * Starts syncing through {@code link} now and then every {@code interval}; {@code failedAt} hears of each
     * run's failure (its time) or success (null), so a failing share does not go unnoticed in the log alone.
     */
    static ScheduledSync start(HeadOfficeLink link, Duration interval,
                               java.util.function.Consumer<java.time.Instant> failedAt) {
        ScheduledSync s = new ScheduledSync(link, failedAt);
        long millis = interval.toMillis();
        s.timer.scheduleWithFixedDelay(s::tick, 0, millis, TimeUnit.MILLISECONDS);
        LOG.info("Scheduled head-office sync every {}", interval);
        return s;
    }

    private void tick() {
        try {
            link.syncIfIdle().ifPresent(r -> {
                LOG.info("Scheduled sync: sent {} requests; received {} certificates, {} rejections. {}",
                        r.requestsSent(), r.certificatesReceived(), r.rejections(), r.detail(java.util.Locale.ENGLISH));
                failedAt.accept(null);
            });
        } catch (RuntimeException e) {
            // Never let one failure end the schedule (a share not mounted comes back).
            LOG.warn("Scheduled head-office sync failed; the next one follows in its time", e);
            failedAt.accept(java.time.Instant.now());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
