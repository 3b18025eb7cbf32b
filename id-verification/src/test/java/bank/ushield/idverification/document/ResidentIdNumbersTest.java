package bank.ushield.idverification.document;

import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentIdNumbersTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    private final ResidentIdNumbers ids = ResidentIdNumbers.withShippedRegions();

    @Test
    void theStandardsOwnExampleWithXPassesAndIsDecoded() {
        NumberValidation<ResidentIdNumber> v = ids.validate("11010519491231002X", VISIT);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        ResidentIdNumber id = v.value().orElseThrow();
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(Sex.FEMALE);
        assertThat(id.region().orElseThrow().name()).isEqualTo("朝阳区");
        assertThat(id.legacy()).isFalse();
    }

    @Test
    void theStandardsSecondExampleHasAPre2002RegionCodeThatPassesMarkedHistorical() {
        // 440524 (Chaoyang county, Shantou) is only in the Ministry of Civil Affairs' 1980-2001 lists.
        NumberValidation<ResidentIdNumber> v = ids.validate("440524188001010014", VISIT);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        Region region = v.value().orElseThrow().region().orElseThrow();
        assertThat(region.name()).isEqualTo("潮阳县");
        assertThat(region.historical()).isTrue();
        assertThat(region.yearsInUse()).isEqualTo("1983-1992");
        assertThat(v.value().orElseThrow().birthDate()).isEqualTo(LocalDate.of(1880, 1, 1));
        assertThat(v.value().orElseThrow().sex()).isEqualTo(Sex.MALE);
    }

    @Test
    void aLowerCaseXIsTheSameCheckCharacter() {
        assertThat(ids.validate("11010519491231002x", VISIT).value().orElseThrow().number())
                .isEqualTo("11010519491231002X");
    }

    @Test
    void legacyFifteenDigitNumbersAreConvertedWithANote() {
        // 110105 491231 002 -> 110105 19491231 002 + check X
        NumberValidation<ResidentIdNumber> v = ids.validate("110105491231002", VISIT);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.reason()).isEqualTo(ReasonCode.LEGACY_NUMBER_CONVERTED);
        assertThat(v.value().orElseThrow().number()).isEqualTo("11010519491231002X");
        assertThat(v.value().orElseThrow().legacy()).isTrue();
        assertThat(ResidentIdNumbers.toEighteen("110105491231002")).isEqualTo("11010519491231002X");
    }

    @Test
    void historicalCodesStillOnCardsPass() {
        // 110103 Chongwen district, merged into Dongcheng in 2010: holders keep the code on their cards.
        String body = "11010319800101001";
        NumberValidation<ResidentIdNumber> v = ids.validate(body + Mod112.checkCharacter(body), VISIT);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.value().orElseThrow().region().orElseThrow().current()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'', ID_NUMBER_FORMAT",
            "1101051949123100, ID_NUMBER_FORMAT",
            "11010519491231002Y, ID_NUMBER_FORMAT",
            "1101051949123100X2, ID_NUMBER_FORMAT",
            "110105194912310021, ID_NUMBER_CHECK_DIGIT",
            "11010519491331002X, ID_NUMBER_BIRTH_DATE_INVALID",
            "11010518000101002X, ID_NUMBER_BIRTH_DATE_INVALID",
            "110105490231002, ID_NUMBER_BIRTH_DATE_INVALID",
            "'１１０１０５１９４９１２３１００２Ｘ', ID_NUMBER_FORMAT",
            "'110105 19491231 002X', ID_NUMBER_FORMAT",
    })
    void malformedNumbersFailWithTheirReason(String input, ReasonCode reason) {
        NumberValidation<ResidentIdNumber> v = ids.validate(input, VISIT);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.reason()).isEqualTo(reason);
    }

    @Test
    void birthDatesAfterTheVisitFail() {
        String body = "11010520261126001";
        assertThat(ids.validate(body + Mod112.checkCharacter(body), VISIT).reason())
                .isEqualTo(ReasonCode.ID_NUMBER_BIRTH_DATE_IN_FUTURE);
        String today = "11010520261125001";
        assertThat(ids.validate(today + Mod112.checkCharacter(today), VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void leapDayBirthsAreRealDatesOnlyInLeapYears() {
        String leap2000 = "11010520000229001";
        String notLeap1900 = "11010519000229001";
        String notLeap2023 = "11010520230229001";
        assertThat(ids.validate(leap2000 + Mod112.checkCharacter(leap2000), VISIT).verdict()).isEqualTo(Verdict.PASS);
        assertThat(ids.validate(notLeap1900 + Mod112.checkCharacter(notLeap1900), VISIT).reason())
                .isEqualTo(ReasonCode.ID_NUMBER_BIRTH_DATE_INVALID);
        assertThat(ids.validate(notLeap2023 + Mod112.checkCharacter(notLeap2023), VISIT).reason())
                .isEqualTo(ReasonCode.ID_NUMBER_BIRTH_DATE_INVALID);
    }

    @ParameterizedTest
    @CsvSource({"710000", "810000", "820000", "830000", "000000", "990101", "200101"})
    void numbersOutsideMainlandProvincesFail(String region) {
        String body = region + "19800101001";
        assertThat(ids.validate(body + Mod112.checkCharacter(body), VISIT).reason())
                .isEqualTo(ReasonCode.ID_NUMBER_REGION_UNKNOWN);
    }

    @Test
    void aProvinceOnlyOrUnlistedCountyCodeNeedsAManager() {
        String provinceOnly = "11000019800101001";
        String unlisted = "11019919800101001";
        assertThat(ids.validate(provinceOnly + Mod112.checkCharacter(provinceOnly), VISIT).verdict())
                .isEqualTo(Verdict.NEEDS_MANAGER);
        assertThat(ids.validate(unlisted + Mod112.checkCharacter(unlisted), VISIT).reason())
                .isEqualTo(ReasonCode.ID_NUMBER_REGION_UNLISTED);
    }
}
