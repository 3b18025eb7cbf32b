package bank.ushield.teller.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The home's case lines show times in the branch's zone, as the receipt prints them, not the PC's zone. */
class TellerHomeLineTest {

    @Test
    void aCaseLineShowsTheTimeInTheZoneItIsGiven() {
        CaseSummary c = new CaseSummary(1, "9999-T01-20261206-0001", "张*", "COMPLETED",
                Instant.parse("2026-12-06T08:11:00Z"));
        assertThat(TellerHome.line(c, ZoneId.of("Asia/Shanghai"))).contains("12-06 16:11").doesNotContain("08:11");
        assertThat(TellerHome.line(c, ZoneId.of("UTC"))).contains("12-06 08:11");
    }
}
