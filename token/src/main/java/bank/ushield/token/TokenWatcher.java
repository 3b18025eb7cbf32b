package bank.ushield.token;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a port's present tokens and reports insertions and removals. Polling, because C_WaitForSlotEvent is
 * optional in PKCS#11 and many modules (SoftHSM2 included) do not implement it.
 */
public final class TokenWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TokenWatcher.class);

    private final Supplier<List<TokenInfo>> present;
    private final TokenListener listener;
    private final ScheduledExecutorService timer;
    private Map<String, TokenInfo> known;

    private TokenWatcher(Supplier<List<TokenInfo>> present, TokenListener listener) {
        this.present = present;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling; the tokens present at start are reported as INSERTED on the first poll. */
    public static TokenWatcher start(TokenPort port, TokenListener listener, Duration interval) {
        return start(port::presentTokens, listener, interval);
    }

    /**
     * Starts polling {@code present} (an adapter's own listing for polls). Tokens are told apart by serial: another
     * token in the same reader is a removal and an insertion.
     */
    public static TokenWatcher start(Supplier<List<TokenInfo>> present, TokenListener listener, Duration interval) {
        TokenWatcher w = new TokenWatcher(present, listener);
        w.known = new HashMap<>();
        w.timer.scheduleWithFixedDelay(w::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return w;
    }

    private void poll() {
        try {
            Map<String, TokenInfo> now = new HashMap<>();
            for (TokenInfo t : present.get()) {
                now.put(t.serial(), t);
            }
            for (Map.Entry<String, TokenInfo> e : known.entrySet()) {
                if (!now.containsKey(e.getKey())) {
                    listener.onTokenEvent(new TokenEvent(TokenEvent.Type.REMOVED, e.getKey(), e.getValue()));
                }
            }
            for (Map.Entry<String, TokenInfo> e : now.entrySet()) {
                if (!known.containsKey(e.getKey())) {
                    listener.onTokenEvent(new TokenEvent(TokenEvent.Type.INSERTED, e.getKey(), e.getValue()));
                }
            }
            known = now;
        } catch (RuntimeException e) {
            LOG.warn("Polling the readers failed: {}", e.toString());
        }
    }

    /** Stops polling and waits for a poll in progress to finish, so no reader call outlives the watcher. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
