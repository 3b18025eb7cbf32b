package bank.ushield.idverification.document;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionCodesTest {

    private final RegionCodes codes = RegionCodes.shipped();

    @Test
    void everyMainlandProvinceAndItsPrefecturesAreListed() {
        var provinces = codes.all().stream().filter(r -> r.level() == Region.Level.PROVINCE)
                .map(Region::code).collect(Collectors.toSet());
        assertThat(provinces).hasSize(34); // 31 mainland + Taiwan, Hong Kong, Macau
        assertThat(codes.all().stream().filter(r -> r.level() == Region.Level.PREFECTURE && r.current()))
                .hasSizeGreaterThan(330);
        assertThat(codes.all().stream().filter(r -> r.level() == Region.Level.COUNTY && r.current()))
                .hasSizeGreaterThan(2800);
        assertThat(codes.find("440300").orElseThrow().name()).isEqualTo("深圳市");
        assertThat(codes.find("310115").orElseThrow().name()).isEqualTo("浦东新区");
    }

    @Test
    void historicalCodesAreKeptAndMarked() {
        Region xuanwu = codes.find("110104").orElseThrow();
        assertThat(xuanwu.name()).isEqualTo("宣武区");
        assertThat(xuanwu.current()).isFalse();
        assertThat(codes.all().stream().filter(r -> !r.current())).hasSizeGreaterThan(700);
    }

    @Test
    void aMalformedTableIsRefusedWithItsLineNumber() {
        var bad = new ByteArrayInputStream("# c\n110000\t北京市\tC\t200212..2023\n11010\tx\tC\t200212..2023\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RegionCodes.load(bad)).hasMessageContaining("line 3");
    }
}
