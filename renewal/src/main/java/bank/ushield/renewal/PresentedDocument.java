package bank.ushield.renewal;

import java.time.LocalDate;

import bank.ushield.db.Masking;

/**
 * The identity document the customer shows, as read by the ID reader or typed by the teller.
 *
 * @param docType  one of the identity_document types (RESIDENT_ID, PASSPORT, ...)
 * @param validTo  null for a long-term (长期) document
 */
public record PresentedDocument(String docType, String number, String name, LocalDate birthDate,
                                LocalDate validFrom, LocalDate validTo, boolean fromReader) {
    @Override
    public String toString() {
        return "PresentedDocument[" + docType + " " + Masking.idNumber(number) + "]";
    }
}
