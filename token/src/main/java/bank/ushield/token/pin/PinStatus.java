package bank.ushield.token.pin;

import java.util.OptionalInt;

/**
 * The user PIN's state as the token reports it (CKF_USER_PIN_* flags). Tries left is known exactly only when the
 * token says so: PKCS#11 reports "count low" (some tries left, number unknown) and "final try" (one left).
 */
public record PinStatus(State state, OptionalInt triesLeft) {

    /** The coarse PIN state. */
    public enum State { OK, COUNT_LOW, FINAL_TRY, LOCKED, TO_BE_CHANGED, NOT_INITIALIZED }

    public static final PinStatus OK = new PinStatus(State.OK, OptionalInt.empty());

    public static PinStatus of(State state) {
        return switch (state) {
            case FINAL_TRY -> new PinStatus(state, OptionalInt.of(1));
            case LOCKED -> new PinStatus(state, OptionalInt.of(0));
            default -> new PinStatus(state, OptionalInt.empty());
        };
    }

    public static PinStatus withTriesLeft(int triesLeft, int maxTries) {
        State s = triesLeft <= 0 ? State.LOCKED : triesLeft == 1 ? State.FINAL_TRY
                : triesLeft < maxTries ? State.COUNT_LOW : State.OK;
        return new PinStatus(s, OptionalInt.of(Math.max(0, triesLeft)));
    }

    public boolean locked() {
        return state == State.LOCKED;
    }
}
