package bank.ushield.renewal;

import java.time.LocalDate;

import bank.ushield.db.Masking;

/**
 * The bank card the customer shows: its number as read from the chip or typed, how it was read, and the expiry the
 * chip gave (EMV tag 5F24, or track 2; null when typed or not on the chip), which the card check refuses once past.
 */
public record PresentedCard(String pan, boolean fromChip, LocalDate chipExpiry) {

    /** A card without a chip expiry (typed, or a chip that gave none). */
    public PresentedCard(String pan, boolean fromChip) {
        this(pan, fromChip, null);
    }

    @Override
    public String toString() {
        return "PresentedCard[" + Masking.cardNumber(pan) + (chipExpiry == null ? "" : ", expiry " + chipExpiry) + "]";
    }
}
