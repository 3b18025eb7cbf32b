package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CaseState;
import bank.ushield.db.Database;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.PrivatePostgres;
import bank.ushield.teller.wizard.WizardStep;
import bank.ushield.token.KeyAlgorithm;

/**
 * The counter when the branch database goes away mid-case, through the real windows: the workstation (simulated
 * tokens, in-process head office) on a private PostgreSQL server that the test stops at the token step. The wizard
 * stays on the step and says the branch database cannot be reached and the step was not done, with what to tell
 * the customer; once the server is back the teller presses Enter again and the case goes on from where it was.
 */
class BranchServerRestartGuiTest extends GuiTest {

    @TempDir
    Path dir;

    @Test
    void theWizardSaysTheBranchDatabaseIsUnreachableAndTheStepGoesOnWhenItIsBack() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start(dir)) {
            String url = server.createDatabase("ushield_0102");
            Path folder = dir.resolve("ws");
            Clock clock = Clock.systemUTC();
            Database db = Database.open(BranchDatabaseSettings.of(url, server.user(), null,
                    TrainingDataGenerator.WORKSTATION_ID));
            TrainingData data = new TrainingDataGenerator(new Repositories(db, CardMatchingKey.forDataFolder(folder),
                    new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), clock)).generate(7, 12);
            TrainingCustomer c = data.plainExpiredBy(45).findFirst().orElseThrow();
            try (RenewalWorkstation renewal = RenewalWorkstation.withHeadOfficeSimulator(db, folder,
                    TrainingDataGenerator.WORKSTATION_ID, KeyAlgorithm.EC_P256, clock, null,
                    RenewalWorkstation.Hooks.NONE)) {
                DomainWiring wiring = DomainWiring.of(renewal, clock);
                WorkstationContext ws = new WorkstationContext(new AppPaths(folder, true), new SettingsStore(folder),
                        Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)),
                        wiring.staffAccess(), clock);
                wiring.readers().stage(data);
                GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
                FrameFixture login = frame("loginFrame");
                login.textBox("loginUser").enterText("teller01");
                login.textBox("loginPassword").enterText(TrainingDataGenerator.TRAINING_PASSWORD);
                login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
                FrameFixture f = frame("workstationFrame");
                f.pressAndReleaseKeys(KeyEvent.VK_F2);
                WizardDriver w = new WizardDriver(this, robot, f);
                w.toTokenStep(c);
                f.button("tokenSimulatedInsert").click();
                w.awaitIdle();
                f.label("tokenSerial").requireText(c.tokenSerial());
                f.textBox("tokenVoucher").enterText(c.mediaVoucherNo());
                long caseId = w.model().renewalCase().id();

                server.stop();
                w.enter();
                w.awaitIdle();
                f.panel("troublePanel").requireVisible();
                assertThat(w.model().trouble().problem().code()).isEqualTo("db.connectionLost");
                assertThat(f.label("troubleTitle").text()).contains("无法连接分行数据库：此步骤未完成");
                assertThat(f.label("troubleCustomer").text()).contains("您的更新业务不会丢失");
                assertThat(w.model().viewStep()).isEqualTo(WizardStep.TOKEN);
                w.shot("branch-wizard-server-stopped");

                server.start();
                assertThat(renewal.repositories().cases().find(caseId).orElseThrow().state())
                        .isEqualTo(CaseState.CARD_VERIFIED);
                // The same key again (Enter: "retry"): the step is done now, from where the case was.
                w.enter();
                w.awaitStep(WizardStep.REPERSONALISE);
                assertThat(w.model().trouble()).isNull();
                assertThat(renewal.repositories().cases().find(caseId).orElseThrow().state())
                        .isEqualTo(CaseState.TOKEN_VERIFIED);
                w.shot("branch-wizard-server-back");
            } finally {
                db.close();
            }
        }
    }
}
