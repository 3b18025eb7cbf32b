package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.awt.Window;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.renewal.AbortReason;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.renewal.training.HandlingStep;
import bank.ushield.renewal.training.Scenario;
import bank.ushield.renewal.training.ScenarioFault;
import bank.ushield.renewal.training.ScenarioLibrary;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.wizard.Trouble;
import bank.ushield.teller.wizard.TrainingFixture;
import bank.ushield.teller.wizard.WizardStep;
import bank.ushield.teller.shell.HomeScreens;

/**
 * Every scenario of the library (built-in and the trainer's own files) through the real windows of one running
 * training app: the trainer picks the scenario and a trainee in the trainer console, the trainee runs the normal
 * renewal wizard on the simulated token, and the console shows the score. Each scenario is handled once correctly
 * (full marks) and once wrongly (failed, naming what was missed with the scenario's hint). The handlings follow
 * the scenario's data (faults, expected steps), not its id, so a trainer's file in the same format is covered too.
 */
class ScenarioTrainingGuiTest extends GuiTest {

    private static final String WRONG_PIN = "00000000";
    private static final Pattern PRESENTED = Pattern.compile("证件 (\\S+)、银行卡 (\\d+)、U盾 (\\S+)。");

    @TempDir
    static Path dir;
    static TrainingFixture fixture;
    static TrainingDesk desk;
    private static final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    static void trainingApp() throws Exception {
        Path mode = new AppPaths(dir, true).modeDir();
        // A trainer's own scenario file, in the format of the built-in ones: read by the desk at start.
        Path own = mode.resolve("scenarios");
        Files.createDirectories(own);
        Files.writeString(own.resolve("spouse-card.json"), TRAINER_SCENARIO);
        fixture = TrainingFixture.create(mode, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The trainer logs in once; the app and its training database serve every handling in turn. */
    private FrameFixture trainerConsole() {
        Clock clock = Clock.systemUTC();
        DomainWiring wiring = DomainWiring.of(fixture.workstation(), clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        HomeScreens homes = wiring.homeScreens(ws);
        desk = wiring.trainingDesk().orElseThrow();
        GuiActionRunner.execute(() -> new WorkstationApp(ws, homes).showLogin());
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("trainer01");
        login.textBox("loginPassword").enterText("train-1234");
        login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        FrameFixture f = frame("workstationFrame");
        f.panel("trainerPanel").requireVisible();
        return f;
    }

    @TestFactory
    Stream<DynamicNode> everyScenarioIsScoredThroughTheGuiForACorrectAndAWrongHandling() {
        FrameFixture console = trainerConsole();
        List<Scenario> library = desk.scenarios().all();
        assertThat(library).extracting(Scenario::id).containsAll(ScenarioLibrary.BUILT_IN).contains("spouse-card");
        assertThat(desk.scenarios().problems()).isEmpty();
        // -Dscenarios=id,id narrows a local run to some scenarios (never set in CI)
        String only = System.getProperty("scenarios", "");
        return library.stream().filter(s -> only.isBlank() || List.of(only.split(",")).contains(s.id()))
                .map(s -> dynamicContainer(s.id() + " (" + s.title().in(Locale.ENGLISH) + ")",
                Stream.of(dynamicTest("correct handling scores full marks", () -> correctHandling(console, s)),
                        dynamicTest("wrong handling fails and names what was missed", () -> wrongHandling(console, s)))));
    }

    // ---- the two handlings ----

    private void correctHandling(FrameFixture console, Scenario s) {
        Trainee trainee = start(console, s, true);
        trainee.runWizard();
        List<String> lines = awaitScore(console);
        String headline = console.label("scoreHeadline").text();
        assertThat(headline).as("score of %s, lines %s", s.id(), lines).startsWith("通过：100%");
        assertThat(lines).allMatch(l -> l.startsWith("\u2714"));
        if (trainee.voucherMistyped) {
            // The corrected typo is scored as what it is (audited TOKEN_VOUCHER_MISMATCH), never as a refused token.
            int typos = fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM audit_entry WHERE event_type = 'CHECK_FAILED' AND case_id = :c "
                            + "AND json_extract(details, '$.code') = 'TOKEN_VOUCHER_MISMATCH'")
                    .bind("c", trainee.mistypedCase).mapTo(Integer.class).one());
            assertThat(typos).isEqualTo(1);
            if (s.expected().forbidden().contains(HandlingStep.TOKEN_REJECTED)) {
                assertThat(lines).anyMatch(l -> l.startsWith("\u2714") && l.contains("已避免：" + stepName(HandlingStep.TOKEN_REJECTED)));
            }
        }
        assertThat(AuditVerifier.verify(fixture.workstation().database()).ok()).isTrue();
        shotOnce(console, "trainer-scenario-passed", s);
    }

    private void wrongHandling(FrameFixture console, Scenario s) {
        Trainee trainee = start(console, s, false);
        trainee.runWizard();
        List<String> lines = awaitScore(console);
        String headline = console.label("scoreHeadline").text();
        assertThat(headline).as("score of %s, lines %s", s.id(), lines).startsWith("未通过：");
        List<String> missed = lines.stream().filter(l -> l.startsWith("\u2718")).toList();
        assertThat(missed).as("what was missed").isNotEmpty();
        // Missed lines come first, and a missed step the scenario has a hint for shows that hint.
        assertThat(lines.subList(0, missed.size())).isEqualTo(missed);
        boolean hintShown = false;
        for (HandlingStep step : s.expected().required()) {
            String name = stepName(step);
            for (String line : missed) {
                if (line.contains("遗漏：" + name) && s.expected().hints().containsKey(step)) {
                    assertThat(line).contains(s.expected().hints().get(step).in(Locale.SIMPLIFIED_CHINESE));
                    hintShown = true;
                }
            }
        }
        boolean anyRequiredHint = s.expected().required().stream().anyMatch(s.expected().hints()::containsKey);
        assertThat(hintShown || !anyRequiredHint).as("a hint of the scenario names what was missed: %s", missed)
                .isTrue();
        trainee.mistake.assertScored(s, missed);
        shotOnce(console, "trainer-scenario-failed", s);
    }

    private static final java.util.Set<String> SHOT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void shotOnce(FrameFixture console, String name, Scenario s) {
        if (SHOT.add(name)) {
            Screenshots.take(console.target(), name);
        }
        Screenshots.take(console.target(), name + "-" + s.id());
    }

    private static String stepName(HandlingStep step) {
        return java.util.ResourceBundle.getBundle("bank.ushield.teller.training.Training", Locale.SIMPLIFIED_CHINESE)
                .getString("Step." + step.name());
    }

    // ---- trainer console ----

    private Trainee start(FrameFixture console, Scenario s, boolean correct) {
        recoverConsole(console);
        @SuppressWarnings("unchecked")
        JList<Scenario> list = (JList<Scenario>) console.list("scenarioList").target();
        int index = GuiActionRunner.execute(() -> {
            for (int i = 0; i < list.getModel().getSize(); i++) {
                if (list.getModel().getElementAt(i).id().equals(s.id())) {
                    return i;
                }
            }
            return -1;
        });
        assertThat(index).as("scenario %s listed", s.id()).isNotNegative();
        console.list("scenarioList").selectItem(index);
        String trainee = runs.incrementAndGet() % 2 == 0 ? "teller02" : "teller01";
        console.comboBox("traineeBox").selectItem(trainee);
        JLabel status = named(console, "runStatus", JLabel.class);
        console.button("startScenario").click();
        awaitOnEdt("wizard open", () -> showing(console, "renewalWizard") || openDialog() != null);
        JDialog error = GuiActionRunner.execute(ScenarioTrainingGuiTest::openDialog);
        assertThat(error).as("no dialog instead of the wizard: %s", error == null ? "" : texts(error)).isNull();
        String said = GuiActionRunner.execute(status::getText);
        Matcher m = PRESENTED.matcher(said);
        assertThat(m.find()).as("the console tells what the customer presents: %s", said).isTrue();
        return new Trainee(console, s, correct, m.group(1), m.group(2), m.group(3));
    }

    /** After a failed handling the wizard may still be open: go back to the console so the next one can run. */
    private void recoverConsole(FrameFixture console) {
        for (Window w : GuiActionRunner.execute(Window::getWindows)) {
            if (w instanceof JDialog d && d.isShowing()) {
                GuiActionRunner.execute(d::dispose);
            }
        }
        boolean home = GuiActionRunner.execute(() -> showing(console, "trainerPanel"));
        if (!home) {
            GuiActionRunner.execute(() -> ((bank.ushield.teller.shell.ShellContext) console.target()).showHome());
            awaitScore(console);
        }
    }

    private List<String> awaitScore(FrameFixture console) {
        JLabel status = named(console, "runStatus", JLabel.class);
        awaitOnEdt("score shown", () -> status.getText().startsWith("评分完成"));
        @SuppressWarnings("unchecked")
        JList<Object> lines = (JList<Object>) console.list("scoreLines").target();
        return GuiActionRunner.execute(() -> {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < lines.getModel().getSize(); i++) {
                Object line = lines.getModel().getElementAt(i);
                java.awt.Component c = lines.getCellRenderer().getListCellRendererComponent(lines, line, i, false,
                        false);
                // The shown line, without the HTML that wraps it to the list's width.
                all.add(((JLabel) c).getText().replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&amp;", "&"));
            }
            return all;
        });
    }

    // ---- the trainee at the wizard ----

    /**
     * The wrong handling of a scenario, chosen from its expected steps (so a trainer's file in the same format gets
     * the same mistake): the mistakes trainees really make there, each scored as a failure naming the missed step.
     */
    enum Mistake {
        /** The trainee gives up once the customer is identified (any scenario without a more telling mistake). */
        GIVES_UP_EARLY,
        /** Within the self-service window: fetches a manager to push a counter renewal through, and renews. */
        FORCES_A_COUNTER_RENEWAL,
        /** Another person's card: does not notice, tries the same card again, then lets the customer go unadvised. */
        GOES_ON_WITH_THE_REFUSED_CARD,
        /** The token check shows the locked PIN; the trainee closes the case as "customer withdrew", no unlock advice. */
        SENDS_THE_CUSTOMER_AWAY_UNADVISED;

        static Mistake of(Scenario s) {
            List<HandlingStep> required = s.expected().required();
            if (required.contains(HandlingStep.SELF_SERVICE_ADVISED)) {
                return FORCES_A_COUNTER_RENEWAL;
            }
            if (required.contains(HandlingStep.OWN_CARD_REQUESTED)) {
                return GOES_ON_WITH_THE_REFUSED_CARD;
            }
            if (required.contains(HandlingStep.PIN_UNLOCK_ADVISED)) {
                return SENDS_THE_CUSTOMER_AWAY_UNADVISED;
            }
            return GIVES_UP_EARLY;
        }

        /** The score names the step this mistake misses (and what it should not have done), with the hint. */
        void assertScored(Scenario s, List<String> missed) {
            switch (this) {
                case FORCES_A_COUNTER_RENEWAL -> {
                    assertMissed(s, missed, "遗漏：", HandlingStep.SELF_SERVICE_ADVISED);
                    assertMissed(s, missed, "不应出现：", HandlingStep.MANAGER_OVERRIDE);
                    assertMissed(s, missed, "不应出现：", HandlingStep.KEY_GENERATED);
                    assertThat(missed).anyMatch(l -> l.contains("业务结果应为"));
                }
                case GOES_ON_WITH_THE_REFUSED_CARD -> {
                    // the check refused the card (that point is met); the trainee's own decision is what is missed
                    assertThat(missed).hasSize(1);
                    assertMissed(s, missed, "遗漏：", HandlingStep.OWN_CARD_REQUESTED);
                }
                case SENDS_THE_CUSTOMER_AWAY_UNADVISED -> {
                    assertThat(missed).hasSize(1);
                    assertMissed(s, missed, "遗漏：", HandlingStep.PIN_UNLOCK_ADVISED);
                }
                case GIVES_UP_EARLY -> {
                    // covered by the general checks: something required is missed, with the scenario's hint
                }
            }
        }

        private static void assertMissed(Scenario s, List<String> missed, String how, HandlingStep step) {
            String hint = s.expected().hints().containsKey(step)
                    ? s.expected().hints().get(step).in(Locale.SIMPLIFIED_CHINESE) : "";
            assertThat(missed).as("%s%s in %s", how, step, s.id())
                    .anyMatch(l -> l.contains(how + stepName(step)) && l.contains(hint));
        }
    }

    /** A trainee working the wizard as the scenario's correct handling says, or giving up early (the wrong one). */
    private final class Trainee {
        final FrameFixture frame;
        final WizardDriver w;
        final Scenario s;
        final boolean correct;
        final Mistake mistake;
        final String idNumber;
        final String cardNumber;
        final String tokenSerial;
        int pinPrompts;
        int cardRefusals;
        boolean tokenPulled;
        boolean voucherMistyped;
        long mistypedCase;

        Trainee(FrameFixture frame, Scenario s, boolean correct, String idNumber, String cardNumber,
                String tokenSerial) {
            this.frame = frame;
            this.w = new WizardDriver(ScenarioTrainingGuiTest.this, robot, frame);
            this.s = s;
            this.correct = correct;
            this.mistake = correct ? null : Mistake.of(s);
            this.idNumber = idNumber;
            this.cardNumber = cardNumber;
            this.tokenSerial = tokenSerial;
        }

        void runWizard() {
            // Clicks, not keys, once a dialog has been up: bare Xvfb leaves no focus owner after a modal dialog.
            type("customerQuery", idNumber);
            w.next();
            w.awaitStep(WizardStep.ID_DOCUMENT);
            // The ID card on the (simulated) reader fills the fields, as at a real counter.
            frame.button("idRead").click();
            awaitOnEdt("ID card read", () -> idNumber.equals(frame.textBox("idNumber").target().getText()));
            w.next();
            for (int moves = 0; moves < 30; moves++) {
                w.awaitIdle();
                WizardStep step = w.model().viewStep();
                if (step == WizardStep.RECEIPT) {
                    awaitOnEdt("receipt made", () -> w.model().receipt() != null);
                    frame.button("receiptDone").click();
                    return;
                }
                Trouble trouble = w.model().trouble();
                if (trouble != null) {
                    handle(trouble);
                    continue;
                }
                if (mistake == Mistake.GIVES_UP_EARLY && step.compareTo(WizardStep.ID_DOCUMENT) > 0) {
                    // The wrong handling: the trainee gives up once the customer is identified.
                    abort(AbortReason.CUSTOMER_WITHDREW);
                    continue;
                }
                switch (step) {
                    case BANK_CARD -> {
                        type("cardNumber", cardNumber);
                        w.next();
                    }
                    case TOKEN -> {
                        frame.button("tokenDetect").click();
                        w.awaitIdle();
                        frame.label("tokenSerial").requireText(tokenSerial);
                        // the trainee reads the media voucher number off the (simulated) token's label and types it
                        String printed = w.model().printedVoucher();
                        assertThat(printed).as("voucher on the training token's label").isNotNull();
                        boolean retyping = correct && !voucherMistyped
                                && s.expected().required().contains(HandlingStep.TOKEN_ACCEPTED);
                        if (retyping) {
                            mistypeTheVoucherOnce(printed);
                        }
                        frame.textBox("tokenVoucher").click();
                        frame.textBox("tokenVoucher").deleteText().enterText(printed);
                        if (retyping || w.model().trouble() == null) {
                            w.next();
                        }
                    }
                    case REPERSONALISE, INSTALL -> {
                        w.next();
                        answerPins();
                    }
                    case HEAD_OFFICE -> w.next();
                    default -> throw new AssertionError("unexpected wizard step " + step + " in " + s.id());
                }
            }
            throw new AssertionError("the wizard did not finish scenario " + s.id());
        }

        /**
         * A slip of the finger in the voucher number: the check says so (TOKEN_VOUCHER_MISMATCH), the trainee types it
         * again and goes on. It must not cost a point: the score shows it as a corrected typo, not a refused token.
         */
        private void mistypeTheVoucherOnce(String printed) {
            voucherMistyped = true;
            String typo = printed.substring(0, 9) + (char) ('0' + (printed.charAt(9) - '0' + 1) % 10);
            frame.textBox("tokenVoucher").click();
            frame.textBox("tokenVoucher").deleteText().enterText(typo);
            w.next();
            awaitOnEdt("voucher refused", () -> !w.model().busy() && w.model().trouble() != null);
            assertThat(w.model().trouble().problem().code()).isEqualTo("renewal.TOKEN_VOUCHER_MISMATCH");
            assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.CARD_VERIFIED);
            mistypedCase = w.model().renewalCase().id();
            w.shot("wizard-token-voucher-mistyped");
        }

        /** What a trainee who knows the scenario does about a refused or held step. */
        private void handle(Trouble t) {
            String code = t.problem().code();
            if (!correct) {
                makeTheMistake(t);
            } else if (t.managerMayAuthorise() && (s.expected().required().contains(HandlingStep.MANAGER_OVERRIDE)
                    || "ONLINE_UNAVAILABLE".equals(t.exceptionCode()))) {
                fetchTheManager();
            } else if (code.endsWith(".ONLINE_UNAVAILABLE")) {
                // 联网核查 did not answer: the trainee tries again (a second outage asks for the manager)
                w.next();
            } else if (code.endsWith("TOKEN_REMOVED")) {
                List<String> last = fixture.workstation().database().jdbi()
                        .withHandle(h -> h.createQuery("SELECT event_type || ' ' || details FROM audit_entry "
                                + "ORDER BY seq DESC LIMIT 6").mapTo(String.class).list());
                assertThat(tokenPulled).as("token pulled again: %s", String.valueOf(last)).isFalse();
                assertFaultFiredAtTheCertificateWrite(t);
                // The customer puts the token back; the trainee carries on (Enter retries the step).
                frame.button("simulatedReinsert").click();
                w.awaitIdle();
                w.shot("wizard-token-put-back");
                tokenPulled = true;
                w.next();
                answerPins();
            } else {
                abort(reasonFor(t));
            }
        }

        private void fetchTheManager() {
            frame.button("troubleManager").click();
            DialogFixture d = dialog("managerDialog");
            d.textBox("managerLogin").enterText("manager01");
            d.textBox("managerPassword").enterText("train-1234");
            d.textBox("managerReason").enterText("联网核查线路故障，已核对证件原件");
            d.button("managerOk").click();
            awaitOnEdt("manager dialog closed", () -> !d.target().isShowing());
        }

        /** What the scenario's mistake does about a refused or held step. */
        private void makeTheMistake(Trouble t) {
            String code = t.problem().code();
            if (mistake == Mistake.FORCES_A_COUNTER_RENEWAL && t.managerMayAuthorise()) {
                // "The customer is here now": a manager is fetched to renew at the counter anyway.
                fetchTheManager();
            } else if (mistake == Mistake.GOES_ON_WITH_THE_REFUSED_CARD && code.endsWith("CARD_CHECK_FAILED")
                    && cardRefusals++ == 0) {
                // Not noticing whose card it is, the trainee just tries the same card again (Enter).
                assertThat(w.model().viewStep()).isEqualTo(WizardStep.BANK_CARD);
                long caseId = w.model().renewalCase().id();
                w.next();
                awaitOnEdt("card refused again", () -> !w.model().busy() && w.model().trouble() != null
                        && failedCardChecks(caseId) == 2);
                w.shot("wizard-card-refused-again");
            } else {
                abort(AbortReason.CUSTOMER_WITHDREW);
            }
        }

        private int failedCardChecks(long caseId) {
            return fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT count(*) FROM audit_entry WHERE event_type = 'CHECK_FAILED' AND case_id = :c "
                                    + "AND json_extract(details, '$.check') = 'CARD'")
                    .bind("c", caseId).mapTo(Integer.class).one());
        }

        private AbortReason reasonFor(Trouble t) {
            String code = t.problem().code();
            if (code.endsWith("SELF_SERVICE_AVAILABLE") || "SELF_SERVICE_AVAILABLE".equals(t.exceptionCode())) {
                // The failure panel tells the teller to advise self-service, not to fetch a manager.
                assertThat(t.problem().problem()).contains("自助更新期");
                assertThat(t.problem().nextStep()).startsWith("引导客户自助更新");
                w.shot("wizard-self-service-advised");
                return AbortReason.SELF_SERVICE_ADVISED;
            }
            if (code.endsWith(".PIN_LOCKED")) {
                // The token check itself says the PIN is locked, with what to tell the customer and what to do.
                assertThat(w.model().viewStep()).isEqualTo(WizardStep.TOKEN);
                assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.CARD_VERIFIED);
                assertThat(frame.label("tokenPin").text()).contains("已锁定");
                assertThat(t.problem().problem()).contains("密码已锁定");
                assertThat(t.problem().tellCustomer()).contains("解锁");
                assertThat(t.problem().nextStep()).contains("密码锁定");
                w.shot("wizard-token-pin-locked");
            }
            if (code.endsWith(".ONLINE_NAME_MISMATCH") || code.endsWith(".ONLINE_NOT_FOUND")
                    || code.endsWith(".ONLINE_DOCUMENT_INVALID")) {
                return AbortReason.ID_CHECK_FAILED; // a definite no from 联网核查 stops the case
            }
            for (AbortReason r : AbortReason.values()) {
                if (code.endsWith("." + r.name())) {
                    return r;
                }
            }
            throw new AssertionError("no handling for " + code + " in " + s.id());
        }

        private void assertFaultFiredAtTheCertificateWrite(Trouble t) {
            ScenarioFault fault = s.fault(ScenarioFault.Kind.TOKEN_REMOVED).orElseThrow(
                    () -> new AssertionError("token removed without a fault in " + s.id()));
            if ("CERTIFICATE_WRITE".equals(fault.step())) {
                // Key made and head office answered: the pull came in the install step, at the write.
                assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.CERT_RECEIVED);
                String details = fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT details FROM audit_entry WHERE event_type = 'TOKEN_ERROR' "
                                + "ORDER BY seq DESC").mapTo(String.class).first());
                assertThat(details).contains("\"install\"").contains("TOKEN_REMOVED");
                assertThat(t.problem().problem()).contains("写入新证书");
                assertThat(fixture.world().tokens().presentTokens()).as("token out of the reader").isEmpty();
                // The install step's first part (the certificate write) is the one that failed.
                assertThat(w.model().activities().get(0).status())
                        .isEqualTo(bank.ushield.teller.wizard.Activity.Status.FAILED);
                w.shot("wizard-token-pulled-during-write");
            }
        }

        /** Answers the customer's PIN dialogs until the step's work is done: wrong first, as the scenario says. */
        private void answerPins() {
            int wrong = s.fault(ScenarioFault.Kind.WRONG_PIN).map(f -> Math.max(1, f.count())).orElse(0);
            while (true) {
                awaitOnEdt("PIN dialog or step done", () -> pinDialog() != null || !w.model().busy());
                JDialog d = GuiActionRunner.execute(ScenarioTrainingGuiTest::pinDialog);
                if (d == null) {
                    return;
                }
                DialogFixture pin = new DialogFixture(robot, d);
                String typed = pinPrompts++ < wrong ? WRONG_PIN : TrainingWorld.TOKEN_PIN;
                pin.textBox("pinField").enterText(typed);
                pin.textBox("pinField").pressAndReleaseKeys(KeyEvent.VK_ENTER);
                awaitOnEdt("PIN dialog answered", () -> !d.isShowing());
            }
        }

        private void type(String field, String text) {
            frame.textBox(field).click();
            frame.textBox(field).enterText(text);
        }

        private void abort(AbortReason reason) {
            if (w.model().trouble() != null) {
                frame.button("troubleAbort").click();
            } else {
                // F9 from the step's field (the wizard shows the close button only with a failure)
                frame.textBox("cardNumber").click();
                frame.textBox("cardNumber").pressAndReleaseKeys(KeyEvent.VK_F9);
            }
            JOptionPaneFixture pane = JOptionPaneFinder.findOptionPane().withTimeout(30_000).using(robot);
            if (correct) {
                // The dialog suggests the reason the failure stands for.
                assertThat(GuiActionRunner.execute(() -> ((javax.swing.JComboBox<?>) pane.comboBox("abortReason")
                        .target()).getSelectedIndex())).as("suggested reason").isEqualTo(reason.ordinal());
            }
            pane.comboBox("abortReason").selectItem(reason.ordinal());
            assertThat(GuiActionRunner.execute(() -> ((javax.swing.JComboBox<?>) pane.comboBox("abortReason")
                    .target()).getSelectedIndex())).isEqualTo(reason.ordinal());
            // A click bare Xvfb loses on this just-packed dialog is repeated by GuiTest's robot (LostClickGuard).
            pane.okButton().click();
            awaitOnEdt("case closed", () -> w.model().renewalCase().state() == CaseState.ABORTED);
            w.awaitIdle();
        }
    }

    /** A component by name, shown or not (the console is hidden while the trainee works). */
    private <T extends java.awt.Component> T named(FrameFixture frame, String name, Class<T> type) {
        return robot.finder().findByName(frame.target(), name, type, false);
    }

    /** True when a component of that name is on screen now; on the EDT. */
    private static boolean showing(FrameFixture frame, String name) {
        return showing(frame.target(), name);
    }

    private static boolean showing(java.awt.Component c, String name) {
        if (name.equals(c.getName()) && c.isShowing()) {
            return true;
        }
        if (c instanceof java.awt.Container container) {
            for (java.awt.Component child : container.getComponents()) {
                if (showing(child, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JDialog openDialog() {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && d.isShowing()) {
                return d;
            }
        }
        return null;
    }

    /** The texts in a dialog, to say in a failure what it showed. */
    private static String texts(java.awt.Container c) {
        StringBuilder b = new StringBuilder();
        GuiActionRunner.execute(() -> collect(c, b));
        return b.toString();
    }

    private static void collect(java.awt.Component c, StringBuilder b) {
        if (c instanceof JLabel l) {
            b.append(l.getText()).append(" | ");
        } else if (c instanceof javax.swing.text.JTextComponent t) {
            b.append(t.getText()).append(" | ");
        }
        if (c instanceof java.awt.Container container) {
            for (java.awt.Component child : container.getComponents()) {
                collect(child, b);
            }
        }
    }

    private static JDialog pinDialog() {
        for (Window w : Window.getWindows()) {
            if (w instanceof JDialog d && "pinDialog".equals(d.getName()) && d.isShowing()) {
                return d;
            }
        }
        return null;
    }

    /** A trainer's own scenario: another customer's card, in the built-in files' format. */
    private static final String TRAINER_SCENARIO = """
            {
              "id": "spouse-card",
              "title": {"zh_CN": "客户拿来配偶的银行卡", "en": "Customer brings the spouse's bank card"},
              "briefing": {"zh_CN": "客户何平拿来了妻子的银行卡。", "en": "He Ping hands over his wife's bank card."},
              "customer": {"name": "何平", "idType": "RESIDENT_ID", "idNumber": "110101198202023019",
                           "idValidToDays": 1200, "cardNumber": "6222020200110133331", "phone": "13000008888"},
              "token": {"serial": "TRN0000000010", "mediaVoucherNo": "1000000010", "certificateExpiredDays": 60,
                        "belongsToCustomer": true, "pin": "12345678"},
              "presentedCardNumber": "6222020200110144442",
              "faults": [],
              "expected": {
                "finalStates": ["ABORTED"],
                "required": ["CARD_REJECTED", "OWN_CARD_REQUESTED"],
                "forbidden": ["KEY_GENERATED", "CASE_COMPLETED"],
                "hints": {
                  "CARD_REJECTED": {"zh_CN": "只能用客户本人的银行卡核验，配偶的卡也不行。",
                                    "en": "Only the customer's own card will do, not the spouse's."},
                  "OWN_CARD_REQUESTED": {"zh_CN": "请客户带本人的银行卡再来。",
                                         "en": "Ask the customer to come back with their own card."}
                }
              }
            }
            """;
}
