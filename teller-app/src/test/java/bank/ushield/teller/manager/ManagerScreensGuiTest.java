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
    void managerSignsADayOffAndTheDayIsMarked(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 8, 21).withCaseRows();
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
            // Today is not over: it cannot be signed, and the screen says why.
            window.list("signOffDays").selectItem(0);
            await("today loaded", () -> window.label("signOffDayTitle").target().getText().contains("2026-11-21"));
            await("today explained", () -> window.label("signOffStatus").target().getText().contains("尚未结束"));
            // Head office never acknowledged this log: the manager sees the whole log is unanchored (issue 21).
            long entries = review.unanchored().entries();
            assertThat(entries).isPositive();
            await("unanchored window shown", () -> window.label("signOffAnchor").target().getText()
                    .equals(AuditLabels.anchorStatus(review.unanchored(), java.time.Instant.now(), AuditFixture.ZONE)));
            assertThat(window.label("signOffAnchor").target().getText()).contains("从未确认")
                    .contains(String.valueOf(entries));
            // The blank-token count the sign-off records (none in this audit fixture), reconciled: no red line.
            await("stock count shown", () -> window.label("signOffStock").target().getText().startsWith("空白U盾"));
            assertThat(window.label("signOffStock").target().getText()).contains("网点库房 0 个")
                    .doesNotContain("账实不符");
            window.button("signOffButton").requireDisabled();
            // Newest first: index i is TODAY minus i days. The day signed is the latest closed day on which
            // manager01 authorised an exception (separation of duties).
            int index = 1;
            while (review.ownAuthorisations(TODAY.minusDays(index), "manager01").isEmpty()) {
                index++;
                assertThat(index).as("a day with manager01's authorisation").isLessThan(6);
            }
            LocalDate signed = TODAY.minusDays(index);
            int at = index;
            window.list("signOffDays").selectItem(index);
            JLabel title = window.label("signOffDayTitle").target();
            await("day loaded", () -> title.getText().contains(signed.toString())
                    && window.button("signOffButton").target().isEnabled());
            javax.swing.JTable table = window.table("signOffAttention").target();
            int attention = GuiActionRunner.execute(table::getRowCount);
            assertThat(attention).isPositive();
            java.util.List<String> cells = GuiActionRunner.execute(() -> {
                java.util.List<String> all = new java.util.ArrayList<>();
                for (int r = 0; r < table.getRowCount(); r++) {
                    for (int c = 0; c < table.getColumnCount(); c++) {
                        all.add(String.valueOf(table.getValueAt(r, c)));
                    }
                }
                return all;
            });
            // What happened in words, the receipt's case number, the masked customer, who authorised it.
            assertThat(cells).noneMatch(v -> v.matches(".*[A-Z][A-Z_]{3,}.*"));
            assertThat(cells).anyMatch(v -> v.startsWith(AuditFixture.WORKSTATION + "-2026"));
            assertThat(cells).anyMatch(v -> v.matches("\u5f20\\*+"));
            // manager01 authorised an exception that day: flagged for the next level, not signed alone.
            assertThat(cells).anyMatch(v -> v.startsWith("manager01") && v.contains("提交上级复核"));

            window.textBox("signOffComment").enterText("已核对终止业务");
            // Double-click opens the exception as a labelled form.
            window.table("signOffAttention").cell(org.assertj.swing.data.TableCell.row(0).column(3)).doubleClick();
            org.assertj.swing.fixture.JOptionPaneFixture entry = window.optionPane();
            assertThat(entry.label("detail.case").text()).contains(AuditFixture.WORKSTATION + "-2026");
            assertThat(entry.label("detail.event").text()).doesNotContainPattern("[A-Z]{3,}");
            Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(entry.target()), "manager-signoff-entry");
            entry.okButton().click();

            // A confirmation first; Cancel signs nothing.
            window.button("signOffButton").click();
            org.assertj.swing.fixture.JOptionPaneFixture confirm = window.optionPane();
            assertThat(String.valueOf(GuiActionRunner.execute(() -> confirm.target().getMessage())))
                    .contains(signed.toString()).contains("不能撤销").contains("提交上级复核");
            Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(confirm.target()), "manager-signoff-confirm");
            confirm.cancelButton().click();
            assertThat(review.days(signed, signed).get(0).signedOff()).isFalse();
            window.button("signOffButton").click();
            window.optionPane().okButton().click();
            JLabel status = window.label("signOffStatus").target();
            await("marked", () -> days.getModel().getSize() > at && days.getModel().getElementAt(at).signedOff());
            await("signed", () -> status.getText().contains("签字确认"));
            assertThat(GuiActionRunner.execute(() -> days.getModel().getElementAt(at).signedOffBy())).isEqualTo("manager01");
            assertThat(review.verify(n -> { })).isInstanceOf(VerifyOutcome.Intact.class);
            // The sign-off entry names what it does not cover.
            String details = audit.log.entry(audit.log.size() - 1).orElseThrow().details();
            assertThat(details).contains("flaggedForNextLevel").contains("SIGNER_AUTHORISED_THE_EXCEPTION");
            PanelWindow.shotAt1366(window, "manager-signoff");
        } finally {
            window.cleanUp();
        }
    }

    /** ADR 0074: a second manager co-signs, on the sign-off screen, the exceptions the signer authorised. */
    @Test
    void aSecondManagerCoSignsWhatTheSignerAuthorised(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 8, 21).withCaseRows();
        bank.ushield.db.Repositories repos = new bank.ushield.db.Repositories(audit.db,
                bank.ushield.db.CardMatchingKey.forDataFolder(keys),
                new bank.ushield.db.PasswordHasher(new bank.ushield.db.PasswordHasher.Params(1024, 1, 1)), audit.clock);
        repos.branches().saveBranch("0102", "Branch");
        repos.staff().create("manager02", "钱主管", bank.ushield.db.StaffRole.MANAGER, "0102",
                "pass-manager02".toCharArray());
        AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder).withStaff(
                new bank.ushield.renewal.staff.DbStaffDirectory(repos.authenticator(bank.ushield.db.LockoutPolicy.DEFAULT)));
        int index = 1;
        while (review.ownAuthorisations(TODAY.minusDays(index), "manager01").isEmpty()) {
            index++;
            assertThat(index).as("a day with manager01's authorisation").isLessThan(6);
        }
        LocalDate day = TODAY.minusDays(index);
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
            window.list("signOffDays").selectItem(index);
            await("co-sign offered", () -> window.textBox("signOffCoSigner").target().isShowing()
                    && window.button("signOffButton").target().isEnabled());
            javax.swing.JPasswordField password = (javax.swing.JPasswordField) window.textBox("signOffCoSignerPassword")
                    .target();
            javax.swing.text.JTextComponent coSigner = window.textBox("signOffCoSigner").target();
            // Set, not typed: under a loaded whole-suite run typed keys were lost once and the co-sign was refused.
            GuiActionRunner.execute(() -> {
                coSigner.setText("manager02");
                password.setText("pass-manager02");
            });
            window.button("signOffButton").click();
            org.assertj.swing.fixture.JOptionPaneFixture confirm = window.optionPane();
            assertThat(String.valueOf(GuiActionRunner.execute(() -> confirm.target().getMessage())))
                    .contains("manager02").contains("会签").doesNotContain("提交上级复核");
            confirm.okButton().click();
            JLabel status = window.label("signOffStatus").target();
            await("co-signed", () -> status.getText().contains("已会签"));
            assertThat(GuiActionRunner.execute(() -> password.getPassword().length)).as("password field cleared")
                    .isZero();
            assertThat(review.days(day, day).get(0).signedOff()).isTrue();
            String details = audit.log.entry(audit.log.size() - 1).orElseThrow().details();
            assertThat(details).contains("\"coSignedBy\":\"manager02\"").doesNotContain("flaggedForNextLevel")
                    .doesNotContain("pass-manager02");
            PanelWindow.shotAt1366(window, "manager-signoff-cosigned");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void todayCannotBeSignedOffByTheService(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 3, 4);
        AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder);
        LocalDate today = LocalDate.now(audit.clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> review.signOff(today, "manager02", ""))
                .isInstanceOf(bank.ushield.renewal.review.ReviewException.class);
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
            // Every day of the 30-day window, on an axis of whole numbers.
            assertThat(GuiActionRunner.execute(() -> perDay.getDataset().getColumnCount())).isEqualTo(ReviewChartsPanel.DAYS);
            assertThat(GuiActionRunner.execute(() -> perDay.getDataset().getValue(0, 0).intValue())).isZero();
            assertThat(GuiActionRunner.execute(() -> ((org.jfree.chart.axis.NumberAxis) perDay.getRangeAxis())
                    .getTickUnit().getSize() % 1.0)).isZero();
            assertThat(GuiActionRunner.execute(() -> ((org.jfree.chart.axis.NumberAxis) perDay.getRangeAxis())
                    .getStandardTickUnits().getCeilingTickUnit(0.3).getSize())).isEqualTo(1.0);
            CategoryPlot machine = (CategoryPlot) GuiActionRunner.execute(() ->
                    PanelWindow.chart(window, "chartMachineTime").getChart().getPlot());
            long days = GuiActionRunner.execute(() -> {
                long n = 0;
                for (int c = 0; c < machine.getDataset().getColumnCount(); c++) {
                    n += machine.getDataset().getValue(0, c) == null ? 0 : 1;
                }
                return n;
            });
            assertThat(days).as("days with a machine time").isEqualTo(6);
            CategoryPlot perTeller = (CategoryPlot) GuiActionRunner.execute(() ->
                    PanelWindow.chart(window, "chartPerTeller").getChart().getPlot());
            assertThat(GuiActionRunner.execute(() -> perTeller.getDataset().getColumnCount())).isEqualTo(3);
            // Counts and seconds never below zero: one renewal by one teller drew an axis from -1 to 2.
            org.jfree.data.category.DefaultCategoryDataset one = new org.jfree.data.category.DefaultCategoryDataset();
            one.addValue(1, "n", "teller01");
            org.jfree.chart.axis.NumberAxis small = (org.jfree.chart.axis.NumberAxis) ((CategoryPlot)
                    org.jfree.chart.ChartFactory.createBarChart("", "", "", one).getPlot()).getRangeAxis();
            ReviewChartsPanel.countAxis(small);
            assertThat(small.getLowerBound()).as("one count's axis from").isZero();
            for (String name : new String[] {"chartPerDay", "chartPerTeller", "chartFailures", "chartMachineTime"}) {
                assertThat(GuiActionRunner.execute(() -> ((CategoryPlot) PanelWindow.chart(window, name).getChart()
                        .getPlot()).getRangeAxis().getLowerBound())).as(name + " axis from").isGreaterThanOrEqualTo(0);
            }
            PanelWindow.shotAt1366(window, "manager-charts");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void inEnglishTheSignOffAndTheChartsReadInEnglish(DatabaseFile file, @TempDir Path keys) throws Exception {
        bank.ushield.teller.i18n.Texts.setLanguage(bank.ushield.teller.i18n.Language.ENGLISH);
        javax.swing.JComponent.setDefaultLocale(bank.ushield.teller.i18n.Texts.locale());
        try {
            AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 8, 21).withCaseRows();
            AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder);
            FrameFixture window = PanelWindow.show(robot, "Daily sign-off", new Dimension(1100, 600), () -> {
                DailySignOffPanel panel = new DailySignOffPanel(review, executor(), AuditFixture.ZONE, () -> TODAY,
                        "manager02");
                panel.refresh();
                return panel;
            });
            try {
                @SuppressWarnings("unchecked")
                JList<DayStatus> days = (JList<DayStatus>) window.list("signOffDays").target();
                await("days listed", () -> days.getModel().getSize() == DailySignOffPanel.DAYS_SHOWN);
                window.list("signOffDays").selectItem(1);
                javax.swing.JTable table = window.table("signOffAttention").target();
                await("day loaded", () -> GuiActionRunner.execute(table::getRowCount) > 0);
                assertThat(GuiActionRunner.execute(() -> table.getColumnName(3))).isEqualTo("What happened");
                // At 1366x768 (less the manager home's margins) what happened reads whole ("U-shield PIN locked: PIN
                // locked" was cut while "Authorised by" stood half empty); only the longest, a failed check with its
                // check and reason (383 px in English), still gives way to the other columns.
                java.util.List<String> cut = GuiActionRunner.execute(() -> {
                    java.awt.Dimension before = window.target().getSize();
                    window.target().setSize(1366 - 36, 768);
                    window.target().validate();
                    java.util.List<String> found = new java.util.ArrayList<>();
                    // The days keep the width their lines need; the room goes to the table (a third went to them).
                    javax.swing.JSplitPane split = (javax.swing.JSplitPane) javax.swing.SwingUtilities
                            .getAncestorOfClass(javax.swing.JSplitPane.class, table);
                    int need = split.getLeftComponent().getPreferredSize().width;
                    if (split.getDividerLocation() > need + 8) {
                        found.add("days " + split.getDividerLocation() + " wide, need " + need);
                    }
                    int width = table.getColumnModel().getColumn(3).getWidth();
                    for (int r = 0; r < table.getRowCount(); r++) {
                        java.awt.Component cell = table.prepareRenderer(table.getCellRenderer(r, 3), r, 3);
                        if (cell.getPreferredSize().width > width
                                && !String.valueOf(table.getValueAt(r, 3)).startsWith(AuditLabels.event("CHECK_FAILED"))) {
                            found.add(table.getValueAt(r, 3) + " (" + cell.getPreferredSize().width + " > " + width
                                    + " in a table " + table.getWidth() + " wide)");
                        }
                    }
                    // Columns whose minimum widths add up to more than the table run past its right edge.
                    if (table.getColumnModel().getTotalColumnWidth() > table.getParent().getWidth()) {
                        found.add("columns " + table.getColumnModel().getTotalColumnWidth() + " wider than the viewport "
                                + table.getParent().getWidth());
                    }
                    // A cut cell (the longest failed check) shows its whole text on hover.
                    for (int r = 0; r < table.getRowCount(); r++) {
                        for (int c = 0; c < table.getColumnCount(); c++) {
                            javax.swing.JComponent cell = (javax.swing.JComponent) table.prepareRenderer(
                                    table.getCellRenderer(r, c), r, c);
                            if (cell.getPreferredSize().width > table.getColumnModel().getColumn(c).getWidth()
                                    && !String.valueOf(table.getValueAt(r, c)).equals(cell.getToolTipText())) {
                                found.add("cut without its text on hover: " + table.getValueAt(r, c));
                            }
                        }
                    }
                    window.target().setSize(before);
                    window.target().validate();
                    return found;
                });
                assertThat(cut).as("what happened, cut at 1366x768").isEmpty();
                PanelWindow.shotAt1366(window, "manager-signoff-en");
            } finally {
                window.cleanUp();
            }
            FrameFixture charts = PanelWindow.show(robot, "Charts", new Dimension(1200, 760), () -> {
                ReviewChartsPanel panel = new ReviewChartsPanel(review, executor(), () -> TODAY);
                panel.refresh();
                return panel;
            });
            try {
                await("charts drawn", () -> PanelWindow.chart(charts, "chartMachineTime") != null);
                PanelWindow.shotAt1366(charts, "manager-charts-en");
            } finally {
                charts.cleanUp();
            }
        } finally {
            bank.ushield.teller.i18n.Texts.setLanguage(bank.ushield.teller.i18n.Language.CHINESE);
            // Swing caches its default locale at first use (option pane buttons): the next tests are Chinese.
            javax.swing.JComponent.setDefaultLocale(bank.ushield.teller.i18n.Texts.locale());
        }
    }
}
