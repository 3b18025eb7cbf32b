package bank.ushield.idverification.document;

import bank.ushield.idverification.Generated;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Held-out style checks of the 1980-2001 lists: numbers are built from codes drawn at random from the shipped file
 * (not hand-picked), and codes in no list are drawn the same way.
 */
class RegionCodes1980To2001Test {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    private final RegionCodes codes = RegionCodes.shipped();
    private final ResidentIdNumbers ids = ResidentIdNumbers.withShippedRegions();

    @Test
    void theShippedListsHoldTheRetiredCodesTheIssueCounts() {
        assertThat(codes.onlyBefore2002()).hasSize(2933);
        assertThat(codes.onlyBefore2002()).allMatch(r -> r.historical() && r.firstYear() >= 1980
                && r.lastYear() <= 2001 && r.firstYear() <= r.lastYear());
    }

    @Test
    void numbersBuiltFromRetiredCodesPassWithTheRegionNamedAndMarkedHistorical() {
        List<Region> retired = codes.onlyBefore2002().stream()
                .filter(r -> r.level() != Region.Level.PROVINCE && codes.isMainlandProvince(r.code())).toList();
        Generated.cases(500, x -> retired.get(x.nextInt(retired.size()))).forEach(region -> {
            String body = region.code() + "19" + (50 + region.firstYear() % 50) + "0615" + "123";
            NumberValidation<ResidentIdNumber> v = ids.validate(body + Mod112.checkCharacter(body), VISIT);
            assertThat(v.verdict()).as(region.code()).isEqualTo(Verdict.PASS);
            Region found = v.value().orElseThrow().region().orElseThrow();
            assertThat(found).isEqualTo(region);
            assertThat(found.name()).isNotBlank();
            assertThat(found.current()).isFalse();
        });
    }

    @Test
    void codesInNoListStillNeedAManager() {
        Set<String> seen = new HashSet<>();
        Generated.cases(20_000, x -> String.format("%02d%04d", 11 + x.nextInt(55), x.nextInt(10_000)))
                .filter(codes::isMainlandProvince)
                .filter(c -> !c.endsWith("0000") && codes.find(c).isEmpty())
                .limit(300)
                .forEach(code -> {
                    seen.add(code);
                    String body = code + "19800101001";
                    NumberValidation<ResidentIdNumber> v = ids.validate(body + Mod112.checkCharacter(body), VISIT);
                    assertThat(v.verdict()).as(code).isEqualTo(Verdict.NEEDS_MANAGER);
                    assertThat(v.reason()).isEqualTo(ReasonCode.ID_NUMBER_REGION_UNLISTED);
                });
        assertThat(seen).hasSize(300);
    }

    @Test
    void theStandardsOwnExamplesPass() {
        assertThat(ids.validate("11010519491231002X", VISIT).verdict()).isEqualTo(Verdict.PASS);
        assertThat(ids.validate("440524188001010014", VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aCodeInTheCurrentTableKeepsItsCurrentEntry() {
        Region chaoyang = codes.find("110105").orElseThrow();
        assertThat(chaoyang.current()).isTrue();
        assertThat(chaoyang.lastYear()).isEqualTo(2023);
    }

    @Test
    void theOldListsAreReadFromTheirOwnFormatAndBadRowsNamed() throws Exception {
        RegionCodes small = RegionCodes.load(stream("110000\t北京市\tC\t200212..2023\n"),
                stream("# x\ncode\tname\tfirst\tlast\n110110\t燕山区\t198012\t198512\n"));
        Region yanshan = small.find("110110").orElseThrow();
        assertThat(yanshan.yearsInUse()).isEqualTo("1980-1985");
        assertThat(yanshan.historical()).isTrue();
        assertThat(small.find("110000").orElseThrow().current()).isTrue();
        assertThatThrownBy(() -> RegionCodes.load(stream(""), stream("code\tname\tfirst\tlast\n110110\tx\t198612\t198512\n")))
                .hasMessageContaining("line 2");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
