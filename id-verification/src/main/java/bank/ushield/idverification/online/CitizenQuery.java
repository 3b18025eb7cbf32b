package bank.ushield.idverification.online;

import java.util.Objects;

import bank.ushield.idverification.EvidenceMasker;

/** What the counter asks the service: the 18-character citizen ID number and the name as on the document. */
public record CitizenQuery(String idNumber, String name) {

    public CitizenQuery {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(name, "name");
    }

    /** Masked: a query must not put personal data into a log line by accident. */
    @Override
    public String toString() {
        return "CitizenQuery[" + EvidenceMasker.DEFAULT.documentNumber(idNumber) + " "
                + EvidenceMasker.DEFAULT.name(name) + "]";
    }
}
