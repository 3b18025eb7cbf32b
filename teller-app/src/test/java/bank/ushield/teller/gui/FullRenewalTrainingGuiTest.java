package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingEdge;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.TrainingWorld;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.wizard.TrainingFixture;
import bank.ushield.teller.wizard.WizardStep;

/**
 * Whole renewals through the real windows in training mode (simulated token, in-process head office, real SQLite
 * file): login to receipt with a wrong then right PIN, and a manager exception authorised at the teller's screen.
 * Screenshots of every step go to target/screenshots.
 */
class FullRenewalTrainingGuiTest extends GuiTest {

    @TempDir
    static Path dir;
    static TrainingFixture fixture;

    @BeforeAll
    static void training() {
        fixture = TrainingFixture.create(dir, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    private WizardDriver loginAndStart(String login) {
        FrameFixture f = login(fixture.workstation(), login);
        f.pressAndReleaseKeys(KeyEvent.VK_F2);
        f.panel("renewalWizard").requireVisible();
        return new WizardDriver(this, robot, f);
    }

    private FrameFixture login(bank.ushield.renewal.wiring.RenewalWorkstation renewal, String login) {
        Clock clock = Clock.systemUTC();
        DomainWiring wiring = DomainWiring.of(renewal, clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        if (renewal == fixture.workstation()) {
            wiring.readers().stage(fixture.data());
        }
        GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
        int loginEntriesBefore = loginEntries(renewal);
        FrameFixture loginFrame = frame("loginFrame");
        loginFrame.textBox("loginUser").enterText(login);
        loginFrame.textBox("loginPassword").enterText("train-1234");
        loginFrame.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        FrameFixture f = frame("workstationFrame");
        f.panel("tellerHome").requireVisible();
        // the login is audited once, by the staff access the GUI uses (not a second time by the renewal module)
        assertThat(loginEntries(renewal)).as("audit entries of one login").isEqualTo(loginEntriesBefore + 1);
        return f;
    }

    private static int loginEntries(bank.ushield.renewal.wiring.RenewalWorkstation renewal) {
        return renewal.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_entry WHERE event_type IN ('LOGIN_OK', 'LOGIN_FAILED', 'LOGIN_LOCKED')")
                .mapTo(Integer.class).one());
    }

    @Test
    void renewsACustomerExpired45DaysFromLoginToReceipt() throws Exception {
        TrainingCustomer c = fixture.expired45();
        WizardDriver w = loginAndStart("teller01");
        watchdog.reset();
        w.shot("wizard-01-customer");
        w.identify(c.customerNo());
        w.document(c);
        w.shot("wizard-02-id-document");
        w.enter();
        w.awaitStep(WizardStep.BANK_CARD);
        w.frame.textBox("cardNumber").enterText(TrainingFixture.onlineCard(c));
        w.shot("wizard-03-bank-card");
        w.enter();
        w.awaitStep(WizardStep.TOKEN);
        w.frame.button("tokenSimulatedInsert").click();
        w.awaitIdle();
        w.frame.label("tokenSerial").requireText(c.tokenSerial());
        // training shows the label of the simulated token; the teller types what it says
        w.frame.label("tokenPrintedVoucher").requireVisible();
        assertThat(w.frame.label("tokenPrintedVoucher").target().getText()).contains(c.mediaVoucherNo());
        w.frame.textBox("tokenVoucher").enterText(c.mediaVoucherNo());
        // The key the renewal will make, in words (the training key policy; this workstation's setting otherwise).
        assertThat(w.frame.label("tokenNewKey").target().getText()).contains("（")
                .containsAnyOf("EC P-256", "SM2").doesNotContainPattern("[A-Z]+_[A-Z_]+");
        w.shot("wizard-04-token");
        w.enter();
        w.awaitStep(WizardStep.REPERSONALISE);
        w.shot("wizard-05-repersonalise");

        w.enter();
        DialogFixture pin = dialog("pinDialog");
        Screenshots.take(pin.target(), "wizard-06-pin-dialog");
        w.pin("000000");
        // A wrong PIN: the dialog comes back for the customer, saying so.
        DialogFixture again = dialog("pinDialog");
        awaitOnEdt("second PIN dialog", () -> again.target().isShowing());
        again.label("pinWrong").requireVisible();
        Screenshots.take(again.target(), "wizard-07-wrong-pin");
        w.pin(TrainingWorld.TOKEN_PIN);
        w.awaitStep(WizardStep.HEAD_OFFICE);
        w.shot("wizard-08-head-office");
        w.next();
        w.awaitStep(WizardStep.INSTALL);
        w.shot("wizard-09-install");
        w.next();
        // one PIN per visit (ADR 0074): install and self-test use the key step's login
        w.awaitStep(WizardStep.RECEIPT);
        awaitOnEdt("receipt shown", () -> w.model().receipt() != null);
        w.shot("wizard-10-receipt");
        assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.COMPLETED);
        System.out.printf("EDT watchdog (full renewal, login to receipt): longest EDT stall %.1f ms (%s)%n",
                watchdog.longestMillis(), watchdog.longestEvent());
        watchdog.printStalls(System.out);
        ReceiptChecks.saveAsPdfAndPrint(this, robot, w, c.idNumber(), TrainingFixture.onlineCard(c), dir);
        w.frame.button("receiptDone").click();
        w.frame.panel("tellerHome").requireVisible();
        assertThat(AuditVerifier.verify(fixture.workstation().database()).ok()).isTrue();
    }

    @Test
    void readsTheIdCardAndTheChipOnTheTrainingReaders() {
        TrainingCustomer c = fixture.data().plainExpiredBy(30).findFirst().orElseThrow();
        WizardDriver w = loginAndStart("teller02");
        w.identify(c.customerNo());
        w.frame.button("idRead").requireEnabled().click();
        w.awaitIdle();
        w.frame.textBox("idNumber").requireText(c.idNumber());
        w.frame.textBox("idName").requireText(c.name());
        w.frame.textBox("idBirth").requireText(c.birthDate().toString());
        w.frame.label("idPhoto").requireVisible();
        javax.swing.Icon photo = GuiActionRunner.execute(() -> w.frame.label("idPhoto").target().getIcon());
        assertThat(photo).isNotNull();
        w.shot("readers-01-id-card-read");
        w.enter();
        w.awaitStep(WizardStep.BANK_CARD);
        w.frame.button("cardRead").requireEnabled();
        w.frame.pressAndReleaseKeys(KeyEvent.VK_F5);
        w.awaitIdle();
        awaitOnEdt("chip read", () -> TrainingFixture.onlineCard(c)
                .equals(new String(((javax.swing.JPasswordField) w.frame.textBox("cardNumber").target()).getPassword())));
        w.shot("readers-02-chip-read");
        w.enter();
        w.awaitStep(WizardStep.TOKEN);
        w.shot("readers-03-token-after-reads");
        assertThat(w.model().trouble()).isNull();
    }

    @Test
    void aManagerAuthorisesAnExceptionAtTheTellersScreen() {
        TrainingCustomer c = fixture.data().withEdge(TrainingEdge.ID_CARD_EXPIRED).orElseThrow();
        WizardDriver w = loginAndStart("teller02");
        w.identify(c.customerNo());
        w.document(c);
        w.enter();
        w.awaitIdle();
        w.frame.button("troubleManager").requireVisible();
        w.shot("wizard-11-needs-manager");
        w.frame.pressAndReleaseKeys(KeyEvent.VK_F8);
        DialogFixture d = dialog("managerDialog");
        d.textBox("managerLogin").enterText("teller02");
        d.textBox("managerPassword").enterText("train-1234");
        d.button("managerOk").click();
        awaitOnEdt("refused", () -> d.label("managerMessage").target().getText().contains("<html>"));
        Screenshots.take(d.target(), "wizard-12-manager-refused");
        d.textBox("managerLogin").deleteText().enterText("manager01");
        d.textBox("managerPassword").enterText("train-1234");
        d.button("managerOk").click();
        w.awaitStep(WizardStep.BANK_CARD);
        String details = fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT details FROM audit_entry WHERE event_type = 'MANAGER_AUTHORISATION_GRANTED' ORDER BY seq DESC")
                .mapTo(String.class).first());
        assertThat(details).contains("manager01").contains("teller02");
    }

    @Test
    void afterAManagerAuthorisesTheSelfServiceExceptionTheStepSaysSoNotThatTheCounterIsNeeded() {
        // Expired 10 days ago: inside the self-service window, so the token check holds the case for a manager.
        TrainingCustomer c = fixture.data().plainExpiredBy(10).findFirst().orElseThrow();
        WizardDriver w = loginAndStart("teller02");
        w.toTokenStep(c);
        fixture.world().insert(c.tokenSerial());
        w.frame.textBox("tokenVoucher").pressAndReleaseKeys(KeyEvent.VK_F5);
        w.awaitIdle();
        // The model and its maker as the customer's records name them: no English words in the Chinese screen.
        String registered = fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT model || '（' || manufacturer || '）' FROM token WHERE serial = :s")
                .bind("s", c.tokenSerial()).mapTo(String.class).one());
        assertThat(w.frame.label("tokenModel").text()).isEqualTo(registered).doesNotContain("training");
        w.voucher(c.mediaVoucherNo());
        w.awaitIdle();
        assertThat(w.model().trouble().exceptionCode()).isEqualTo("SELF_SERVICE_AVAILABLE");
        w.frame.pressAndReleaseKeys(KeyEvent.VK_F8);
        DialogFixture d = dialog("managerDialog");
        d.textBox("managerLogin").enterText("manager01");
        d.textBox("managerPassword").enterText("train-1234");
        d.button("managerOk").click();
        w.awaitStep(WizardStep.REPERSONALISE);
        assertThat(w.frame.label("repersonaliseEligible").text()).contains("主管 manager01 已批准在柜面办理")
                .contains("本可自助在线更新").doesNotContain("需在柜面办理更新");
        w.shot("wizard-12b-self-service-exception-authorised");
    }

    @Test
    void aWrongTokenIsRefusedWithWhatToTellTheCustomer() {
        TrainingCustomer c = fixture.data().plainExpiredBy(45).skip(1).findFirst()
                .orElse(fixture.data().plainExpiredBy(400).findFirst().orElseThrow());
        TrainingCustomer other = fixture.data().plainExpiredBy(2000).findFirst().orElseThrow();
        WizardDriver w = loginAndStart("teller01");
        w.toTokenStep(c);
        fixture.world().insert(other.tokenSerial());
        w.frame.pressAndReleaseKeys(KeyEvent.VK_F5);
        w.awaitIdle();
        w.frame.label("tokenSerial").requireText(other.tokenSerial());
        w.voucher(other.mediaVoucherNo());
        w.awaitIdle();
        w.frame.panel("troublePanel").requireVisible();
        assertThat(w.model().trouble().problem().code()).isEqualTo("renewal.TOKEN_CHECK_FAILED");
        assertThat(w.frame.label("troubleCustomer").target().getText()).isNotBlank();
        assertThat(w.model().viewStep()).isEqualTo(WizardStep.TOKEN);
        w.shot("wizard-13-wrong-token");
    }

    @Test
    void theMediaVoucherNumberIsTypedAtTheTokenStepAndAWrongOneIsRefusedWithAMessage() {
        // 31 days after expiry: counter renewal, no manager; no other test here opens a case for this customer
        TrainingCustomer c = fixture.data().plainExpiredBy(31).findFirst().orElseThrow();
        WizardDriver w = loginAndStart("teller02");
        w.toTokenStep(c);
        // keyboard first: the voucher field has the focus on this step, and F5 reads the token from there
        w.frame.textBox("tokenVoucher").requireFocused();
        fixture.world().insert(c.tokenSerial());
        w.frame.textBox("tokenVoucher").pressAndReleaseKeys(KeyEvent.VK_F5);
        w.awaitIdle();
        w.frame.label("tokenSerial").requireText(c.tokenSerial());
        w.frame.textBox("tokenVoucher").requireFocused();

        // nine digits: said under the field at once, nothing checked
        w.voucher(c.mediaVoucherNo().substring(1));
        w.awaitIdle();
        assertThat(w.frame.label("tokenVoucherError").target().getText()).isNotBlank();
        assertThat(w.model().trouble()).isNull();
        assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.CARD_VERIFIED);
        w.shot("wizard-16-voucher-format");

        // ten digits, not the registered ones: refused with what to do, the step stays
        String wrong = c.mediaVoucherNo().substring(0, 9) + (char) ('0' + (c.mediaVoucherNo().charAt(9) - '0' + 1) % 10);
        w.voucher(wrong);
        w.awaitIdle();
        w.frame.panel("troublePanel").requireVisible();
        assertThat(w.model().trouble().problem().code()).isEqualTo("renewal.TOKEN_VOUCHER_MISMATCH");
        assertThat(w.frame.label("troubleCustomer").target().getText()).isNotBlank();
        assertThat(w.model().viewStep()).isEqualTo(WizardStep.TOKEN);
        assertThat(w.frame.label("tokenVoucherError").target().getText()).isBlank();
        w.shot("wizard-17-voucher-mismatch");

        // the right one, typed with a space as printed in two groups: accepted
        w.voucher(c.mediaVoucherNo().substring(0, 5) + " " + c.mediaVoucherNo().substring(5));
        w.awaitStep(WizardStep.REPERSONALISE);
        assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.TOKEN_VERIFIED);
        String audited = fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT details FROM audit_entry WHERE event_type = 'CASE_TOKEN_VERIFIED' ORDER BY seq DESC")
                .mapTo(String.class).first());
        assertThat(audited).doesNotContain(c.mediaVoucherNo()).contains(c.mediaVoucherNo().substring(6));
    }

    @Test
    void aCaseIsResumedAfterTheAppWasClosedMidway(@TempDir Path other) {
        TrainingFixture first = TrainingFixture.create(other, Clock.systemUTC());
        TrainingCustomer c = first.expired45();
        long caseId;
        try {
            FrameFixture f = login(first.workstation(), "teller01");
            f.pressAndReleaseKeys(KeyEvent.VK_F2);
            WizardDriver w = new WizardDriver(this, robot, f);
            w.toTokenStep(c);
            caseId = w.model().renewalCase().id();
        } finally {
            // The app goes away mid-case: windows gone, modules closed, nothing finished.
            robot.cleanUp();
            first.close();
        }
        robot = freshRobot();
        bank.ushield.renewal.wiring.RenewalWorkstation again = bank.ushield.renewal.wiring.RenewalWorkstation.training(other,
                bank.ushield.db.TrainingDataGenerator.WORKSTATION_ID, bank.ushield.token.KeyAlgorithm.EC_P256,
                Clock.systemUTC());
        try {
            FrameFixture f = login(again, "teller02");
            awaitOnEdt("pending case listed", () -> f.list("homePending").target().getModel().getSize() == 1);
            Screenshots.take(f.target(), "wizard-14-home-pending");
            f.pressAndReleaseKeys(KeyEvent.VK_F3);
            WizardDriver w = new WizardDriver(this, robot, f);
            w.awaitStep(WizardStep.TOKEN);
            assertThat(w.model().renewalCase().id()).isEqualTo(caseId);
            again.trainingWorld().orElseThrow().insert(c.tokenSerial());
            w.frame.pressAndReleaseKeys(KeyEvent.VK_F5);
            w.awaitIdle();
            // ADR 0034: the case is at the token step, so the whole check runs, with the voucher typed again
            w.frame.textBox("tokenVoucher").requireText("");
            w.voucher(c.mediaVoucherNo());
            w.awaitStep(WizardStep.REPERSONALISE);
            w.shot("wizard-15-resumed");
        } finally {
            again.close();
        }
    }
}
