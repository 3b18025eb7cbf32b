package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;

import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPasswordField;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.Database;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingData;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.renewal.CaseClaim;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.StaffMember;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.home.CaseSummary;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.wizard.WizardStep;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;
import bank.ushield.token.KeyAlgorithm;

/**
 * A case left claimed by a stopped counter, taken over at another through the real windows (ADR 0087): two
 * workstations on one PostgreSQL branch database; counter A opens a case and stops holding it (a crash: the claim
 * stays); counter B's teller sees in words that A serves it, since when and its last step, F3 asks for a manager's
 * authorisation by keyboard, a wrong password is refused in words (the field wiped), the right one moves the case to B
 * and the wizard resumes it there.
 */
@ExtendWith(PostgresExtension.class)
class CaseTakeOverGuiTest extends GuiTest {

    private static final String B = "9999-T02";

    @TempDir
    Path dir;

    @AfterEach
    void chineseAgain() {
        Texts.setLanguage(Language.CHINESE);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aCaseHeldAtAStoppedCounterIsTakenOverWithAManagersAuthorisation(Language language, PostgresDatabase pg)
            throws Exception {
        Texts.setLanguage(language);
        boolean zh = language == Language.CHINESE;
        String suffix = zh ? "zh" : "en";
        String url = pg.freshSchemaUrl();
        Clock clock = Clock.systemUTC();
        String a = TrainingDataGenerator.WORKSTATION_ID;
        Database dbA = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), a));
        Database dbB = Database.open(BranchDatabaseSettings.of(url, pg.user(), pg.password().toCharArray(), B));
        Path folderA = dir.resolve("a");
        Path folderB = dir.resolve("b");
        TrainingData data = new TrainingDataGenerator(new Repositories(dbA, CardMatchingKey.forDataFolder(folderA),
                new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), clock)).generate(7, 12);
        TrainingCustomer customer = data.plainExpiredBy(45).findFirst().orElseThrow();
        try (RenewalWorkstation atA = RenewalWorkstation.withHeadOfficeSimulator(dbA, folderA, a, KeyAlgorithm.EC_P256,
                clock, null, RenewalWorkstation.Hooks.NONE);
             RenewalWorkstation atB = RenewalWorkstation.withHeadOfficeSimulator(dbB, folderB, B, KeyAlgorithm.EC_P256,
                     clock, null, RenewalWorkstation.Hooks.NONE)) {
            // Counter A opens the case and stops in the middle (no endVisit): its claim stays.
            RenewalCase opened = atA.renewals(new StaffMember("teller01", "柜员 一", StaffMember.Role.TELLER))
                    .open(customer.customerNo());

            DomainWiring wiring = DomainWiring.of(atB, clock);
            WorkstationContext ws = new WorkstationContext(new AppPaths(folderB, true), new SettingsStore(folderB),
                    Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(),
                    clock);
            GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
            FrameFixture login = frame("loginFrame");
            login.textBox("loginUser").enterText("teller02");
            login.textBox("loginPassword").enterText(TrainingDataGenerator.TRAINING_PASSWORD);
            login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            FrameFixture f = frame("workstationFrame");
            GuiActionRunner.execute(() -> f.target().setBounds(0, 0, 1366, 768));
            robot.waitForIdle();

            // B's home lists the case, held at A, in words: who, since when, the last step.
            @SuppressWarnings("unchecked")
            JList<CaseSummary> pending = (JList<CaseSummary>) f.list("homePending").target();
            awaitOnEdt("the pending list read", () -> pending.getModel().getSize() == 1);
            CaseSummary held = GuiActionRunner.execute(() -> pending.getModel().getElementAt(0));
            assertThat(held.caseId()).isEqualTo(opened.id());
            String rendered = GuiActionRunner.execute(() -> ((JLabel) pending.getCellRenderer()
                    .getListCellRendererComponent(pending, held, 0, true, true)).getText());
            assertThat(rendered).contains(opened.caseNo(), a, "teller01")
                    .contains(zh ? "正在另一个柜台办理" : "At another counter")
                    .contains(zh ? "自 " : "since ").contains(zh ? "最后一步" : "last step")
                    .contains(CaseClaim.when(opened.updatedAt(), atB.parts().branchZone()).substring(0, 10));
            robot.waitForIdle();
            Screenshots.take(f.target(), "takeover-home-" + suffix);

            // F3 cannot resume it here: it asks for a manager's authorisation (keyboard only from here on).
            f.pressAndReleaseKeys(KeyEvent.VK_F3);
            DialogFixture d = dialog("managerDialog");
            assertThat(d.label("managerWhat").text()).contains(opened.caseNo(), a, "teller01");
            d.textBox("managerLogin").requireFocused();
            robot.enterText("manager01");
            robot.pressAndReleaseKeys(KeyEvent.VK_TAB);
            d.textBox("managerPassword").requireFocused();
            robot.enterText("not-the-password");
            robot.pressAndReleaseKeys(KeyEvent.VK_TAB);
            d.textBox("managerReason").requireFocused();
            robot.enterText(zh ? "一号柜台死机" : "counter 1 crashed");
            robot.pressAndReleaseKeys(KeyEvent.VK_ENTER);
            JLabel message = (JLabel) d.label("managerMessage").target();
            String refused = zh ? "主管用户名或密码错误" : "The manager login or password is wrong";
            awaitOnEdt("refused in words", () -> message.getText().contains(refused));
            JPasswordField password = (JPasswordField) d.textBox("managerPassword").target();
            assertThat(GuiActionRunner.execute(() -> password.getPassword().length)).isZero();
            assertThat(atB.renewals(new StaffMember("teller02", "柜员 二", StaffMember.Role.TELLER))
                    .claim(opened.id())).get().satisfies(c -> assertThat(c.workstationId()).isEqualTo(a));
            robot.waitForIdle();
            Screenshots.take(d.target(), "takeover-refused-" + suffix);

            // The right password (the focus is back in the password field): taken over, resumed here.
            d.textBox("managerPassword").requireFocused();
            robot.enterText(TrainingDataGenerator.TRAINING_PASSWORD);
            robot.pressAndReleaseKeys(KeyEvent.VK_ENTER);
            WizardDriver w = new WizardDriver(this, robot, f);
            awaitOnEdt("the wizard on the case", () -> named(f.target(), "renewalWizard"));
            w.awaitStep(WizardStep.ID_DOCUMENT);
            assertThat(w.model().renewalCase().id()).isEqualTo(opened.id());
            assertThat(w.model().trouble()).isNull();
            assertThat(atB.renewals(new StaffMember("teller02", "柜员 二", StaffMember.Role.TELLER))
                    .claim(opened.id())).get().satisfies(c -> {
                        assertThat(c.workstationId()).isEqualTo(B);
                        assertThat(c.takenFrom()).isEqualTo(a);
                        assertThat(c.takenBy()).isEqualTo("manager01");
                    });
            w.shot("takeover-resumed-" + suffix);
        } finally {
            dbB.close();
            dbA.close();
        }
    }

    private static boolean named(java.awt.Container in, String name) {
        for (java.awt.Component c : in.getComponents()) {
            if (name.equals(c.getName()) && c.isShowing()
                    || c instanceof java.awt.Container k && named(k, name)) {
                return true;
            }
        }
        return false;
    }
}
