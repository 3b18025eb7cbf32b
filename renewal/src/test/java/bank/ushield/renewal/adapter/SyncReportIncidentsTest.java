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

        SyncReport fine = CaSyncHeadOfficeLink.report(sent(3), List.of(accepted));
        assertThat(fine.incidents()).isEmpty();
        assertThat(fine.certificatesReceived()).isEqualTo(2);

        SyncReport report = CaSyncHeadOfficeLink.report(sent(3), List.of(accepted, refused));
        assertThat(report.rejections()).isEqualTo(4);
        assertThat(report.incidents()).extracting(Problem::code).containsExactly(ProblemCode.AUDIT_ANCHOR_REFUSED);
        Problem.Explanation zh = report.incidents().get(0).explain(Locale.SIMPLIFIED_CHINESE);
        Problem.Explanation en = report.incidents().get(0).explain(Locale.ENGLISH);
        assertThat(zh.problem()).contains("总行拒收").doesNotContain("AUDIT_ANCHOR_REFUSED");
        assertThat(en.problem()).startsWith("Head office refused this workstation's requests")
                .doesNotContain("AUDIT_ANCHOR_REFUSED");
        assertThat(en.nextStep()).contains("head office audit");
    }

    /**
     * Issue 21: the sync summary's notes read as words in both languages, never as ca-sync's codes: every rejection
     * code a quarantined file can carry, and every failure SYNC_FAILED can name.
     */
    @Test
    void notesAndSyncFailuresNameNoCodeInEitherLanguage() {
        java.util.List<ImportResult> results = new java.util.ArrayList<>();
        for (bank.ushield.casync.format.RejectionCode code : bank.ushield.casync.format.RejectionCode.values()) {
            results.add(new ImportResult.Quarantined(code, "technical reason", Path.of("q/RSP-" + code.ordinal() + ".p7m"),
                    Path.of("q/RSP-" + code.ordinal() + ".p7m.reason.txt")));
        }
        results.add(ImportResult.Deferred.gap(Path.of("RSP-10.p7m"), "batch 8 missing", 9));
        results.add(new ImportResult.Deferred(Path.of("RSP-11.p7m"), "SQLITE_BUSY database is locked"));
        SyncReport report = CaSyncHeadOfficeLink.report(java.util.Optional.empty(), results);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            for (var note : report.notes()) {
                assertThat(note.words(locale)).as(note + " in " + locale).doesNotContainPattern("[A-Z]{2,}_[A-Z_]+")
                        .doesNotContain("SQLITE");
            }
        }
        assertThat(report.detail(Locale.ENGLISH)).contains("RSP-6.p7m was put aside: its signature does not check");
        assertThat(report.detail(Locale.SIMPLIFIED_CHINESE)).contains("RSP-6.p7m 已隔离：签名校验失败");
        for (bank.ushield.casync.CaSyncException.Code code : bank.ushield.casync.CaSyncException.Code.values()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                String text = Problem.of(ProblemCode.SYNC_FAILED, code.name()).explain(locale).problem();
                assertThat(text).as(code + " in " + locale).doesNotContain(code.name());
            }
        }
    }

    private static java.util.Optional<bank.ushield.casync.RequestBatchExporter.ExportedBatch> sent(int requests) {
        return java.util.Optional.of(new bank.ushield.casync.RequestBatchExporter.ExportedBatch(7, 7,
                Path.of("REQ-0102-W03-00000007.p7m"), requests, 0, List.of()));
    }
}
