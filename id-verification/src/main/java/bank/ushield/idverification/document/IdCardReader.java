package bank.ushield.idverification.document;

/** Port for an ID card reader (GA/T 467 SAM readers) or the teller's keyboard; both give {@link IdCardData}. */
public interface IdCardReader {

    /** Reads the card now on the reader (or the fields the teller typed). */
    IdCardData read() throws IdCardReadException;

    /** How the data reaches us, for the audit evidence. */
    default DocumentToCheck.Source source() {
        return DocumentToCheck.Source.ID_CARD_READER;
    }
}
