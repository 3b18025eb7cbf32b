package bank.ushield.teller.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import bank.ushield.renewal.HeadOfficeLink;

/** The scheduled sync reports each run's outcome, so a failing share reaches the screens, not only the log. */
class ScheduledSyncTest {

    /** What the screens were told: a failure's time, or "OK" after a success. */
    private final LinkedBlockingQueue<Object> told = new LinkedBlockingQueue<>();

    @Test
    void aFailedRunIsReportedWithItsTimeAndASuccessClearsIt() throws Exception {
        Instant before = Instant.now();
        try (ScheduledSync failing = ScheduledSync.start(() -> {
            throw new IllegalStateException("the head-office share is not mounted");
        }, Duration.ofHours(1), this::tell)) {
            Object first = told.poll(30, TimeUnit.SECONDS);
            assertThat(first).isInstanceOf(Instant.class);
            assertThat((Instant) first).isAfterOrEqualTo(before);
        }
        try (ScheduledSync working = ScheduledSync.start(() -> new HeadOfficeLink.SyncReport(0, 0, 0),
                Duration.ofHours(1), this::tell)) {
            assertThat(told.poll(30, TimeUnit.SECONDS)).isEqualTo("OK");
        }
    }

    @Test
    void aSkippedRunChangesNothing() throws Exception {
        HeadOfficeLink busy = new HeadOfficeLink() {
            @Override
            public SyncReport syncNow() {
                throw new AssertionError("not called while another exchange runs");
            }

            @Override
            public java.util.Optional<SyncReport> syncIfIdle() {
                told.add("SKIPPED");
                return java.util.Optional.empty();
            }
        };
        try (ScheduledSync s = ScheduledSync.start(busy, Duration.ofHours(1), this::tell)) {
            assertThat(told.poll(30, TimeUnit.SECONDS)).isEqualTo("SKIPPED");
            assertThat(told.poll(300, TimeUnit.MILLISECONDS)).as("nothing reported for a skipped run").isNull();
        }
    }

    private void tell(Instant failedAt) {
        told.add(failedAt == null ? "OK" : failedAt);
    }
}
