package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

import javax.swing.JLabel;

import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.review.AuditFixture;
import bank.ushield.renewal.review.AuditReview;
import bank.ushield.renewal.review.AuditSort;
import bank.ushield.renewal.review.ReviewFilter;
import bank.ushield.audit.AuditEventType;
import bank.ushield.teller.gui.GuiTest;
import bank.ushield.teller.gui.Screenshots;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/** The manager's review over a real audit log file: paging, entry proof, and verification green and red. */
@ExtendWith(DatabaseFileExtension.class)
class AuditReviewGuiTest extends GuiTest {

    static final ZonedDateTime START = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, AuditFixture.ZONE);

    private FrameFixture show(AuditReview review) {
        return PanelWindow.show(robot, "审计查询", new Dimension(1260, 720), () -> {
            List<String> types = Arrays.stream(AuditEventType.values()).map(Enum::name).sorted().toList();
            AuditReviewPanel panel = new AuditReviewPanel(review,
                    new SwingTaskExecutor(e -> { throw new AssertionError(e); }), AuditFixture.ZONE, types, "manager01");
            panel.refresh();
            return panel;
        });
    }

    @Test
    void untouchedLogVerifiesGreenAndAnEntryProvesAgainstTheSignedHead(DatabaseFile file, @TempDir Path keys) {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(3, 12, 7);
        long size = audit.log.size();
        FrameFixture window = show(audit.review(AuditLabels::codesInLabelOrder));
        try {
            JLabel page = window.label("pageLabel").target();
            await("first page", () -> page.getText().startsWith("第 1 /"));
            assertThat(page.getText()).endsWith("共 " + String.format("%,d", size) + " 条");
            window.button("pageNext").click();
            await("second page", () -> page.getText().startsWith("第 2 /"));

            window.table("auditTable").selectRows(3);
            // The proof is one click away for an inspector.
            await("detail shown", () -> window.toggleButton("entryTechnicalToggle").target().isEnabled());
            window.toggleButton("entryTechnicalToggle").click();
            await("proof shown", () -> window.textBox("entryTechnical").target().getText().contains("包含证明"));
            assertThat(window.textBox("entryTechnical").text()).contains("证明可以重算出已签名的根");

            window.button("verifyButton").click();
            JLabel result = window.label("verifyResult").target();
            await("verified", () -> result.getText().startsWith("完整"));
            assertThat(result.getText()).startsWith("完整：" + size + " 条，树规模 " + size + "，根 ");
            // The entry written after the last signed checkpoint is consistent but not yet vouched for: said so.
            assertThat(window.label("verifyUnsigned").text())
                    .isEqualTo("第 " + (size - 1) + " 条尚未被签名检查点覆盖（下次同步或签核时签署）。");
            // On a line of its own: the row's last button stays inside the window (one long line pushed it out).
            java.awt.Component evidence = window.button("exportEvidence").target();
            java.awt.Container content = ((javax.swing.RootPaneContainer) window.target()).getContentPane();
            int right = org.assertj.swing.edt.GuiActionRunner.execute(() -> javax.swing.SwingUtilities
                    .convertPoint(evidence, evidence.getWidth(), 0, content).x);
            assertThat(right).isLessThanOrEqualTo(content.getWidth());
            Screenshots.take(window.target(), "manager-review-intact");

            // A click on the event header sorts by the labels shown (pinyin order), not by the stored codes.
            window.table("auditTable").tableHeader().clickColumn(4);
            await("sorted by event", () -> window.table("auditTable").target().getColumnName(4).endsWith("▲")
                    && page.getText().startsWith("第 1 /") && window.table("auditTable").target().getRowCount() > 0);
            robot.waitForIdle();
            javax.swing.JTable table = window.table("auditTable").target();
            List<String> shown = org.assertj.swing.edt.GuiActionRunner.execute(() -> {
                List<String> labels = new java.util.ArrayList<>();
                for (int row = 0; row < table.getRowCount(); row++) {
                    labels.add(String.valueOf(table.getValueAt(row, 4)));
                }
                return labels;
            });
            assertThat(shown).isSortedAccordingTo(java.text.Collator.getInstance(java.util.Locale.SIMPLIFIED_CHINESE));
            assertThat(shown.get(0)).isEqualTo(audit.review(AuditLabels::codesInLabelOrder)
                    .page(ReviewFilter.all(), new AuditSort(AuditSort.Column.EVENT, true), 0, 1).stream()
                    .map(r -> AuditLabels.event(r.eventType())).findFirst().orElseThrow());
            Screenshots.take(window.target(), "manager-review-by-event");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void logTamperedThroughRawSqlVerifiesRedNamingTheFirstBadEntry(DatabaseFile file, @TempDir Path keys)
            throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(2, 10, 11);
        long victim = 41;
        audit.tamper(victim, "FAILED");
        FrameFixture window = show(audit.review(AuditLabels::codesInLabelOrder));
        try {
            window.button("verifyButton").click();
            JLabel result = window.label("verifyResult").target();
            await("verified", () -> result.getText().startsWith("已损坏"));
            assertThat(result.getText()).isEqualTo("已损坏，第 41 条：该条目写入后被修改");
            Screenshots.take(window.target(), "manager-review-tampered");
        } finally {
            window.cleanUp();
        }
    }

    /**
     * Issue 21: the manager's verify includes head office's anchor. An acknowledgement the insider signed with their own
     * key (to make the whole log look acknowledged) reads red, in words, naming its date and size.
     */
    @Test
    void anAcknowledgementHeadOfficeDidNotSignVerifiesRedInWords(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(1, 6, 13);
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair headOffice = g.generateKeyPair();
        java.security.KeyPair insider = g.generateKeyPair();
        long size = audit.log.size();
        java.time.Instant at = java.time.Instant.parse("2026-11-20T08:30:00Z");
        var forged = bank.ushield.audit.AnchorAcknowledgement.sign(AuditFixture.WORKSTATION, audit.log.treeHead(), at,
                insider.getPrivate(), insider.getPublic());
        audit.db.jdbi().useTransaction(h -> bank.ushield.audit.AnchorCheck.store(h, forged, at));
        FrameFixture window = show(audit.review(List.of(headOffice.getPublic())));
        try {
            window.button("verifyButton").click();
            JLabel result = window.label("verifyResult").target();
            await("verified", () -> result.getText().startsWith("与总行记录不符"));
            assertThat(result.getText()).isEqualTo("与总行记录不符：此文件中日期为 2026-11-20 16:30:00、涉及 " + size
                    + " 条记录的确认并非总行签名（在工作站上伪造或修改）");
            Screenshots.take(window.target(), "manager-review-forged-acknowledgement");
        } finally {
            window.cleanUp();
        }
    }
}
