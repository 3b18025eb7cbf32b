package bank.ushield.idverification.document;

import bank.ushield.idverification.Outcome;
import bank.ushield.idverification.ReasonCode;

import java.util.Optional;

/**
 * The verdict on one document number: the parsed value when the number was readable (it may still need a
 * manager, e.g. an unlisted region code), the outcome, and the reason or advisory note.
 */
public record NumberValidation<T>(Optional<T> value, Outcome outcome, ReasonCode reason) {

    static <T> NumberValidation<T> pass(T value) {
        return new NumberValidation<>(Optional.of(value), Outcome.PASS, null);
    }

    static <T> NumberValidation<T> passWithNote(T value, ReasonCode note) {
        return new NumberValidation<>(Optional.of(value), Outcome.PASS, note);
    }

    static <T> NumberValidation<T> needsManager(T value, ReasonCode reason) {
        return new NumberValidation<>(Optional.of(value), Outcome.NEEDS_MANAGER, reason);
    }

    static <T> NumberValidation<T> fail(ReasonCode reason) {
        return new NumberValidation<>(Optional.empty(), Outcome.FAIL, reason);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
