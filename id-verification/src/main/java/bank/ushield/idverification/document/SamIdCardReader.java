package bank.ushield.idverification.document;

/**
 * {@link IdCardReader} over a GA/T 467 reader: a {@link RawSource} (the vendor SDK or serial protocol that talks
 * to the SAM) hands over the raw text and photo blocks, {@link GaT467TextBlock} turns them into fields.
 */
public final class SamIdCardReader implements IdCardReader {

    /** The raw blocks as the reader's SAM returns them. */
    public record RawCard(byte[] text, byte[] photo) {
    }

    /** Whatever delivers raw blocks from the reader hardware (vendor SDK, serial port). */
    @FunctionalInterface
    public interface RawSource {
        RawCard readRaw() throws IdCardReadException;
    }

    private final RawSource source;

    public SamIdCardReader(RawSource source) {
        this.source = source;
    }

    @Override
    public IdCardData read() throws IdCardReadException {
        RawCard raw = source.readRaw();
        if (raw == null) {
            throw new IdCardReadException(IdCardReadException.Problem.NO_CARD, "no card on the reader");
        }
        return GaT467TextBlock.parse(raw.text(), raw.photo());
    }
}
