package bank.ushield.renewal;

import java.util.Optional;

/** Gives the signed tree head reference that covers an audit entry (the audit module behind an adapter). */
public interface AuditProofs {

    /** A signed tree head covering {@code entrySequence}, signing a new one if the latest does not reach it. */
    Optional<AuditReference> referenceFor(long entrySequence);
}
