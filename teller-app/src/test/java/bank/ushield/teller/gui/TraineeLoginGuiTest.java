package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JLabel;
import javax.swing.JTable;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.HomeScreens;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.wizard.TrainingFixture;

/**
 * Issue 16, ADR 0091, on a real training workstation (training SQLite file, simulated token) at 1366x768, in both
 * languages: the trainer creates a trainee account and assigns a scenario; the trainee logs in as themselves, sees
 * the assignment, practises it (the wizard under their own login), Esc at step 1 asks first, leaving scores 0%
 * and shows the score; the trainer then finds the run in the trainee's history and in the class report (on screen
 * and as a PDF read back), and disables the account, which can no longer log in.
 */
class TraineeLoginGuiTest extends GuiTest {

    private static final String PASSWORD = "trainee-pass-7";

    @TempDir
    Path dir;
    private TrainingFixture fixture;

    @AfterEach
    void close() {
        Texts.setLanguage(Language.CHINESE);
        GuiActionRunner.execute(() -> javax.swing.JComponent.setDefaultLocale(Texts.locale()));
        if (fixture != null) {
            fixture.close();
        }
    }

    private FrameFixture login(String user, String password) {
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").setText(user);
        login.textBox("loginPassword").setText(password);
        login.button("loginOk").click();
        return login;
    }

    private FrameFixture workstation() {
        FrameFixture frame = frame("workstationFrame");
        // A 1366x768 counter screen (within a smaller test screen, as large as it allows).
        GuiActionRunner.execute(() -> {
            java.awt.Rectangle screen = frame.target().getGraphicsConfiguration().getBounds();
            frame.target().setBounds(screen.x, screen.y, Math.min(1366, screen.width), Math.min(768, screen.height));
        });
        robot.waitForIdle();
        return frame;
    }

    /** By the header's button (after a dialog closes without a window manager, no window has the focus for Ctrl+Q). */
    private static void logOut(FrameFixture frame) {
        frame.button("headerLogout").click();
    }

    private boolean showing(org.assertj.swing.fixture.AbstractWindowFixture<?, ?, ?> frame, String name) {
        return !frame.robot().finder().findAll(frame.target(), c -> name.equals(c.getName()) && c.isShowing()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aTraineeLogsInAsThemselvesAndPractisesTheAssignedScenario(Language language) throws Exception {
        Texts.setLanguage(language);
        GuiActionRunner.execute(() -> javax.swing.JComponent.setDefaultLocale(Texts.locale()));
        String lang = language == Language.CHINESE ? "zh" : "en";
        Clock clock = Clock.systemUTC();
        fixture = TrainingFixture.create(new AppPaths(dir, true).modeDir(), clock);
        DomainWiring wiring = DomainWiring.of(fixture.workstation(), clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir),
                Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        HomeScreens homes = wiring.homeScreens(ws);
        GuiActionRunner.execute(() -> new WorkstationApp(ws, homes).showLogin());

        // The trainer creates the trainee's account from the console and assigns the first scenario.
        login("trainer01", "train-1234");
        FrameFixture console = workstation();
        console.panel("trainerPanel").requireVisible();
        console.button("traineeAccounts").click();
        DialogFixture accounts = dialog("staffDialog");
        await("trainees listed", () -> accounts.table("staffTable").rowCount() > 0);
        assertThat(column(accounts.table("staffTable").contents(), 0)).doesNotContain("manager01", "trainer01");
        assertThat(showing(accounts, "staffRole")).as("no role to change").isFalse();
        accounts.button("staffCreate").click();
        DialogFixture form = dialog("staffForm");
        assertThat(form.robot().finder().findAll(form.target(), c -> "staffRoleChoice".equals(c.getName())))
                .as("a trainer creates tellers only: no role to choose").isEmpty();
        form.textBox("staffNewLogin").setText("trainee07");
        form.textBox("staffNewName").setText("王小明");
        form.textBox("staffNewPassword").setText(PASSWORD);
        form.textBox("staffNewPasswordAgain").setText(PASSWORD);
        form.textBox("staffNewPasswordAgain").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await("trainee created", () -> column(accounts.table("staffTable").contents(), 0).contains("trainee07"));
        assertThat(accounts.label("staffStatus").text()).contains("trainee07");
        Screenshots.take(accounts.target(), "trainer-trainee-accounts-" + lang);
        accounts.button("staffClose").click();

        javax.swing.JComboBox<?> box = console.comboBox("traineeBox").target();
        awaitOnEdt("the new trainee offered", () -> {
            for (int i = 0; i < box.getItemCount(); i++) {
                if ("trainee07".equals(box.getItemAt(i))) {
                    return true;
                }
            }
            return false;
        });
        console.list("scenarioList").selectItem(0);
        String title = GuiActionRunner.execute(() -> ((bank.ushield.renewal.training.Scenario) console.list("scenarioList")
                .target().getSelectedValue()).title().in(Texts.locale()));
        console.comboBox("traineeBox").selectItem("trainee07");
        console.button("assignScenario").click();
        JLabel runStatus = console.label("runStatus").target();
        awaitOnEdt("assigned", () -> runStatus.getText().contains("trainee07"));
        Screenshots.take(console.target(), "trainer-console-assigned-" + lang);
        logOut(console);

        // The trainee logs in as themselves: the home lists the assignment and offers to practise it (F4).
        login("trainee07", PASSWORD);
        FrameFixture home = workstation();
        home.panel("tellerHome").requireVisible();
        assertThat(home.label("headerUser").text()).contains("王小明");
        JLabel assigned = home.label("homeAssigned").target();
        awaitOnEdt("assignment listed", () -> assigned.getText().contains(title));
        awaitOnEdt("practice offered", () -> home.button("homePractice").target().isEnabled());
        Screenshots.take(home.target(), "trainee-home-assigned-" + lang);
        home.pressAndReleaseKeys(KeyEvent.VK_F4);
        awaitOnEdt("wizard open", () -> showing(home, "renewalWizard"));
        robot.waitForIdle();

        // Esc at step 1 asks first; Esc on the question stays in the scenario; Enter (Yes) leaves.
        home.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        org.assertj.swing.fixture.JOptionPaneFixture ask = home.optionPane();
        Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(ask.target()), "trainee-leave-ask-" + lang);
        ask.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        robot.waitForIdle();
        assertThat(showing(home, "renewalWizard")).as("still in the scenario").isTrue();
        // Leaving by the Back button asks again (without a window manager the frame has no focus for a key now).
        home.button("wizardBack").click();
        home.optionPane().requireVisible().pressAndReleaseKeys(KeyEvent.VK_ENTER);

        // Left at step 1: scored 0% (nothing was within reach), shown to the trainee, kept under their login.
        DialogFixture score = dialog("practiceScoreDialog");
        assertThat(score.label("practiceScore").text()).contains("0%");
        Screenshots.take(score.target(), "trainee-practice-score-" + lang);
        score.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        awaitOnEdt("home again", () -> showing(home, "tellerHome"));
        List<AuditEntry> scored = new ArrayList<>();
        new AuditSearch(fixture.workstation().database()).forEach(AuditQuery.builder()
                .type(AuditEventType.TRAINING_SCENARIO_SCORED).limit(10).build(), scored::add);
        assertThat(scored).extracting(AuditEntry::actor).containsExactly("trainee07");
        List<AuditEntry> logins = new ArrayList<>();
        new AuditSearch(fixture.workstation().database()).forEach(AuditQuery.builder()
                .type(AuditEventType.LOGIN_OK).actor("trainee07").limit(10).build(), logins::add);
        assertThat(logins).as("the trainee logged in as themselves").hasSize(1);
        // The trainee reads their own history (F5; clicked: without a window manager the frame has no focus for a
        // key after the score dialog): the run just scored, nobody else's.
        home.button("homeHistory").requireText(java.util.regex.Pattern.compile(".*F5")).click();
        DialogFixture own = dialog("traineeHistory");
        String[][] ownRows = own.table("historyTable").contents();
        assertThat(ownRows).hasNumberOfRows(1);
        assertThat(ownRows[0][1]).isEqualTo(title);
        assertThat(ownRows[0][2]).isEqualTo("0%");
        assertThat(own.label("historySummary").text()).contains("trainee07");
        Screenshots.take(own.target(), "trainee-own-history-" + lang);
        own.button("historyClose").click();
        // Practising again and logging out in the middle: that run is scored too, not lost. In English the trainee
        // locks the screen and the trainer signs in at the lock screen instead: the same log-out, hooks included.
        home.button("homePractice").click();
        awaitOnEdt("wizard open again", () -> showing(home, "renewalWizard"));
        boolean atLock = language == Language.ENGLISH;
        if (atLock) {
            home.button("headerLock").click();
            awaitOnEdt("locked", () -> showing(home, "lockPanel"));
            home.textBox("lockOtherLogin").setText("trainee07");
            home.textBox("lockOtherPassword").setText(PASSWORD);
            home.button("lockOtherSignIn").click();
            JLabel lockMessage = home.label("lockMessage").target();
            awaitOnEdt("own login refused as another", () -> lockMessage.getText().contains("unlock"));
            home.textBox("lockOtherLogin").setText("trainer01");
            home.textBox("lockOtherPassword").setText("train-1234");
            Screenshots.take(home.target(), "trainee-locked-another-signs-in-" + lang);
            home.button("lockOtherSignIn").click();
        } else {
            logOut(home);
        }
        await("the run left by logging out scored", () -> {
            List<AuditEntry> all = new ArrayList<>();
            new AuditSearch(fixture.workstation().database()).forEach(AuditQuery.builder()
                    .type(AuditEventType.TRAINING_SCENARIO_SCORED).limit(10).build(), all::add);
            return all.size() == 2 && all.stream().allMatch(e -> e.actor().equals("trainee07"));
        });

        List<AuditEntry> logouts = new ArrayList<>();
        await("the trainee's log-out recorded", () -> {
            logouts.clear();
            new AuditSearch(fixture.workstation().database()).forEach(AuditQuery.builder()
                    .type(AuditEventType.LOGOUT).actor("trainee07").limit(10).build(), logouts::add);
            return logouts.size() == 1;
        });

        // The trainer (already in, after signing in at the lock screen): the run in the trainee's history and the
        // class report, on screen and as a PDF.
        if (!atLock) {
            login("trainer01", "train-1234");
        }
        FrameFixture again = workstation();
        again.panel("trainerPanel").requireVisible();
        Path pdf = dir.resolve("class-" + lang + ".pdf");
        GuiActionRunner.execute(() -> {
            again.panel("trainerPanel").target().putClientProperty("classReportTarget", pdf);
            return null;
        });
        again.button("classReportButton").click();
        DialogFixture report = dialog("classReport");
        JTable trainees = report.table("classTrainees").target();
        awaitOnEdt("trainee listed", () -> trainees.getRowCount() == 1);
        assertThat(GuiActionRunner.execute(() -> trainees.getValueAt(0, 0))).isEqualTo("trainee07");
        report.table("classTrainees").selectRows(0);
        report.button("classHistory").click();
        DialogFixture history = dialog("traineeHistory");
        String[][] rows = history.table("historyTable").contents();
        assertThat(rows).hasNumberOfRows(2);
        assertThat(rows[0][1]).isEqualTo(title);
        assertThat(rows[0][2]).isEqualTo("0%");
        assertThat(rows[0][3]).isNotBlank();
        Screenshots.take(history.target(), "trainer-trainee-history-" + lang);
        history.button("historyClose").click();
        Screenshots.take(report.target(), "trainer-class-report-" + lang);
        report.button("classPdf").click();
        JLabel saved = report.label("classStatus").target();
        awaitOnEdt("pdf saved", () -> saved.getText().contains(pdf.getFileName().toString()));
        assertThat(pdf.resolveSibling(pdf.getFileName() + ".part")).doesNotExist();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("trainee07").contains(title.replaceAll("\\s+", ""))
                    .contains(rows[0][3].replaceAll("\\s+", ""));
        }
        report.button("classClose").click();

        // Disabled by the trainer, the trainee can no longer log in.
        again.button("traineeAccounts").click();
        DialogFixture accounts2 = dialog("staffDialog");
        await("trainees listed", () -> column(accounts2.table("staffTable").contents(), 0).contains("trainee07"));
        accounts2.table("staffTable").selectRows(column(accounts2.table("staffTable").contents(), 0).indexOf("trainee07"));
        accounts2.button("staffActive").click();
        await("disabled", () -> accounts2.label("staffStatus").text().contains("trainee07"));
        accounts2.button("staffClose").click();
        logOut(again);
        FrameFixture refused = login("trainee07", PASSWORD);
        JLabel message = refused.label("loginMessage").target();
        awaitOnEdt("refused", () -> !message.getText().isBlank());
        assertThat(Files.exists(pdf)).isTrue();
        // (not closed: closing the login window ends the application)
    }

    private static List<String> column(String[][] rows, int column) {
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(r[column]);
        }
        return out;
    }
}
