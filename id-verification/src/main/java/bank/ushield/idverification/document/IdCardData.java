package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.EvidenceMasker;
import bank.ushield.idverification.Sex;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The fields an ID card reader gives (GA/T 467): name, sex, nation code (GB 3304, e.g. "01" Han), birth date,
 * address, number, issuing authority, validity ({@code validTo} empty = long-term) and the encrypted WLT photo
 * (1024 bytes; decoding it needs the licensed decoder, so it is kept as bytes). {@code type} is
 * {@link DocumentType#RESIDENT_ID} or, for the residence permit layout, {@link DocumentType#RESIDENCE_PERMIT_HMT}.
 */
public record IdCardData(DocumentType type, String name, Sex sex, String nationCode, LocalDate birthDate,
                         String address, String number, String issuingAuthority, LocalDate validFrom,
                         Optional<LocalDate> validTo, byte[] photo) {

    public IdCardData {
        photo = photo == null ? new byte[0] : photo.clone();
    }

    @Override
    public byte[] photo() {
        return photo.clone();
    }

    /** The same rule applies to a read card as to a typed one: this is what the check sees. */
    public DocumentToCheck toPresented(DocumentToCheck.Source source) {
        return new DocumentToCheck(type, number, name, Optional.ofNullable(sex), Optional.ofNullable(birthDate),
                Optional.ofNullable(validFrom), validTo, validTo.isEmpty(), Optional.of("CHN"), source);
    }

    @Override
    public String toString() {
        EvidenceMasker m = EvidenceMasker.DEFAULT;
        return "IdCardData[" + type + ", " + m.name(name) + ", " + m.documentNumber(number) + "]";
    }
}
