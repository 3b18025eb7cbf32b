package bank.ushield.renewal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a renewal case and the only transitions between them: each state has one forward successor, and
 * every state that is not terminal may be aborted. The same table is enforced by a database trigger (V30).
 */
public enum CaseState {
    OPENED,
    ID_VERIFIED,
    CARD_VERIFIED,
    TOKEN_VERIFIED,
    KEY_GENERATED,
    CSR_QUEUED,
    CERT_RECEIVED,
    CERT_INSTALLED,
    COMPLETED,
    ABORTED;

    /** The forward successor, empty for the terminal states. */
    public Optional<CaseState> next() {
        return switch (this) {
            case OPENED -> Optional.of(ID_VERIFIED);
            case ID_VERIFIED -> Optional.of(CARD_VERIFIED);
            case CARD_VERIFIED -> Optional.of(TOKEN_VERIFIED);
            case TOKEN_VERIFIED -> Optional.of(KEY_GENERATED);
            case KEY_GENERATED -> Optional.of(CSR_QUEUED);
            case CSR_QUEUED -> Optional.of(CERT_RECEIVED);
            case CERT_RECEIVED -> Optional.of(CERT_INSTALLED);
            case CERT_INSTALLED -> Optional.of(COMPLETED);
            case COMPLETED, ABORTED -> Optional.empty();
        };
    }

    /** True for COMPLETED and ABORTED: nothing follows. */
    public boolean terminal() {
        return this == COMPLETED || this == ABORTED;
    }

    /** Whether a case in this state may move to {@code to}. */
    public boolean canMoveTo(CaseState to) {
        if (to == ABORTED) {
            return !terminal();
        }
        return next().map(n -> n == to).orElse(false);
    }

    /** All states this one may move to. */
    public Set<CaseState> successors() {
        EnumSet<CaseState> out = EnumSet.noneOf(CaseState.class);
        for (CaseState s : values()) {
            if (canMoveTo(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** True once a key pair may exist on the token for this case (so an abort must tell what stays on it). */
    public boolean touchedToken() {
        return compareTo(TOKEN_VERIFIED) > 0 && this != ABORTED;
    }

    /** True while the case waits for head office rather than for the customer at the counter. */
    public boolean waitsForHeadOffice() {
        return this == CSR_QUEUED;
    }
}
