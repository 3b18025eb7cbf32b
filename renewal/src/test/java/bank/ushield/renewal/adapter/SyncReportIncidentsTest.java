package bank.ushield.renewal.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import bank.ushield.casync.ImportResult;
import bank.ushield.renewal.HeadOfficeLink.SyncReport;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemCode;

/** Head office's refusal of the audit anchor reaches the person as an incident explained in words (issue 21). */
class SyncReportIncidentsTest {

    @Test
    void anAnchorRefusalBecomesAnIncidentInWordsAndAnAcceptedBatchDoesNot() {
        ImportResult accepted = new ImportResult.Imported(4, 11, 2, 1, 0, Path.of("RSP-4.p7m"), null);
        ImportResult refused = new ImportResult.Imported(5, 12, 0, 3, 0, Path.of("RSP-5.p7m"),
                "Head office refused request batch 7 because this workstation's audit log does not continue ...");

        SyncReport fine = CaSyncHeadOfficeLink.report(3, List.of(accepted));
        assertThat(fine.incidents()).isEmpty();
        assertThat(fine.certificatesReceived()).isEqualTo(2);

        SyncReport report = CaSyncHeadOfficeLink.report(3, List.of(accepted, refused));
        assertThat(report.rejections()).isEqualTo(4);
        assertThat(report.incidents()).extracting(Problem::code).containsExactly(ProblemCode.AUDIT_ANCHOR_REFUSED);
        Problem.Explanation zh = report.incidents().get(0).explain(Locale.SIMPLIFIED_CHINESE);
        Problem.Explanation en = report.incidents().get(0).explain(Locale.ENGLISH);
        assertThat(zh.problem()).contains("总行拒收").doesNotContain("AUDIT_ANCHOR_REFUSED");
        assertThat(en.problem()).startsWith("Head office refused this workstation's requests")
                .doesNotContain("AUDIT_ANCHOR_REFUSED");
        assertThat(en.nextStep()).contains("head office audit");
    }
}
