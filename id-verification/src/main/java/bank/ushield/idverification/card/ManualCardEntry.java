package bank.ushield.idverification.card;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keyboard (or a magstripe reader acting as a keyboard) as a {@link CardReader}: the same rule then applies
 * to a typed number as to a chip read.
 */
public final class ManualCardEntry implements CardReader {

    private final Supplier<String> typedNumber;
    private final CardData.Source source;

    public ManualCardEntry(Supplier<String> typedNumber) {
        this(typedNumber, CardData.Source.MANUAL);
    }

    /** For a magstripe reader that types track data: pass {@link CardData.Source#MAGSTRIPE}. */
    public ManualCardEntry(Supplier<String> typedNumber, CardData.Source source) {
        this.typedNumber = typedNumber;
        this.source = source;
    }

    @Override
    public CardData read() throws CardReadException {
        String typed = typedNumber.get();
        if (typed == null || typed.isEmpty()) {
            throw new CardReadException(CardReadException.Problem.NO_CARD, "no card number entered");
        }
        return new CardData(typed, Optional.empty(), Optional.empty(), Optional.empty(), source);
    }
}
