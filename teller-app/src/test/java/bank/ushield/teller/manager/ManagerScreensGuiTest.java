package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import javax.swing.JLabel;
import javax.swing.JList;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.review.AuditFixture;
import bank.ushield.renewal.review.AuditLogReview;
import bank.ushield.renewal.review.DayStatus;
import bank.ushield.renewal.review.VerifyOutcome;
import bank.ushield.teller.gui.GuiTest;
import bank.ushield.teller.gui.Screenshots;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** The daily sign-off and the charts over a real audit log. */
@ExtendWith(DatabaseFileExtension.class)
class ManagerScreensGuiTest extends GuiTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 16, 9, 0, 0, 0, AuditFixture.ZONE);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    private static SwingTaskExecutor executor() {
        return new SwingTaskExecutor(e -> {
            throw new AssertionError(e);
        });
    }

    @Test
    void managerSignsADayOffAndTheDayIsMarked(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 8, 21);
        AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder);
        FrameFixture window = PanelWindow.show(robot, "每日复核", new Dimension(1100, 600), () -> {
            DailySignOffPanel panel = new DailySignOffPanel(review, executor(), AuditFixture.ZONE, () -> TODAY,
                    "manager01");
            panel.refresh();
            return panel;
        });
        try {
            @SuppressWarnings("unchecked")
            JList<DayStatus> days = (JList<DayStatus>) window.list("signOffDays").target();
            await("days listed", () -> days.getModel().getSize() == DailySignOffPanel.DAYS_SHOWN);
            // Newest first: index 1 is the day before TODAY, which has entries.
            window.list("signOffDays").selectItem(1);
            JLabel title = window.label("signOffDayTitle").target();
            await("day loaded", () -> title.getText().contains("2026-11-20")
                    && window.button("signOffButton").target().isEnabled());
            int attention = GuiActionRunner.execute(() -> window.table("signOffAttention").target().getRowCount());
            assertThat(attention).isPositive();
            window.textBox("signOffComment").enterText("已核对终止业务");
            window.button("signOffButton").click();
            JLabel status = window.label("signOffStatus").target();
            await("marked", () -> days.getModel().getSize() > 1 && days.getModel().getElementAt(1).signedOff());
            await("signed", () -> status.getText().contains("签字确认"));
            assertThat(GuiActionRunner.execute(() -> days.getModel().getElementAt(1).signedOffBy())).isEqualTo("manager01");
            assertThat(review.verify(n -> { })).isInstanceOf(VerifyOutcome.Intact.class);
            Screenshots.take(window.target(), "manager-signoff");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void chartsShowRenewalsFailuresAndMachineTime(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 14, 5);
        AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder);
        FrameFixture window = PanelWindow.show(robot, "统计图表", new Dimension(1200, 760), () -> {
            ReviewChartsPanel panel = new ReviewChartsPanel(review, executor(), () -> TODAY);
            panel.refresh();
            return panel;
        });
        try {
            await("charts drawn", () -> PanelWindow.chart(window, "chartMachineTime") != null);
            CategoryPlot perDay = (CategoryPlot) GuiActionRunner.execute(() ->
                    PanelWindow.chart(window, "chartPerDay").getChart().getPlot());
            assertThat(GuiActionRunner.execute(() -> perDay.getDataset().getColumnCount())).isEqualTo(6);
            CategoryPlot perTeller = (CategoryPlot) GuiActionRunner.execute(() ->
                    PanelWindow.chart(window, "chartPerTeller").getChart().getPlot());
            assertThat(GuiActionRunner.execute(() -> perTeller.getDataset().getColumnCount())).isEqualTo(3);
            Screenshots.take(window.target(), "manager-charts");
        } finally {
            window.cleanUp();
        }
    }
}
