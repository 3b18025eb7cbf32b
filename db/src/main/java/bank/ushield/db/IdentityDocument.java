package bank.ushield.db;

import java.time.LocalDate;

/** An identity document of a customer; {@code validTo} null means long-term (长期). */
public record IdentityDocument(long id, long customerId, IdentityDocumentType docType, String docNumber, String name,
                               LocalDate validFrom, LocalDate validTo, boolean primaryDoc) {

    /** True when the document is valid on the given day (long-term documents always are once issued). */
    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }

    /** The number masked for screens and logs: first 4 and last 4 characters kept (1101**********1234). */
    public String maskedNumber() {
        return Masking.idNumber(docNumber);
    }

    @Override
    public String toString() {
        return "IdentityDocument[id=" + id + ", customerId=" + customerId + ", docType=" + docType + ", docNumber="
                + maskedNumber() + ", validTo=" + validTo + "]";
    }
}
