package bank.ushield.renewal.readers;

import bank.ushield.renewal.PresentedDocument;

/**
 * An ID card as the reader gave it: the fields the same rules check as a typed document, and the photo block as
 * delivered (empty when the reader gave none; a GA/T 467 reader gives WLT, which only the vendor's decoder reads).
 */
public record DocumentRead(PresentedDocument document, boolean longTerm, byte[] photo) {

    public DocumentRead {
        photo = photo == null ? new byte[0] : photo.clone();
    }

    @Override
    public byte[] photo() {
        return photo.clone();
    }

    @Override
    public String toString() {
        return "DocumentRead[" + document + ", photo " + photo.length + " bytes]";
    }
}
