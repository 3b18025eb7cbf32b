package bank.ushield.idverification.card;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What was read from (or typed for) a bank card. {@code pan} is the full number and lives only as long as the
 * check; {@link #toString()} masks it.
 */
public record CardData(String pan, Optional<LocalDate> expiry, Optional<String> holderName,
                       Optional<Integer> panSequence, Source source) {

    /** Where the number came from. */
    public enum Source { CHIP, MAGSTRIPE, MANUAL }

    public CardData {
        Objects.requireNonNull(pan, "pan");
        Objects.requireNonNull(source, "source");
        expiry = expiry == null ? Optional.empty() : expiry;
        holderName = holderName == null ? Optional.empty() : holderName;
        panSequence = panSequence == null ? Optional.empty() : panSequence;
    }

    /** A typed card number with nothing else known. */
    public static CardData manual(String pan) {
        return new CardData(pan, Optional.empty(), Optional.empty(), Optional.empty(), Source.MANUAL);
    }

    @Override
    public String toString() {
        return "CardData[" + bank.ushield.idverification.EvidenceMasker.DEFAULT.cardNumber(pan) + ", " + source + "]";
    }
}
