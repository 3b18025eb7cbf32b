package bank.ushield.casync;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The counter's rules for the numbers in a customer extract (check digits, the birth date a resident ID carries),
 * which ca-sync does not know: renewal implements this port with id-verification's rules and the wiring passes it to
 * {@link CustomerExtractImporter}. A record that fails refuses the whole extract.
 */
@FunctionalInterface
public interface ExtractRecordRules {

    /**
     * Why a document of the extract is not acceptable, in words for the reason file (never the number itself), or
     * empty when it is.
     *
     * @param type          the document type as in the extract (RESIDENT_ID, PASSPORT, ...)
     * @param number        the document number as in the extract
     * @param birthDate     the customer's birth date as in the extract (yyyy-MM-dd), or null
     * @param asOf          today, for birth dates in the future
     */
    Optional<String> documentProblem(String type, String number, String birthDate, LocalDate asOf);

    /** Only the extract's own form is checked (tests and tools without the counter's rules). */
    static ExtractRecordRules formOnly() {
        return (type, number, birthDate, asOf) -> Optional.empty();
    }
}
