package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.swing.JLabel;
import javax.swing.JTable;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEventType;
import bank.ushield.renewal.review.AuditFixture;
import bank.ushield.renewal.review.AuditReview;
import bank.ushield.teller.gui.GuiTest;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * The review as a manager reads it, at the counter's 1366x768: receipt case numbers, masked customers, which check
 * and why, a labelled detail, every entry of a case, and a CSV that Excel on Chinese Windows opens right.
 */
@ExtendWith(DatabaseFileExtension.class)
class ManagerReviewReadsGuiTest extends GuiTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 16, 9, 0, 0, 0, AuditFixture.ZONE);

    @AfterEach
    void chineseAgain() {
        Texts.setLanguage(Language.CHINESE);
        javax.swing.JComponent.setDefaultLocale(Texts.locale());
    }

    private FrameFixture show(AuditReview review, Path exportTo) {
        return PanelWindow.show(robot, "审计查询", new Dimension(1270, 760), () -> {
            List<String> types = Arrays.stream(AuditEventType.values()).map(Enum::name).sorted().toList();
            AuditReviewPanel panel = new AuditReviewPanel(review,
                    new SwingTaskExecutor(e -> { throw new AssertionError(e); }), AuditFixture.ZONE, types, "manager01");
            panel.putClientProperty("exportTarget", exportTo);
            panel.refresh();
            return panel;
        });
    }

    @Test
    void rowsReadAsTheBranchsWorkAndTheCsvOpensInChineseExcel(DatabaseFile file, @TempDir Path keys,
                                                               @TempDir Path out) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 14, 5).withCaseRows();
        assertThat(audit.failedCases).containsKey("CARD_NOT_CUSTOMERS");
        FrameFixture window = show(audit.review(AuditLabels::codesInLabelOrder), out);
        try {
            JLabel page = window.label("pageLabel").target();
            await("first page", () -> page.getText().startsWith("第 1 /"));
            JTable table = window.table("auditTable").target();
            List<List<String>> rows = rows(table);
            assertThat(rows).allSatisfy(r -> assertThat(String.join("|", r)).doesNotContainPattern("[A-Z]{2,}_[A-Z_]+"));
            // Case numbers as on the receipt, never the internal row id; the customer masked.
            assertThat(rows).filteredOn(r -> !r.get(1).isEmpty())
                    .allSatisfy(r -> assertThat(r.get(1)).startsWith(AuditFixture.WORKSTATION + "-20261116-"));
            assertThat(rows).filteredOn(r -> !r.get(1).isEmpty())
                    .allSatisfy(r -> assertThat(r.get(2)).matches("\u5f20\\*+"));

            // Which check failed and why, in words.
            GuiActionRunner.execute(() -> {
                ((javax.swing.JComboBox<?>) window.comboBox("filterEvent").target()).setSelectedItem("CHECK_FAILED");
                return null;
            });
            window.button("filterSearch").click();
            await("failed checks", () -> GuiActionRunner.execute(() -> table.getRowCount() > 0
                    && rows(table).stream().allMatch(r -> r.get(4).equals(AuditLabels.event("CHECK_FAILED")))));
            assertThat(rows(table).get(0).get(6)).isEqualTo("银行卡：银行卡不属于该客户");
            window.table("auditTable").selectRows(0);
            await("detail", () -> PanelWindow.labelText(robot, "detail.check").contains("银行卡"));
            assertThat(window.label("detail.reason").text()).contains("银行卡不属于该客户");
            assertThat(window.label("detail.case").text()).contains(AuditFixture.WORKSTATION + "-20261116-");
            assertThat(window.label("detail.customer").text()).contains("\u5f20*");
            PanelWindow.shotAt1366(window, "manager-review-reads-zh");

            // From the case, every entry of that case.
            String caseNo = rows(table).get(0).get(1);
            window.button("entryCaseEntries").click();
            await("case entries", () -> GuiActionRunner.execute(() -> table.getRowCount() > 2
                    && rows(table).stream().allMatch(r -> r.get(1).equals(caseNo))));
            assertThat(rows(table).get(0).get(4)).isEqualTo(AuditLabels.event("CASE_OPENED"));
            assertThat(rows(table).get(rows(table).size() - 1).get(4)).isEqualTo(AuditLabels.event("CASE_ABORTED"));

            // The CSV: UTF-8 with a byte-order mark, Chinese headers, labels in words.
            window.button("exportCsv").click();
            Path csv = out.resolve("审计记录.csv");
            JLabel result = window.label("verifyResult").target();
            await("exported", () -> result.getText().startsWith("已写入"));
            byte[] bytes = Files.readAllBytes(csv);
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            String[] lines = text.split("\r\n");
            assertThat(lines[0]).isEqualTo("时间,业务号,客户,经办人,角色,事件,结果,核验项目,原因,授权主管");
            assertThat(lines).hasSize(1 + rows(table).size());
            assertThat(lines[1]).contains(caseNo).contains("建立业务").contains("\u5f20*");
            assertThat(text).contains("银行卡不属于该客户").doesNotContain("CARD_NOT_CUSTOMERS").doesNotContain("CHECK_FAILED");
            assertThat(Files.exists(out.resolve("审计记录.csv.part"))).isFalse();
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void inEnglishTheSameScreenReadsInEnglish(DatabaseFile file, @TempDir Path keys, @TempDir Path out)
            throws Exception {
        Texts.setLanguage(Language.ENGLISH);
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(3, 10, 7).withCaseRows();
        FrameFixture window = show(audit.review(AuditLabels::codesInLabelOrder), out);
        try {
            JLabel page = window.label("pageLabel").target();
            await("first page", () -> !page.getText().isBlank() && window.table("auditTable").target().getRowCount() > 0);
            window.table("auditTable").selectRows(2);
            await("detail", () -> PanelWindow.labelText(robot, "detail.event").length() > 6);
            PanelWindow.shotAt1366(window, "manager-review-reads-en");
            // At 1366x768 the usual events read whole in English ("Audit checkpoi..." before, issue 16), every
            // header reads whole ("Check and why" was cut to "Ch..."), and the table fits its viewport (no column
            // pushed out of sight on the right).
            List<String> cut = GuiActionRunner.execute(() -> {
                java.awt.Dimension before = window.target().getSize();
                // 1366 less the manager home's margins around its tabs (8 + 8 + the tab border, each side).
                window.target().setSize(1366 - 36, 768);
                window.target().validate();
                javax.swing.JTable t = window.table("auditTable").target();
                List<String> found = new ArrayList<>();
                int event = t.getColumnModel().getColumn(4).getWidth();
                int needed = t.getFontMetrics(t.getFont()).stringWidth(AuditLabels.event("CHECKPOINT_SIGNED")) + 8;
                if (event < needed) {
                    found.add("event column " + event + " < " + needed);
                }
                for (int i = 0; i < t.getColumnCount(); i++) {
                    javax.swing.table.TableColumn c = t.getColumnModel().getColumn(i);
                    int header = t.getTableHeader().getDefaultRenderer().getTableCellRendererComponent(t,
                            c.getHeaderValue(), false, false, -1, i).getPreferredSize().width;
                    if (c.getWidth() < header) {
                        found.add("header " + c.getHeaderValue() + ": " + c.getWidth() + " < " + header);
                    }
                }
                int staff = t.getColumnModel().getColumn(3).getWidth();
                for (String actor : List.of("system", "system:ca-sync", "system:training-data")) {
                    if (staff < t.getFontMetrics(t.getFont()).stringWidth(AuditLabels.actor(actor))) {
                        found.add("staff column " + staff + " cuts " + AuditLabels.actor(actor));
                    }
                }
                // The detail pane, narrower for it, still shows the selected entry's case number whole.
                javax.swing.JLabel caseNo = window.label("detail.case").target();
                java.awt.Container view = javax.swing.SwingUtilities.getAncestorOfClass(javax.swing.JViewport.class, caseNo);
                if (javax.swing.SwingUtilities.convertPoint(caseNo, caseNo.getPreferredSize().width, 0, view).x
                        > view.getWidth()) {
                    found.add("detail's case number cut: " + caseNo.getText());
                }
                // Columns whose minimum widths add up to more than the table are cut off at its right edge.
                if (t.getColumnModel().getTotalColumnWidth() > t.getParent().getWidth()) {
                    found.add("columns " + t.getColumnModel().getTotalColumnWidth() + " wider than the viewport "
                            + t.getParent().getWidth());
                }
                window.target().setSize(before);
                window.target().validate();
                return found;
            });
            assertThat(cut).as("review table at 1366x768 in English").isEmpty();
            window.button("exportCsv").click();
            JLabel result = window.label("verifyResult").target();
            await("exported", () -> result.getText().startsWith("Written"));
            byte[] bytes = Files.readAllBytes(out.resolve("audit-entries.csv"));
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(
                    "Time,Case number,Customer,Done by,Role,Event,Outcome,Check,Reason,Authorised by\r\n");
        } finally {
            window.cleanUp();
        }
    }

    private static List<List<String>> rows(JTable table) {
        return GuiActionRunner.execute(() -> {
            List<List<String>> all = new ArrayList<>();
            for (int r = 0; r < table.getRowCount(); r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < table.getColumnCount(); c++) {
                    row.add(String.valueOf(table.getValueAt(r, c)));
                }
                all.add(row);
            }
            return all;
        });
    }
}
