package bank.ushield.idverification.document;

import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;

import java.util.Optional;

/**
 * The verdict on one document number: the parsed value when the number was readable (it may still need a
 * manager, e.g. an unlisted region code), the verdict, and the reason or advisory note.
 */
public record NumberValidation<T>(Optional<T> value, Verdict verdict, ReasonCode reason) {

    static <T> NumberValidation<T> pass(T value) {
        return new NumberValidation<>(Optional.of(value), Verdict.PASS, null);
    }

    static <T> NumberValidation<T> passWithNote(T value, ReasonCode note) {
        return new NumberValidation<>(Optional.of(value), Verdict.PASS, note);
    }

    static <T> NumberValidation<T> needsManager(T value, ReasonCode reason) {
        return new NumberValidation<>(Optional.of(value), Verdict.NEEDS_MANAGER, reason);
    }

    static <T> NumberValidation<T> fail(ReasonCode reason) {
        return new NumberValidation<>(Optional.empty(), Verdict.FAIL, reason);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
