package bank.ushield.token;

import java.util.ArrayList;
import java.util.List;

/** Waits for watcher events in tests. */
public final class Events {

    private Events() {
    }

    /** Waits for an outcome (not a timing assertion): fails only if the event never comes within 20 s. */
    public static void await(List<TokenEvent> events, TokenEvent.Type type, String serial) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (new ArrayList<>(events).stream().anyMatch(e -> e.type() == type && e.serial().equals(serial))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " event for " + serial + " in " + events);
    }
}
