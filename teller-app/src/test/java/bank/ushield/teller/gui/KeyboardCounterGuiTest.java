package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.AWTEvent;
import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.Toolkit;
import java.awt.event.AWTEventListener;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import javax.swing.JPasswordField;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CaseState;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.wizard.TrainingFixture;
import bank.ushield.teller.wizard.WizardStep;

/**
 * A teller at a 1366x768 counter screen serves customers by keyboard alone: no mouse event from the first key of
 * the case to the home screen after the receipt, the focus where the teller types after every step, and exactly one
 * PIN dialog per visit.
 */
class KeyboardCounterGuiTest extends GuiTest {

    @TempDir
    static Path dir;
    static TrainingFixture fixture;

    private Language language = Language.CHINESE;
    private final AtomicInteger mouseEvents = new AtomicInteger();
    private final AtomicInteger pinDialogs = new AtomicInteger();
    private final AWTEventListener counter = e -> {
        if (e instanceof MouseEvent m && m.getID() == MouseEvent.MOUSE_PRESSED) {
            mouseEvents.incrementAndGet();
        } else if (e instanceof WindowEvent w && w.getID() == WindowEvent.WINDOW_OPENED
                && "pinDialog".equals(w.getWindow().getName())) {
            pinDialogs.incrementAndGet();
        }
    };

    @BeforeAll
    static void training() {
        fixture = TrainingFixture.create(dir, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @BeforeEach
    void count() {
        Toolkit.getDefaultToolkit().addAWTEventListener(counter, AWTEvent.MOUSE_EVENT_MASK | AWTEvent.WINDOW_EVENT_MASK);
    }

    @AfterEach
    void stopCounting() {
        Toolkit.getDefaultToolkit().removeAWTEventListener(counter);
        Texts.setLanguage(Language.CHINESE);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Language.class)
    void servesA45DayCustomerFromSearchToReceiptByKeyboardAlone(Language language, @TempDir Path own) {
        Texts.setLanguage(language);
        this.language = language;
        // Its own training workstation per language: the training data has one customer expired 45 days ago.
        try (TrainingFixture fx = TrainingFixture.create(own, Clock.systemUTC())) {
            servesA45DayCustomer(fx, own);
        }
    }

    private void servesA45DayCustomer(TrainingFixture fx, Path home) {
        TrainingCustomer c = fx.expired45();
        FrameFixture f = loginAtCounterSize(fx, home, "teller01");
        mouseEvents.set(0);
        key(KeyEvent.VK_F2);
        requireFocus("customerQuery");
        shot(f, "keyboard-01-customer");
        type(c.customerNo());
        key(KeyEvent.VK_ENTER);
        WizardDriver w = new WizardDriver(this, robot, f);
        w.awaitStep(WizardStep.ID_DOCUMENT);
        requireFocus("idNumber");
        typeDocument(c);
        shot(f, "keyboard-02-id-document");
        key(KeyEvent.VK_ENTER);
        w.awaitStep(WizardStep.BANK_CARD);
        requireFocus("cardNumber");
        type(TrainingFixture.onlineCard(c));
        key(KeyEvent.VK_ENTER);
        w.awaitStep(WizardStep.TOKEN);
        requireFocus("tokenVoucher");
        // training: F4 puts the customer's token into the simulated reader; the focus stays in the voucher field
        key(KeyEvent.VK_F4);
        w.awaitIdle();
        awaitOnEdt("token read", () -> w.model().token() != null);
        requireFocus("tokenVoucher");
        assertThat(f.label("tokenExpiry").target().getText()).as("days since expiry as the verdict counts them")
                .contains("45");
        type(c.mediaVoucherNo());
        shot(f, "keyboard-03-token");
        key(KeyEvent.VK_ENTER);
        w.awaitStep(WizardStep.REPERSONALISE);
        requireFocus("renewalWizard");
        shot(f, "keyboard-04-repersonalise");
        key(KeyEvent.VK_ENTER);
        pin();
        w.awaitStep(WizardStep.HEAD_OFFICE);
        requireFocus("renewalWizard");
        shot(f, "keyboard-05-head-office");
        key(KeyEvent.VK_ENTER);
        w.awaitStep(WizardStep.INSTALL);
        requireFocus("renewalWizard");
        key(KeyEvent.VK_ENTER);
        // one PIN per visit (ADR 0074): install and self-test use the session logged in at the key step
        w.awaitStep(WizardStep.RECEIPT);
        awaitOnEdt("receipt shown", () -> w.model().receipt() != null);
        requireFocus("renewalWizard");
        shot(f, "keyboard-06-receipt");
        assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        // F6 does not apply on the receipt: the status line says why
        key(KeyEvent.VK_F6);
        awaitOnEdt("status says why", () -> !f.label("statusBar").target().getText().isBlank());
        key(KeyEvent.VK_ENTER);
        awaitOnEdt("home again", () -> f.panel("tellerHome").target().isShowing());
        assertThat(pinDialogs.get()).as("PIN dialogs in one visit").isEqualTo(1);
        assertThat(mouseEvents.get()).as("mouse presses").isZero();
    }

    @Test
    void aCardNumberWithACheckDigitTypoIsCorrectedInPlace() {
        TrainingCustomer c = fixture.data().plainExpiredBy(400).findFirst().orElseThrow();
        FrameFixture f = loginAtCounterSize(fixture, dir, "teller02");
        mouseEvents.set(0);
        key(KeyEvent.VK_F2);
        requireFocus("customerQuery");
        type(c.customerNo());
        key(KeyEvent.VK_ENTER);
        WizardDriver w = new WizardDriver(this, robot, f);
        w.awaitStep(WizardStep.ID_DOCUMENT);
        typeDocument(c);
        key(KeyEvent.VK_ENTER);
        w.awaitStep(WizardStep.BANK_CARD);
        String pan = TrainingFixture.onlineCard(c);
        char last = pan.charAt(pan.length() - 1);
        char wrong = (char) ('0' + (last - '0' + 1) % 10);
        type(pan.substring(0, pan.length() - 1) + wrong);
        JPasswordField field = (JPasswordField) f.textBox("cardNumber").target();
        assertThat(GuiActionRunner.execute(() -> (int) field.getEchoChar())).as("shown while typed").isZero();
        key(KeyEvent.VK_ENTER);
        w.awaitIdle();
        awaitOnEdt("refused", () -> w.model().trouble() != null);
        assertThat(w.model().trouble().problem().code()).isEqualTo("renewal.CARD_MISTYPED");
        assertThat(f.label("troubleTitle").target().getText()).contains("卡号输入有误");
        requireFocus("cardNumber");
        assertThat(GuiActionRunner.execute(() -> (int) field.getEchoChar())).as("visible to correct").isZero();
        shot(f, "keyboard-07-card-typo");
        // corrected in place: the wrong last digit out, the right one in
        key(KeyEvent.VK_END);
        key(KeyEvent.VK_BACK_SPACE);
        type(String.valueOf(last));
        key(KeyEvent.VK_ENTER);
        w.awaitStep(WizardStep.TOKEN);
        requireFocus("tokenVoucher");
        assertThat(GuiActionRunner.execute(() -> (int) field.getEchoChar())).as("masked afterwards").isNotZero();
        // Esc back to the card step: the step looked at shows no failure
        key(KeyEvent.VK_ESCAPE);
        w.awaitStep(WizardStep.BANK_CARD);
        awaitOnEdt("no trouble shown", () -> org.assertj.swing.core.BasicComponentFinder.finderWithCurrentAwtHierarchy()
                .findAll(f.target(), comp -> "troublePanel".equals(comp.getName()) && comp.isShowing()).isEmpty());
        // F12 locks: the lock screen covers the whole window below the banner; unlocking brings the focus back
        key(KeyEvent.VK_F12);
        requireFocus("lockPassword");
        javax.swing.JComponent lock = (javax.swing.JComponent) f.panel("lockPanel").target();
        assertThat(GuiActionRunner.execute(() -> (int) javax.swing.SwingUtilities.convertRectangle(lock.getParent(),
                lock.getBounds(), ((javax.swing.JFrame) f.target()).getContentPane()).getMaxY()))
                .as("lock screen reaches the window's bottom (less the status line)")
                .isGreaterThanOrEqualTo(GuiActionRunner.execute(() -> ((javax.swing.JFrame) f.target()).getContentPane().getHeight()
                        - f.label("statusBar").target().getHeight() - 2));
        shot(f, "keyboard-08-locked");
        type("train-1234");
        key(KeyEvent.VK_ENTER);
        requireFocus("renewalWizard");
        assertThat(mouseEvents.get()).as("mouse presses").isZero();
    }

    /**
     * A trainee finds the training PIN and which customer fits which path from the home (F1), by keyboard, in both
     * languages: the 45-day customer is a counter renewal, the 10-day one renews online, the expired ID card needs a
     * manager; Esc closes and the home has the focus again.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Language.class)
    void theTrainingGuideOpensWithF1(Language language, @TempDir Path own) {
        Texts.setLanguage(language);
        this.language = language;
        // The trainer assigned a scenario to teller01 (stored): the trainee's home lists it.
        bank.ushield.renewal.training.ScenarioTrainingDesk desk = new bank.ushield.renewal.training.ScenarioTrainingDesk(
                fixture.workstation(), own.resolve("scenarios"), Clock.systemUTC(), () -> { });
        desk.assign("wrong-pin-twice", "teller01", "trainer01");
        String title = desk.scenarios().get("wrong-pin-twice").title().in(language.locale());
        FrameFixture f = loginAtCounterSize(fixture, own, "teller01");
        awaitOnEdt("assigned scenario listed", () -> f.label("homeAssigned").target().getText().contains(title));
        mouseEvents.set(0);
        key(KeyEvent.VK_F1);
        org.assertj.swing.fixture.DialogFixture d = dialog("trainingGuide");
        awaitOnEdt("guide showing", () -> d.target().isShowing());
        requireFocus("guideCustomers");
        assertThat(d.label("guidePin").target().getText()).contains(TrainingWorld.TOKEN_PIN);
        assertThat(d.label("guideAssigned").target().getText()).contains(title);
        javax.swing.JTable table = (javax.swing.JTable) d.table("guideCustomers").target();
        Texts home = Texts.named("bank.ushield.teller.home.Home");
        java.util.function.Function<String, String> pathOf = customerNo -> GuiActionRunner.execute(() -> {
            for (int row = 0; row < table.getRowCount(); row++) {
                if (customerNo.equals(table.getValueAt(row, 1))) {
                    return (String) table.getValueAt(row, 0);
                }
            }
            return null;
        });
        assertThat(pathOf.apply(fixture.expired45().customerNo())).isEqualTo(home.get("Guide.path.COUNTER_RENEWAL"));
        assertThat(pathOf.apply(fixture.data().plainExpiredBy(10).findFirst().orElseThrow().customerNo()))
                .isEqualTo(home.get("Guide.path.SELF_SERVICE"));
        assertThat(pathOf.apply(fixture.data().withEdge(bank.ushield.db.TrainingEdge.ID_CARD_EXPIRED).orElseThrow()
                .customerNo())).isEqualTo(home.get("Guide.path.ID_EXPIRED"));
        assertThat(pathOf.apply(fixture.data().withEdge(bank.ushield.db.TrainingEdge.TOKEN_LOST).orElseThrow()
                .customerNo())).isEqualTo(home.get("Guide.path.TOKEN_LOST"));
        robot.waitForIdle();
        Screenshots.take(d.target(), "training-guide-" + language.locale());
        key(KeyEvent.VK_ESCAPE);
        awaitOnEdt("guide closed", () -> !d.target().isShowing());
        awaitOnEdt("the home has the focus again", () -> {
            Component owner = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            return owner != null && java.util.Set.of("homeStart", "homePending").contains(owner.getName());
        });
        assertThat(mouseEvents.get()).as("mouse presses").isZero();
    }

    private FrameFixture loginAtCounterSize(TrainingFixture fixture, Path dir, String login) {
        Clock clock = Clock.systemUTC();
        DomainWiring wiring = DomainWiring.of(fixture.workstation(), clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir),
                Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        wiring.readers().stage(fixture.data());
        GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
        FrameFixture loginFrame = frame("loginFrame");
        loginFrame.textBox("loginUser").enterText(login);
        loginFrame.textBox("loginPassword").enterText("train-1234");
        loginFrame.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        FrameFixture f = frame("workstationFrame");
        f.panel("tellerHome").requireVisible();
        // A 1366x768 counter screen (when the test screen is larger, the window is given that size).
        GuiActionRunner.execute(() -> {
            java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getMaximumWindowBounds();
            f.target().setBounds(screen.x, screen.y, Math.min(1366, screen.width), Math.min(768, screen.height));
            f.target().validate();
        });
        robot.waitForIdle();
        awaitOnEdt("home has the focus", () -> f.target().isFocused()
                && KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner() != null);
        return f;
    }

    private void typeDocument(TrainingCustomer c) {
        type(c.idNumber());
        key(KeyEvent.VK_TAB);
        type(c.name());
        key(KeyEvent.VK_TAB);
        type(c.birthDate().toString());
        key(KeyEvent.VK_TAB);
        if (c.idValidFrom() != null) {
            type(c.idValidFrom().toString());
        }
        key(KeyEvent.VK_TAB);
        if (c.idValidTo() != null) {
            type(c.idValidTo().toString());
        } else {
            key(KeyEvent.VK_TAB);
            requireFocus("idLongTerm");
            key(KeyEvent.VK_SPACE);
        }
    }

    /** The customer types the PIN in the PIN dialog, which has the focus in its field. */
    private void pin() {
        org.assertj.swing.fixture.DialogFixture d = dialog("pinDialog");
        awaitOnEdt("PIN dialog showing", () -> d.target().isShowing());
        requireFocus("pinField");
        type(TrainingWorld.TOKEN_PIN);
        key(KeyEvent.VK_ENTER);
        awaitOnEdt("PIN dialog closed", () -> !d.target().isShowing());
    }

    private void type(String text) {
        robot.enterText(text);
    }

    private void key(int code) {
        robot.pressAndReleaseKey(code);
        robot.waitForIdle();
    }

    private static void requireFocus(String name) {
        awaitOnEdt("focus on " + name, () -> {
            Component owner = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            return owner != null && name.equals(owner.getName());
        });
    }

    private void shot(FrameFixture f, String name) {
        robot.waitForIdle();
        Screenshots.take(f.target(), name + "-" + language.locale());
    }
}
