package bank.ushield.renewal.adapter;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import bank.ushield.casync.ExtractRecordRules;
import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.document.DocumentNumber;
import bank.ushield.idverification.document.DocumentNumbers;
import bank.ushield.idverification.document.NumberValidation;

/**
 * The extract's document numbers checked with the counter's own rules (id-verification's DocumentNumbers): a number
 * the counter would refuse, or a resident ID whose birth date is not the customer's, refuses the extract at import
 * rather than failing a customer at the counter later. A number that only needs a manager (an unlisted old region
 * code) is accepted here: the counter asks the manager when the customer comes.
 */
public final class IdRulesExtractRecords implements ExtractRecordRules {

    private final DocumentNumbers numbers;

    public IdRulesExtractRecords(DocumentNumbers numbers) {
        this.numbers = numbers;
    }

    /** With the shipped region table. */
    public static IdRulesExtractRecords shipped() {
        return new IdRulesExtractRecords(DocumentNumbers.withShippedRegions());
    }

    @Override
    public Optional<String> documentProblem(String type, String number, String birthDate, LocalDate asOf) {
        DocumentType t;
        try {
            t = DocumentType.valueOf(type);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("is of an unknown document type");
        }
        NumberValidation<DocumentNumber> v = numbers.validate(t, number, Optional.empty(), asOf);
        if (v.verdict() == Verdict.FAIL) {
            return Optional.of("fails the counter's check: " + v.reason().description());
        }
        Optional<LocalDate> carried = v.value().flatMap(DocumentNumber::birthDate);
        if (birthDate != null && carried.isPresent()) {
            try {
                if (!carried.get().equals(LocalDate.parse(birthDate))) {
                    return Optional.of("carries another birth date than the customer's birthDate");
                }
            } catch (DateTimeParseException e) {
                return Optional.of("cannot be compared with the customer's birthDate, which is not a date");
            }
        }
        return Optional.empty();
    }
}
