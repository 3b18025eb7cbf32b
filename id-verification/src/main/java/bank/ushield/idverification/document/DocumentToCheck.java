package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.Sex;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity document the customer handed over, as read by an ID card reader or typed by the teller.
 * {@code validTo} empty with {@code longTerm} true is a long-term (长期) card; empty without it means not entered.
 */
public record DocumentToCheck(DocumentType type, String number, String name, Optional<Sex> sex,
                                Optional<LocalDate> birthDate, Optional<LocalDate> validFrom,
                                Optional<LocalDate> validTo, boolean longTerm, Optional<String> issuingCountry,
                                Source source) {

    /** How the data reached us. */
    public enum Source { ID_CARD_READER, MANUAL }

    public DocumentToCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        number = number == null ? "" : number;
        name = name == null ? "" : name;
        sex = sex == null ? Optional.empty() : sex;
        birthDate = birthDate == null ? Optional.empty() : birthDate;
        validFrom = validFrom == null ? Optional.empty() : validFrom;
        validTo = validTo == null ? Optional.empty() : validTo;
        issuingCountry = issuingCountry == null ? Optional.empty() : issuingCountry;
    }

    /** A typed document with only type, number and name known. */
    public static DocumentToCheck typed(DocumentType type, String number, String name) {
        return new DocumentToCheck(type, number, name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Source.MANUAL);
    }

    public DocumentToCheck withValidity(LocalDate from, LocalDate to) {
        return new DocumentToCheck(type, number, name, sex, birthDate, Optional.ofNullable(from),
                Optional.ofNullable(to), to == null, issuingCountry, source);
    }

    public DocumentToCheck withIssuingCountry(String country) {
        return new DocumentToCheck(type, number, name, sex, birthDate, validFrom, validTo, longTerm,
                Optional.ofNullable(country), source);
    }

    public DocumentToCheck withBirthDate(LocalDate birth) {
        return new DocumentToCheck(type, number, name, sex, Optional.ofNullable(birth), validFrom, validTo, longTerm,
                issuingCountry, source);
    }

    @Override
    public String toString() {
        EvidenceMasker m = EvidenceMasker.DEFAULT;
        return "DocumentToCheck[" + type + ", " + m.documentNumber(number) + ", " + m.name(name) + ", " + source + "]";
    }
}
