package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Sex;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A document number that passed its type's format rules, in canonical form (upper-case; resident ID numbers in
 * 18-character form), with what the number itself encodes.
 */
public record DocumentNumber(DocumentType type, String number, Optional<LocalDate> birthDate, Optional<Sex> sex,
                             Optional<ResidentIdNumber> residentId) {
}
