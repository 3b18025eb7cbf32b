package bank.ushield.idverification.document;

import bank.ushield.idverification.DocumentType;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One table per document type: what passes and why the rest fails. */
class DocumentNumbersTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    private final DocumentNumbers numbers = DocumentNumbers.withShippedRegions();

    private Verdict verdict(DocumentType type, String number, String country) {
        return numbers.validate(type, number, Optional.ofNullable(country), VISIT).verdict();
    }

    private ReasonCode reason(DocumentType type, String number, String country) {
        return numbers.validate(type, number, Optional.ofNullable(country), VISIT).reason();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "PASS", value = {
            "810000199408230021, PASS",
            "830000199201300022, PASS",
            "820000200001010016, PASS",
            "810000199408230022, DOCUMENT_CHECK_DIGIT",
            "830000199202300022, DOCUMENT_BIRTH_DATE_INVALID",
            "710000199201300022, DOCUMENT_NUMBER_FORMAT",
            "11010519491231002X, DOCUMENT_NUMBER_FORMAT",
            "81000019940823002, DOCUMENT_NUMBER_FORMAT",
            "'８１０００１９９４０８２３００２１', DOCUMENT_NUMBER_FORMAT",
    })
    void residencePermitsForHongKongMacauAndTaiwanResidents(String number, ReasonCode reason) {
        assertThat(reason(DocumentType.RESIDENCE_PERMIT_HMT, number, null)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "PASS", value = {
            "USA318501012345, PASS",        // 2017: nationality, province 31, born 1985-01-01, sequence, check
            "usa318501012345, PASS",
            "GBR449912310012, PASS",
            "USA718501012345, DOCUMENT_NUMBER_FORMAT",  // 71 is not a mainland province
            "USA318513012345, DOCUMENT_BIRTH_DATE_INVALID",
            "US3318501012345, DOCUMENT_NUMBER_FORMAT",
            "USA3185010123456, DOCUMENT_NUMBER_FORMAT",
            "'ＵＳＡ318501012345', DOCUMENT_NUMBER_FORMAT",
    })
    void foreignerPermanentResidence2017(String number, ReasonCode reason) {
        assertThat(reason(DocumentType.FOREIGNER_PERMANENT_ID, number, null)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"93184019850101001", "94482619990228002", "91115620000229003"})
    void foreignerPermanentResidence2023WithMod112(String body) {
        String valid = body + Mod112.checkCharacter(body);
        assertThat(verdict(DocumentType.FOREIGNER_PERMANENT_ID, valid, null)).isEqualTo(Verdict.PASS);
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        assertThat(reason(DocumentType.FOREIGNER_PERMANENT_ID, body + wrong, null))
                .isEqualTo(ReasonCode.DOCUMENT_CHECK_DIGIT);
        String notNine = "8" + body.substring(1);
        assertThat(reason(DocumentType.FOREIGNER_PERMANENT_ID, notNine + Mod112.checkCharacter(notNine), null))
                .isEqualTo(ReasonCode.DOCUMENT_NUMBER_FORMAT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "PASS", value = {
            "H12345678, PASS", "M87654321, PASS", "h12345678, PASS", "H1234567801, PASS",
            "X12345678, DOCUMENT_NUMBER_FORMAT", "H1234567, DOCUMENT_NUMBER_FORMAT",
            "H123456789, DOCUMENT_NUMBER_FORMAT", "'Ｈ12345678', DOCUMENT_NUMBER_FORMAT",
    })
    void hongKongMacauTravelPermits(String number, ReasonCode reason) {
        assertThat(reason(DocumentType.HK_MACAU_PERMIT, number, null)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "PASS", value = {
            "12345678, PASS", "1234567890, PASS",
            "1234567, DOCUMENT_NUMBER_FORMAT", "123456789, DOCUMENT_NUMBER_FORMAT", "T1234567, DOCUMENT_NUMBER_FORMAT",
    })
    void taiwanTravelPermits(String number, ReasonCode reason) {
        assertThat(reason(DocumentType.TAIWAN_PERMIT, number, null)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = {"PASS", "ANY"}, value = {
            "E12345678, CHN, PASS", "EA1234567, CHN, PASS", "G12345678, CHN, PASS", "DE1234567, CHN, PASS",
            "EI1234567, CHN, DOCUMENT_NUMBER_FORMAT", "E1234567, CHN, DOCUMENT_NUMBER_FORMAT",
            "123456789, CHN, DOCUMENT_NUMBER_FORMAT",
            "123456789, USA, PASS", "C01X00T47, DEU, PASS", "L898902C3, ANY, PASS",
            "ABCDE, USA, DOCUMENT_NUMBER_FORMAT", "1234, USA, DOCUMENT_NUMBER_FORMAT",
            "'E1234 5678', ANY, DOCUMENT_NUMBER_FORMAT",
    })
    void passports(String number, String country, ReasonCode reason) {
        assertThat(reason(DocumentType.PASSPORT, number, country)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RESIDENT_ID", "HOUSEHOLD_REGISTER"})
    void gb11643TypesUseTheResidentIdRule(DocumentType type) {
        var v = numbers.validate(type, "11010519491231002X", Optional.empty(), VISIT);
        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.value().orElseThrow().birthDate()).contains(LocalDate.of(1949, 12, 31));
        assertThat(reason(type, "11010519491231002Y", null)).isEqualTo(ReasonCode.ID_NUMBER_FORMAT);
    }
}
