package bank.ushield.renewal.review;

import java.time.Instant;

/**
 * What head office has not acknowledged yet (docs/audit-format.md, "Anchoring"): entries written since its newest
 * acknowledgement, that acknowledgement's size and time ({@code lastAcknowledgedAt} null before the first one).
 */
public record UnanchoredWindow(long entries, long acknowledgedSize, Instant lastAcknowledgedAt) {

    /** True before head office acknowledged anything. */
    public boolean neverAnchored() {
        return lastAcknowledgedAt == null;
    }
}
