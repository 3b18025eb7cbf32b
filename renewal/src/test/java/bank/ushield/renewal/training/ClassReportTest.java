package bank.ushield.renewal.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.Database;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.token.KeyAlgorithm;

/**
 * Every scored run is kept per trainee (date, scenario, score, steps missed, and which of them were done though
 * forbidden), read from the training audit log; the class PDF is written to ".part", renamed, and reads back with
 * each trainee, each run and the most missed steps, long lines wrapped rather than cut.
 */
class ClassReportTest {

    private static final Clock CLOCK = Clock.systemUTC();

    private static void scored(RenewalWorkstation ws, String trainee, String scenario, int percent, String missed,
                               String mistakes) {
        AuditEvent.Builder e = AuditEvent.builder(AuditEventType.TRAINING_SCENARIO_SCORED, AuditOutcome.INFO)
                .actor(trainee, "TELLER").detail("scenario", scenario).detail("percent", percent)
                .detail("missed", missed);
        if (mistakes != null) {
            e.detail("mistakes", mistakes);
        }
        ws.auditLog().append(e.build());
    }

    @Test
    void everyRunIsKeptPerTraineeAndThePdfReadsBack(@TempDir Path root) throws Exception {
        Path dir = root.resolve("training");
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        new TrainingDataGenerator(new Repositories(db, CardMatchingKey.forDataFolder(dir), new PasswordHasher(), CLOCK))
                .generate(1, 0);
        try (RenewalWorkstation ws = RenewalWorkstation.training(dir, TrainingDataGenerator.WORKSTATION_ID,
                KeyAlgorithm.EC_P256, CLOCK)) {
            scored(ws, "teller01", "expired-45-days", 0, "[CASE_OPENED, CERT_INSTALLED, FINAL_STATE]", "[]");
            scored(ws, "teller01", "expired-10-days", 40, "[SELF_SERVICE_ADVISED, MANAGER_OVERRIDE, FINAL_STATE]",
                    "[MANAGER_OVERRIDE]");
            scored(ws, "teller01", "expired-45-days", 100, "[]", "[]");
            // An entry written before the score named its mistakes still reads.
            scored(ws, "teller02", "wrong-token", 50, "[TOKEN_REJECTED]", null);

            ClassReport report = ClassReport.read(ws.database(), ZoneId.of("Asia/Shanghai"));
            ClassReport.TraineeScores t1 = report.of("teller01");
            assertThat(t1.history()).extracting(ClassReport.Score::scenarioId)
                    .containsExactly("expired-45-days", "expired-10-days", "expired-45-days");
            assertThat(t1.history()).extracting(ClassReport.Score::percent).containsExactly(0, 40, 100);
            assertThat(t1.history().get(1).missed()).containsExactly("SELF_SERVICE_ADVISED", "MANAGER_OVERRIDE",
                    "FINAL_STATE");
            assertThat(t1.history().get(1).mistakes()).containsExactly("MANAGER_OVERRIDE");
            assertThat(t1.history()).allMatch(s -> !s.at().isAfter(Instant.now()));
            assertThat(t1.latest()).isEqualTo(100);
            assertThat(t1.average()).isEqualTo(46);
            assertThat(report.of("teller02").history().get(0).mistakes()).isEmpty();
            assertThat(report.of("nobody").history()).isEmpty();
            assertThat(report.mostMissed()).first().satisfies(c -> {
                assertThat(c.step()).isEqualTo("FINAL_STATE");
                assertThat(c.count()).isEqualTo(2);
            });
            assertThat(report.mostMissed()).anySatisfy(c -> {
                assertThat(c.step()).isEqualTo("MANAGER_OVERRIDE");
                assertThat(c.mistake()).isTrue();
            });

            Path pdf = root.resolve("班级报告.pdf");
            String longScenario = "场景" + "很长的场景名称".repeat(20);
            report.writePdf(pdf, new ClassReport.Wording() {
                @Override
                public String title() {
                    return "培训班级报告";
                }

                @Override
                public String trainee(ClassReport.TraineeScores t) {
                    return t.trainee() + " 练习 " + t.history().size() + " 次";
                }

                @Override
                public String scoreLine(ClassReport.Score s) {
                    return s.scenarioId().equals("wrong-token") ? longScenario : s.scenarioId();
                }

                @Override
                public String result(ClassReport.Score s) {
                    return s.percent() + "% " + String.join(" ", s.missed());
                }

                @Override
                public String mostMissedHeading() {
                    return "全班最常遗漏的步骤";
                }

                @Override
                public String step(String step, boolean mistake) {
                    return (mistake ? "不应出现 " : "") + step;
                }

                @Override
                public String runs(long count) {
                    return count + " 次";
                }
            });
            assertThat(pdf.resolveSibling(pdf.getFileName() + ".part")).doesNotExist();
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("培训班级报告").contains("teller01 练习 3 次").contains("teller02 练习 1 次")
                        .contains("40% SELF_SERVICE_ADVISED MANAGER_OVERRIDE FINAL_STATE")
                        .contains("不应出现 MANAGER_OVERRIDE").contains("全班最常遗漏的步骤");
                // The long line is wrapped over several lines, every character of it on the page.
                assertThat(text.replaceAll("\\s+", "")).contains(longScenario);
                assertThat(text.lines().filter(l -> l.contains("很长的场景名称")).count()).isGreaterThan(1);
            }
            assertThat(Files.list(root).map(p -> p.getFileName().toString()).toList())
                    .noneMatch(n -> n.endsWith(".part"));
        }
    }
}
