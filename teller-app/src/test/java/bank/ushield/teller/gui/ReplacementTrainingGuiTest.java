package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.CaseState;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.ReplacementReason;
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
 * A faulty token replaced from the teller's box through the real windows in training mode, by keyboard: Alt+R with
 * the reason, F4 puts a free blank into the simulated reader, the voucher from its label, the customer's new PIN twice
 * and the renewal's steps, the old token asked for in words, then the receipt. Screenshots in both languages
 * (ADR 0077).
 */
class ReplacementTrainingGuiTest extends GuiTest {

    static final String NEW_PIN = "86429753";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Language.class)
    void aFaultyTokenIsReplacedFromTheBoxByKeyboard(Language language) {
        Texts.setLanguage(language);
        String lang = language.name().toLowerCase(java.util.Locale.ROOT);
        try (TrainingFixture fixture = TrainingFixture.create(dir, Clock.systemUTC())) {
            TrainingCustomer c = fixture.expired45();
            DomainWiring wiring = DomainWiring.of(fixture.workstation(), Clock.systemUTC());
            WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir),
                    Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(),
                    Clock.systemUTC());
            wiring.readers().stage(fixture.data());
            GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
            FrameFixture login = frame("loginFrame");
            login.textBox("loginUser").enterText(TrainingWorld.TRAINING_TELLER);
            login.textBox("loginPassword").enterText("train-1234");
            login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            FrameFixture f = frame("workstationFrame");
            f.panel("tellerHome").requireVisible();
            f.pressAndReleaseKeys(KeyEvent.VK_F2);
            WizardDriver w = new WizardDriver(this, robot, f);
            w.toTokenStep(c);

            // Alt+R: the reason in words; Enter takes the first one (faulty).
            f.textBox("tokenVoucher").focus();
            robot.pressKey(KeyEvent.VK_ALT);
            robot.pressAndReleaseKeys(KeyEvent.VK_R);
            robot.releaseKey(KeyEvent.VK_ALT);
            JOptionPaneFixture pane = JOptionPaneFinder.findOptionPane().withTimeout(30_000).using(robot);
            Screenshots.take(javax.swing.SwingUtilities.getWindowAncestor(pane.target()), "replace-01-reason-" + lang);
            robot.pressAndReleaseKeys(KeyEvent.VK_ENTER);
            awaitOnEdt("replacement chosen", () -> w.model().replacing() == ReplacementReason.FAULTY);
            w.awaitIdle();
            // bare Xvfb has no window manager to give the frame its focus back after the dialog
            f.textBox("tokenVoucher").focus();
            f.pressAndReleaseKeys(KeyEvent.VK_F4);
            w.awaitIdle();
            String blank = TrainingWorld.blankSerial(1);
            f.label("tokenSerial").requireText(blank);
            assertThat(f.label("tokenPrintedVoucher").target().getText()).contains(TrainingWorld.blankVoucher(1));
            f.textBox("tokenVoucher").enterText(TrainingWorld.blankVoucher(1));
            w.shot("replace-02-new-token-" + lang);
            w.enter();
            w.awaitStep(WizardStep.REPERSONALISE);

            w.enter();
            var choose = dialog("pinDialog");
            choose.label("pinHeading").requireText(Texts.of(bank.ushield.teller.pin.PinDialog.class, "Pin")
                    .get("Pin.heading.chooseNew"));
            Screenshots.take(choose.target(), "replace-03-choose-pin-" + lang);
            w.pin(NEW_PIN);
            w.pin(NEW_PIN); // again, to confirm
            w.pin(NEW_PIN); // the key step logs in with it
            w.awaitStep(WizardStep.HEAD_OFFICE);
            w.next();
            w.awaitStep(WizardStep.INSTALL);
            w.next();
            // one PIN per visit (ADR 0074): install and self-test use the key step's login on the new token
            awaitOnEdt("old token asked for", () -> !w.model().busy() && w.model().trouble() != null);
            assertThat(w.model().trouble().renewalCode()).isEqualTo(ProblemCode.OLD_TOKEN_ABSENT);
            f.button("oldTokenNotAnswering").requireVisible();
            w.shot("replace-04-old-token-" + lang);
            fixture.world().insert(c.tokenSerial());
            w.next();
            w.awaitStep(WizardStep.RECEIPT);
            awaitOnEdt("receipt shown", () -> w.model().receipt() != null);
            w.shot("replace-05-receipt-" + lang);
            assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.COMPLETED);
            assertThat(w.model().receipt().receipt().tokenSerial()).isEqualTo(blank);
            assertThat(AuditVerifier.verify(fixture.workstation().database()).ok()).isTrue();
            GuiActionRunner.execute(() -> f.target().dispose());
        } finally {
            Texts.setLanguage(Language.CHINESE);
        }
    }
}
