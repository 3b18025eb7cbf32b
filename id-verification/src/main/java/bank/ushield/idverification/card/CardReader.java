package bank.ushield.idverification.card;

/** Port for whatever gives us the presented card: the chip over PC/SC, a magstripe reader, or the keyboard. */
public interface CardReader {

    /** Reads the card now in the reader (or the number the teller typed). */
    CardData read() throws CardReadException;
}
