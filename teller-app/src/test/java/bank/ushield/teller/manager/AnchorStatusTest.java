package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import bank.ushield.renewal.review.UnanchoredWindow;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;

/** The unanchored window reads as words with its figures, in every language, never as a code (issue 21). */
class AnchorStatusTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-21T06:00:00Z");
    static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z_]+\\b");

    @AfterEach
    void chinese() {
        Texts.setLanguage(Language.CHINESE);
    }

    @Test
    void neverAnchoredWindowAndCompleteAnchorReadAsWordsWithTheirFigures() {
        UnanchoredWindow never = new UnanchoredWindow(1234, 0, null);
        UnanchoredWindow open = new UnanchoredWindow(17, 500, NOW.minus(Duration.ofMinutes(95)));
        UnanchoredWindow done = new UnanchoredWindow(0, 517, NOW.minus(Duration.ofDays(3)));

        Texts.setLanguage(Language.CHINESE);
        assertThat(AuditLabels.anchorStatus(never, NOW, ZONE)).contains("从未确认").contains("1234");
        assertThat(AuditLabels.anchorStatus(open, NOW, ZONE)).contains("17").contains("500")
                .contains("2026-11-21 12:25:00").contains("95 分钟");
        assertThat(AuditLabels.anchorStatus(done, NOW, ZONE)).contains("已确认全部").contains("517").contains("3 天");

        Texts.setLanguage(Language.ENGLISH);
        String e1 = AuditLabels.anchorStatus(never, NOW, ZONE);
        String e2 = AuditLabels.anchorStatus(open, NOW, ZONE);
        String e3 = AuditLabels.anchorStatus(done, NOW, ZONE);
        assertThat(e1).contains("never acknowledged").contains("1234");
        assertThat(e2).startsWith("17 entries").contains("(500 entries, 2026-11-21 12:25:00, 95 minutes ago)");
        assertThat(e3).contains("whole log (517 entries").contains("3 days ago");
        for (String s : new String[] {e1, e2, e3}) {
            assertThat(RAW_CODE.matcher(s).find()).as(s).isFalse();
        }
    }

    @Test
    void ageIsMinutesThenHoursThenDaysAndAClockBehindHeadOfficeReadsAsZero() {
        Texts.setLanguage(Language.ENGLISH);
        assertThat(AuditLabels.ago(Duration.ofMinutes(-5))).isEqualTo("0 minutes");
        assertThat(AuditLabels.ago(Duration.ofMinutes(119))).isEqualTo("119 minutes");
        assertThat(AuditLabels.ago(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(AuditLabels.ago(Duration.ofHours(48))).isEqualTo("2 days");
    }
}
