package bank.ushield.teller.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JLabel;
import javax.swing.JList;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;

import bank.ushield.renewal.training.Scenario;
import bank.ushield.renewal.training.ScenarioLibrary;
import bank.ushield.renewal.training.ScenarioScorer;
import bank.ushield.renewal.training.ScoreReport;
import bank.ushield.renewal.training.TraineeRecord;
import bank.ushield.renewal.training.TraineeRecord.ObservedEvent;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.renewal.training.TrainingRun;
import bank.ushield.teller.gui.GuiTest;
import bank.ushield.teller.gui.Screenshots;
import bank.ushield.teller.manager.PanelWindow;
import bank.ushield.teller.task.SwingTaskExecutor;

/**
 * The trainer console driven with the robot: pick a scenario and a trainee, start, and the trainee's recorded
 * handling (the audit trail the wizard would leave) is scored with the real scorer and shown with what was missed.
 */
class TrainerPanelGuiTest extends GuiTest {

    /** A desk over the real library and scorer; the "wizard" leaves the trail the test gives it. */
    static final class ReplayDesk implements TrainingDesk {
        final ScenarioLibrary library = ScenarioLibrary.builtIn();
        final AtomicReference<TraineeRecord> trail = new AtomicReference<>();
        final AtomicInteger resets = new AtomicInteger();

        @Override
        public ScenarioLibrary scenarios() {
            return library;
        }

        @Override
        public List<String> trainees() {
            return List.of("trainee01", "trainee02");
        }

        final java.util.Map<String, List<Scenario>> assignments = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public boolean assign(String scenarioId, String trainee, String trainer) {
            List<Scenario> list = assignments.computeIfAbsent(trainee, t -> new java.util.concurrent.CopyOnWriteArrayList<>());
            Scenario s = library.get(scenarioId);
            return !list.contains(s) && list.add(s);
        }

        @Override
        public List<Scenario> assigned(String trainee) {
            return assignments.getOrDefault(trainee, List.of());
        }

        @Override
        public TrainingRun start(Scenario scenario, String trainee) {
            return new TrainingRun(scenario.id(), trainee, "C-" + scenario.id(), scenario.token().serial(),
                    Instant.now(), 0, scenario.customer().idNumber(), scenario.cardPresented());
        }

        @Override
        public TraineeRecord record(TrainingRun run) {
            return trail.get();
        }

        @Override
        public ScoreReport score(TrainingRun run) {
            return new ScenarioScorer().score(library.get(run.scenarioId()), record(run));
        }

        @Override
        public bank.ushield.renewal.training.ClassReport classReport() {
            return new bank.ushield.renewal.training.ClassReport(java.util.List.of(), java.util.List.of());
        }

        @Override
        public bank.ushield.renewal.staff.StaffAccounts accounts() {
            throw new UnsupportedOperationException("not in this test");
        }

        @Override
        public void reset() {
            resets.incrementAndGet();
        }
    }

    private static ObservedEvent ok(String type) {
        return new ObservedEvent(type, "OK", "{}");
    }

    private FrameFixture show(ReplayDesk desk, AtomicReference<TrainerPanel> panelRef) {
        return PanelWindow.show(robot, "培训控制台", new Dimension(1100, 640), () -> {
            TrainerPanel[] holder = new TrainerPanel[1];
            // The launcher stands for the wizard: it returns to the console at once, as the shell does on close.
            holder[0] = new TrainerPanel(desk, new SwingTaskExecutor(e -> { throw new AssertionError(e); }),
                    run -> javax.swing.SwingUtilities.invokeLater(() -> holder[0].shown()));
            panelRef.set(holder[0]);
            return holder[0];
        });
    }

    /** ADR 0074: the trainer assigns the selected scenario to the selected trainee; the status line says so. */
    @Test
    void theTrainerAssignsAScenarioToATrainee() {
        ReplayDesk desk = new ReplayDesk();
        FrameFixture window = show(desk, new AtomicReference<>());
        try {
            window.list("scenarioList").selectItem(ScenarioLibrary.BUILT_IN.indexOf("wrong-pin-twice"));
            window.comboBox("traineeBox").selectItem("trainee02");
            // By keyboard from the list of scenarios, as a trainer assigns all day (Alt+A, printed on the button).
            window.list("scenarioList").focus();
            robot.pressKey(java.awt.event.KeyEvent.VK_ALT);
            robot.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_A);
            robot.releaseKey(java.awt.event.KeyEvent.VK_ALT);
            JLabel status = window.label("runStatus").target();
            await("assigned", () -> status.getText().contains("trainee02") && status.getText().contains("已将"));
            // The run line has a row of its own: whole at the counter's 1366x768 (it was cut after the buttons).
            int[] room = org.assertj.swing.edt.GuiActionRunner.execute(() -> {
                java.awt.Dimension before = window.target().getSize();
                window.target().setSize(1366, 768);
                window.target().validate();
                int[] widths = {status.getWidth(), status.getPreferredSize().width};
                // Back to the size the robot clicks in (the suite's screen is 1280 wide).
                window.target().setSize(before);
                window.target().validate();
                return widths;
            });
            assertThat(room[0]).as("run line at 1366x768").isGreaterThanOrEqualTo(room[1]);
            assertThat(desk.assigned("trainee02")).extracting(Scenario::id).containsExactly("wrong-pin-twice");
            window.button("assignScenario").click();
            await("said again", () -> status.getText().contains("此前已布置"));
            assertThat(desk.assigned("trainee02")).hasSize(1);
            Screenshots.take(window.target(), "trainer-assigned");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void correctHandlingOfWrongPinTwiceScoresFullMarks() {
        ReplayDesk desk = new ReplayDesk();
        desk.trail.set(new TraineeRecord("TRN-1", "COMPLETED", null, List.of(ok("CASE_OPENED"),
                ok("CASE_ID_VERIFIED"), ok("CASE_CARD_VERIFIED"), ok("CASE_TOKEN_VERIFIED"),
                new ObservedEvent("CASE_TOKEN_STEP_FAILED", "FAILURE", "{\"problem\":\"WRONG_PIN\"}"),
                new ObservedEvent("CASE_TOKEN_STEP_FAILED", "FAILURE", "{\"problem\":\"WRONG_PIN\"}"),
                ok("CASE_KEY_GENERATED"), ok("CASE_CSR_QUEUED"), ok("CASE_CERT_RECEIVED"), ok("CASE_CERT_INSTALLED"),
                ok("CASE_COMPLETED"))));
        FrameFixture window = show(desk, new AtomicReference<>());
        try {
            window.list("scenarioList").selectItem(ScenarioLibrary.BUILT_IN.indexOf("wrong-pin-twice"));
            assertThat(window.textBox("scenarioBriefing").text()).contains("赵丽").contains("客户输错密码");
            window.comboBox("traineeBox").selectItem("trainee01");
            window.button("startScenario").click();
            JLabel headline = window.label("scoreHeadline").target();
            await("score shown", () -> headline.getText().startsWith("通过"));
            assertThat(headline.getText()).isEqualTo("通过：100%（7/7）");
            // Back from the run, the keyboard is on the list of scenarios (it was nowhere).
            awaitOnEdt("focus on the scenarios", () -> {
                java.awt.Component owner = java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
                return owner != null && "scenarioList".equals(owner.getName());
            });
            Screenshots.take(window.target(), "trainer-score-passed");
        } finally {
            window.cleanUp();
        }
    }

    @Test
    void wrongHandlingOfExpiredIdShowsWhatWasMissedWithTheHint() {
        ReplayDesk desk = new ReplayDesk();
        desk.trail.set(new TraineeRecord("TRN-2", "ABORTED", "ID_CHECK_FAILED", List.of(ok("CASE_OPENED"),
                new ObservedEvent("CASE_CHECK_FAILED", "FAILURE", "{\"check\":\"IDENTITY\",\"code\":\"ID_EXPIRED\"}"),
                new ObservedEvent("CASE_ABORTED", "ABORTED", "{\"reason\":\"ID_CHECK_FAILED\"}"))));
        FrameFixture window = show(desk, new AtomicReference<>());
        try {
            window.list("scenarioList").selectItem(ScenarioLibrary.BUILT_IN.indexOf("expired-id-manager-override"));
            window.comboBox("traineeBox").selectItem("trainee02");
            window.button("startScenario").click();
            JLabel headline = window.label("scoreHeadline").target();
            await("score shown", () -> headline.getText().startsWith("未通过"));
            @SuppressWarnings("unchecked")
            JList<ScoreView.Line> lines = (JList<ScoreView.Line>) window.list("scoreLines").target();
            List<String> texts = GuiActionRunner.execute(() -> {
                List<String> all = new java.util.ArrayList<>();
                for (int i = 0; i < lines.getModel().getSize(); i++) {
                    all.add(lines.getModel().getElementAt(i).text());
                }
                return all;
            });
            assertThat(texts.get(0)).startsWith("遗漏：主管授权").contains("必须由主管在柜员终端上授权");
            assertThat(texts).anyMatch(t -> t.startsWith("业务结果应为完成，实际为终止"));
            assertThat(texts).anyMatch(t -> t.startsWith("已完成：拒绝身份证件"));
            Screenshots.take(window.target(), "trainer-score-missed");
        } finally {
            window.cleanUp();
        }
    }
}
