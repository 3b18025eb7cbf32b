package bank.ushield.renewal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The extract's document numbers through id-verification's rules, as the workstation's importer gets them. */
class IdRulesExtractRecordsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    final IdRulesExtractRecords rules = IdRulesExtractRecords.shipped();

    @Test
    void aValidResidentIdWithTheCustomersBirthDatePasses() {
        assertThat(rules.documentProblem("RESIDENT_ID", "11010519491231002X", "1949-12-31", TODAY)).isEmpty();
        assertThat(rules.documentProblem("RESIDENT_ID", "11010519491231002X", null, TODAY)).isEmpty();
    }

    @Test
    void aWrongCheckDigitIsNamed() {
        assertThat(rules.documentProblem("RESIDENT_ID", "110105194912310020", "1949-12-31", TODAY))
                .hasValueSatisfying(p -> assertThat(p).contains("check digit").doesNotContain("1101051949"));
    }

    @Test
    void aBirthDateTheNumberDoesNotCarryIsRefused() {
        assertThat(rules.documentProblem("RESIDENT_ID", "11010519491231002X", "1950-12-31", TODAY))
                .hasValue("carries another birth date than the customer's birthDate");
    }

    @Test
    void anImpossibleOrFutureBirthDateInTheNumberIsRefused() {
        // 1949-13-31: check digit recomputed so only the date is wrong.
        assertThat(rules.documentProblem("RESIDENT_ID", "110105194913310021", null, TODAY))
                .hasValueSatisfying(p -> assertThat(p).contains("birth date"));
        assertThat(rules.documentProblem("RESIDENT_ID", "110105203001010028", null, TODAY)).isPresent();
    }

    @Test
    void otherDocumentTypesFollowTheirOwnFormat() {
        assertThat(rules.documentProblem("PASSPORT", "E12345678", null, TODAY)).isEmpty();
        assertThat(rules.documentProblem("HK_MACAU_PERMIT", "X1234567", null, TODAY)).isPresent();
        assertThat(rules.documentProblem("NO_SUCH_TYPE", "123", null, TODAY)).hasValue("is of an unknown document type");
    }
}
