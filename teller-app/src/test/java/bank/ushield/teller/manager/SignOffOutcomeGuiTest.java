package bank.ushield.teller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JList;
import javax.swing.JTable;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.review.AuditFixture;
import bank.ushield.renewal.review.AuditLogReview;
import bank.ushield.renewal.review.DayStatus;
import bank.ushield.teller.gui.GuiTest;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * Issue 16: once a day is signed off, the sign-off screen says what became of the signer's own authorisations,
 * in the "authorised by" cells and the status line, at once and after the day is shown again: co-signed by the
 * second manager, never "flagged"; and the message of the sign-off just done is not replaced by the day's reload.
 */
@ExtendWith(DatabaseFileExtension.class)
class SignOffOutcomeGuiTest extends GuiTest {

    static final ZonedDateTime START = ManagerScreensGuiTest.START;
    static final LocalDate TODAY = ManagerScreensGuiTest.TODAY;

    private static SwingTaskExecutor executor() {
        return new SwingTaskExecutor(e -> {
            throw new AssertionError(e);
        });
    }

    private static List<String> authorisedBy(JTable table) {
        return GuiActionRunner.execute(() -> {
            List<String> all = new ArrayList<>();
            for (int r = 0; r < table.getRowCount(); r++) {
                all.add(String.valueOf(table.getValueAt(r, table.getColumnCount() - 1)));
            }
            return all;
        });
    }

    @Test
    void aCoSignedDayShowsTheCoSignerNotFlagged(DatabaseFile file, @TempDir Path keys) throws Exception {
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
        int at = index;
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
            window.list("signOffDays").selectItem(at);
            await("co-sign offered", () -> window.textBox("signOffCoSigner").target().isShowing()
                    && window.button("signOffButton").target().isEnabled());
            JTable table = window.table("signOffAttention").target();
            assertThat(authorisedBy(table)).anyMatch(v -> v.startsWith("manager01") && v.contains("由您授权"));
            javax.swing.text.JTextComponent coSigner = window.textBox("signOffCoSigner").target();
            javax.swing.text.JTextComponent password = window.textBox("signOffCoSignerPassword").target();
            GuiActionRunner.execute(() -> {
                coSigner.setText("manager02");
                password.setText("pass-manager02");
            });
            window.button("signOffButton").click();
            window.optionPane().okButton().click();

            // The day reloads by itself: the cells say co-signed; the done message stays (it vanished before).
            await("marked", () -> days.getModel().getSize() > at && days.getModel().getElementAt(at).signedOff());
            await("cells say co-signed", () -> authorisedBy(table).stream()
                    .anyMatch(v -> v.startsWith("manager01") && v.contains("manager02 已会签")));
            assertThat(authorisedBy(table)).noneMatch(v -> v.contains("提交上级复核"));
            javax.swing.JLabel status = window.label("signOffStatus").target();
            await("co-signed said", () -> status.getText().contains("已会签"));

            // Another day and back: the day itself says who co-signed.
            window.list("signOffDays").selectItem(at + 1);
            await("other day", () -> !status.getText().contains("manager02"));
            window.list("signOffDays").selectItem(at);
            await("co-signer named again", () -> status.getText().contains("该日已由 manager01")
                    && status.getText().contains("manager02 已会签"));
            assertThat(authorisedBy(table)).anyMatch(v -> v.contains("manager02 已会签"));
            PanelWindow.shotAt1366(window, "manager-signoff-cosigned-cells");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void aFlaggedDaySaysFlaggedAfterTheSignOff(DatabaseFile file, @TempDir Path keys) throws Exception {
        AuditFixture audit = new AuditFixture(file.path(), keys, START).days(6, 8, 21).withCaseRows();
        AuditLogReview review = audit.review(AuditLabels::codesInLabelOrder);
        int index = 1;
        while (review.ownAuthorisations(TODAY.minusDays(index), "manager01").isEmpty()) {
            index++;
        }
        int at = index;
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
            window.list("signOffDays").selectItem(at);
            await("day loaded", () -> window.button("signOffButton").target().isEnabled());
            window.button("signOffButton").click();
            window.optionPane().okButton().click();
            await("marked", () -> days.getModel().getSize() > at && days.getModel().getElementAt(at).signedOff());
            JTable table = window.table("signOffAttention").target();
            await("cells say flagged", () -> authorisedBy(table).stream()
                    .anyMatch(v -> v.startsWith("manager01") && v.contains("（已提交上级复核）")));
            javax.swing.JLabel status = window.label("signOffStatus").target();
            window.list("signOffDays").selectItem(at + 1);
            await("other day", () -> !status.getText().contains("上级复核"));
            window.list("signOffDays").selectItem(at);
            await("flagged said", () -> status.getText().contains("签字人本人授权的例外已提交上级复核"));
        } finally {
            window.cleanUp();
        }
    }
}
