package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CaseState;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.db.TrainingEdge;
import bank.ushield.idverification.online.CitizenAnswer.Result;
import bank.ushield.idverification.online.SimulatedCitizenVerification;
import bank.ushield.idverification.online.SimulatedCitizenVerification.Answer;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.wizard.TrainingFixture;
import bank.ushield.teller.wizard.WizardStep;

/**
 * 联网核查 on the ID step through the real window on the training workstation: a match shows the photo on record and
 * goes on only after the teller ticks "the person matches" from the keyboard; a name mismatch stops at the ID step.
 */
class OnlineVerificationGuiTest extends GuiTest {

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

    private WizardDriver loginAndStart() {
        Clock clock = Clock.systemUTC();
        DomainWiring wiring = DomainWiring.of(fixture.workstation(), clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir),
                Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
        wiring.readers().stage(fixture.data());
        GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
        FrameFixture loginFrame = frame("loginFrame");
        loginFrame.textBox("loginUser").enterText("teller01");
        loginFrame.textBox("loginPassword").enterText("train-1234");
        loginFrame.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        FrameFixture f = frame("workstationFrame");
        f.pressAndReleaseKeys(KeyEvent.VK_F2);
        f.panel("renewalWizard").requireVisible();
        return new WizardDriver(this, robot, f);
    }

    @Test
    void aMatchShowsThePhotoOnRecordAndTheTellerConfirmsFromTheKeyboard() {
        TrainingCustomer c = fixture.expired45();
        fixture.world().citizens().answer(c.idNumber(), Answer.match(c.name()));
        WizardDriver w = loginAndStart();
        w.identify(c.customerNo());
        w.document(c);
        w.enter();
        w.awaitIdle();
        // still on the ID step: the photo on record beside the card's, and the confirmation box has the focus
        assertThat(w.model().viewStep()).isEqualTo(WizardStep.ID_DOCUMENT);
        w.frame.label("idPhotoOnRecord").requireVisible();
        assertThat(w.frame.label("idPhotoOnRecord").target().getIcon()).isNotNull();
        w.frame.checkBox("idPersonMatches").requireVisible().requireNotSelected().requireFocused();
        w.shot("online-01-photo-on-record");
        w.frame.checkBox("idPersonMatches").pressAndReleaseKeys(KeyEvent.VK_SPACE);
        w.frame.checkBox("idPersonMatches").requireSelected();
        w.enter();
        w.awaitStep(WizardStep.BANK_CARD);
        assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.ID_VERIFIED);
        String hash = sha256(SimulatedCitizenVerification.standInPhoto());
        assertThat(auditOf(w.model().renewalCase().id())).anySatisfy(r -> assertThat(r)
                .startsWith("CASE_ONLINE_VERIFICATION").contains("\"result\":\"MATCH\"").contains(hash))
                .anySatisfy(r -> assertThat(r).startsWith("CASE_ID_VERIFIED").contains("\"personMatchesPhoto\":true"));
        w.frame.close();
    }

    @Test
    void aNameMismatchStopsAtTheIdStepWithoutAPhoto() {
        // another customer than the match test's (whose case stays open)
        TrainingCustomer c = fixture.data().withEdge(TrainingEdge.ONLINE_BANKING_OFF).orElseThrow();
        fixture.world().citizens().answer(c.idNumber(), Answer.of(Result.NAME_MISMATCH));
        WizardDriver w = loginAndStart();
        w.identify(c.customerNo());
        w.document(c);
        w.enter();
        w.awaitIdle();
        assertThat(w.model().viewStep()).isEqualTo(WizardStep.ID_DOCUMENT);
        assertThat(w.model().trouble().renewalCode()).isEqualTo(ProblemCode.ONLINE_NAME_MISMATCH);
        assertThat(showing(w, "idPersonMatches")).as("confirmation box showing").isFalse();
        assertThat(showing(w, "idPhotoOnRecord")).as("photo on record showing").isFalse();
        w.shot("online-02-name-mismatch");
        w.enter(); // asking again changes nothing
        w.awaitIdle();
        assertThat(w.model().renewalCase().state()).isEqualTo(CaseState.OPENED);
        assertThat(auditOf(w.model().renewalCase().id())).filteredOn(r -> r.startsWith("CASE_ONLINE_VERIFICATION"))
                .hasSize(2).allSatisfy(r -> assertThat(r).contains("\"result\":\"NAME_MISMATCH\"")
                        .doesNotContain("photoOnRecordSha256"));
        // each time recorded as the failed ID check, which training scores as "ID rejected"
        assertThat(auditOf(w.model().renewalCase().id())).filteredOn(r -> r.startsWith("CHECK_FAILED"))
                .hasSize(2).allSatisfy(r -> assertThat(r).contains("\"code\":\"ONLINE_NAME_MISMATCH\""));
        w.frame.close();
    }

    /** Whether a named component is on screen (the fixtures only find showing ones). */
    private static boolean showing(WizardDriver w, String name) {
        java.awt.Component c = w.frame.robot().finder().findByName(w.frame.target(), name, false);
        return GuiActionRunner.execute(c::isShowing);
    }

    private static List<String> auditOf(long caseId) {
        return fixture.workstation().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT event_type || ' ' || details FROM audit_entry WHERE case_id = :c ORDER BY seq")
                .bind("c", caseId).mapTo(String.class).list());
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
