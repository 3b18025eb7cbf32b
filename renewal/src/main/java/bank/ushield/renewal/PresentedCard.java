package bank.ushield.renewal;

/** The bank card the customer shows: its number as read from the chip or typed, and how it was read. */
public record PresentedCard(String pan, boolean fromChip) {
    @Override
    public String toString() {
        return "PresentedCard[" + Masking.cardNumber(pan) + "]";
    }
}
