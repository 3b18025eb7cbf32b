package bank.ushield.db;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The states of a renewal case and the only transitions between them: each state has one forward successor, and
 * every state that is not terminal may be aborted. The database enforces the same table (V30's case_transition and
 * its trigger; CaseStateTransitionTest keeps the two equal).
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

    /** True for COMPLETED and ABORTED: the case will not move again. */
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

    /** The states a case is still open in (not terminal). */
    public static Set<CaseState> open() {
        return EnumSet.complementOf(EnumSet.of(COMPLETED, ABORTED));
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
