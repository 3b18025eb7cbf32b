package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;

import javax.swing.JLabel;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.HomeScreens;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.wizard.TrainingFixture;

/**
 * Esc at the wizard's first step in a training run asks before leaving the scenario ("No" stays in it); the run
 * is then scored for the trainee and shows in the class report, on screen and as a PDF.
 */
class TrainingLeaveGuiTest extends GuiTest {

    @TempDir
    Path dir;
    private TrainingFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void escAtTheFirstStepAsksBeforeLeavingTheScenario() throws Exception {
        fixture = TrainingFixture.create(new AppPaths(dir, true).modeDir(), Clock.systemUTC());
        Clock clock = Clock.systemUTC();
        DomainWiring wiring = DomainWiring.of(fixture.workstation(), clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir),
                Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        HomeScreens homes = wiring.homeScreens(ws);
        GuiActionRunner.execute(() -> new WorkstationApp(ws, homes).showLogin());
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("trainer01");
        login.textBox("loginPassword").enterText("train-1234");
        login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        FrameFixture console = frame("workstationFrame");
        try {
            console.panel("trainerPanel").requireVisible();
            console.list("scenarioList").selectItem(0);
            console.comboBox("traineeBox").selectItem("teller01");
            console.button("startScenario").click();
            awaitOnEdt("wizard open", () -> console.target().isShowing()
                    && !console.robot().finder().findAll(console.target(),
                            c -> "renewalWizard".equals(c.getName()) && c.isShowing()).isEmpty());
            robot.waitForIdle();

            console.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
            JOptionPaneFixture ask = console.optionPane();
            assertThat(String.valueOf(GuiActionRunner.execute(() -> ask.target().getMessage()))).contains("尚未完成");
            Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(ask.target()), "trainee-leave-ask");
            ask.noButton().click();
            robot.waitForIdle();
            assertThat(console.robot().finder().findAll(console.target(),
                    c -> "renewalWizard".equals(c.getName()) && c.isShowing())).as("still in the scenario").isNotEmpty();

            // Leaving through the Back button asks again; "Yes" returns to the trainer's console.
            console.button("wizardBack").click();
            console.optionPane().yesButton().click();
            awaitOnEdt("console again", () -> console.panel("trainerPanel").target().isShowing());
            JLabel status = console.label("runStatus").target();
            awaitOnEdt("scored", () -> status.getText().startsWith("评分完成"));

            // The class report: the trainee's run with its score, on screen and as a PDF.
            Path pdf = dir.resolve("class.pdf");
            GuiActionRunner.execute(() -> {
                console.panel("trainerPanel").target().putClientProperty("classReportTarget", pdf);
                return null;
            });
            console.button("classReportButton").click();
            org.assertj.swing.fixture.DialogFixture report = dialog("classReport");
            javax.swing.JTable trainees = report.table("classTrainees").target();
            awaitOnEdt("trainee listed", () -> trainees.getRowCount() == 1);
            assertThat(GuiActionRunner.execute(() -> trainees.getValueAt(0, 0))).isEqualTo("teller01");
            assertThat(GuiActionRunner.execute(() -> trainees.getValueAt(0, 1))).isEqualTo(1);
            assertThat(GuiActionRunner.execute(() -> report.table("classMissed").target().getRowCount())).isPositive();
            Screenshots.take(report.target(), "trainer-class-report");
            report.button("classPdf").click();
            JLabel saved = report.label("classStatus").target();
            awaitOnEdt("pdf saved", () -> saved.getText().startsWith("已保存"));
            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
                String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                assertThat(text).contains("teller01").contains("全班最常遗漏的步骤");
            }
            report.button("classClose").click();
        } finally {
            console.cleanUp();
        }
    }
}
