package bank.ushield.renewal.store;

import org.jdbi.v3.core.Handle;

/** The token status changes renewal makes on the caller's transaction. */
public final class TokenStatusStore {

    /** Marks the token LOST (head office reported it), unless it already is. */
    public void markLost(Handle h, String tokenSerial) {
        h.createUpdate("UPDATE token SET status = 'LOST' WHERE serial = :s AND status <> 'LOST'")
                .bind("s", tokenSerial).execute();
    }
}
