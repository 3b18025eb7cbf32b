package bank.ushield.idverification.document;

import bank.ushield.idverification.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Resident ID Card Law art. 5 periods against the holder's age, and expiry on the visit date. */
class IdCardValidityTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);

    private static Optional<ReasonCode> assess(String birth, String from, String to) {
        return IdCardValidity.assess(LocalDate.parse(birth), Optional.of(LocalDate.parse(from)),
                to.equals("LONG") ? Optional.empty() : Optional.of(LocalDate.parse(to)), VISIT);
    }

    @ParameterizedTest(name = "born {0}, valid {1} to {2} -> {3}")
    @CsvSource(nullValues = "OK", value = {
            // under 16 at application: 5 years
            "2015-03-01, 2022-05-10, 2027-05-10, OK",
            "2015-03-01, 2022-05-10, 2032-05-10, DOCUMENT_VALIDITY_INCONSISTENT",
            // 16-25: 10 years
            "2000-01-01, 2018-06-01, 2028-06-01, OK",
            "2000-01-01, 2018-06-01, 2038-06-01, DOCUMENT_VALIDITY_INCONSISTENT",
            // 26-45: 20 years
            "1985-07-07, 2012-08-08, 2032-08-08, OK",
            "1985-07-07, 2012-08-08, LONG, DOCUMENT_VALIDITY_INCONSISTENT",
            // 46 and over: long-term
            "1960-01-01, 2010-01-01, LONG, OK",
            "1960-01-01, 2010-01-01, 2030-01-01, DOCUMENT_VALIDITY_INCONSISTENT",
            // applied at 25, card issued after the 26th birthday: 10 years still fits
            "2000-01-20, 2026-01-31, 2036-01-31, OK",
            // applied at 45, issued after the 46th birthday: 20 years still fits
            "1979-12-01, 2025-12-20, 2045-12-20, OK",
            // expired cards and cards not yet valid
            "1990-01-01, 2006-11-24, 2016-11-24, DOCUMENT_EXPIRED",
            "1990-01-01, 2016-11-25, 2036-11-25, OK",
            "1980-01-01, 2006-11-24, 2026-11-24, DOCUMENT_EXPIRED",
            "1980-01-01, 2006-11-25, 2026-11-25, OK",
            "1980-01-01, 2026-11-26, 2046-11-26, DOCUMENT_NOT_YET_VALID",
            "1980-01-01, 2016-11-25, 2016-11-25, DOCUMENT_VALIDITY_INCONSISTENT",
    })
    void periodsFollowTheHoldersAge(String birth, String from, String to, ReasonCode expected) {
        assertThat(assess(birth, from, to)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void leapDayBirthsTurnSixteenOnMarchFirstInCommonYears() {
        // born 2008-02-29: on 2024-02-28 still 15 (5 years), on 2024-02-29 16 (10 years)
        assertThat(IdCardValidity.periodYears(java.time.Period.between(LocalDate.of(2008, 2, 29),
                LocalDate.of(2024, 2, 28)).getYears())).contains(5);
        assertThat(assess("2008-02-29", "2024-02-29", "2034-02-28")).isEmpty();
        assertThat(assess("2008-02-29", "2024-02-29", "2034-03-01")).isEmpty();
        assertThat(assess("2008-02-29", "2024-02-29", "2034-03-02"))
                .contains(ReasonCode.DOCUMENT_VALIDITY_INCONSISTENT);
    }

    @Test
    void aCardWithoutAStartDateCannotBeJudged() {
        assertThat(IdCardValidity.assess(LocalDate.of(1980, 1, 1), Optional.empty(), Optional.empty(), VISIT))
                .contains(ReasonCode.DOCUMENT_VALIDITY_MISSING);
    }
}
