package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.CaseState;
import bank.ushield.db.TrainingCustomer;
import bank.ushield.renewal.PresentedCard;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.RenewalService;
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

/**
 * Issue 16: from a case's entries in the manager's review, the case's receipt opens (made again from the case, as
 * the customer got it) and saves as a PDF that names the case. Real training workstation, real login as manager01.
 */
class ReviewReceiptGuiTest extends GuiTest {

    @AfterEach
    void chinese() {
        Texts.setLanguage(Language.CHINESE);
    }

    @Test
    void theReceiptOfACaseOpensFromTheReviewAndSaves(@TempDir Path dir) throws Exception {
        Texts.setLanguage(Language.ENGLISH);
        try (TrainingFixture fx = TrainingFixture.create(dir, Clock.systemUTC())) {
            RenewalCase done = renew(fx);
            Clock clock = Clock.systemUTC();
            DomainWiring wiring = DomainWiring.of(fx.workstation(), clock);
            WorkstationContext ws = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir),
                    Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(),
                    clock);
            GuiActionRunner.execute(() -> new WorkstationApp(ws, wiring.homeScreens(ws)).showLogin());
            FrameFixture login = frame("loginFrame");
            login.textBox("loginUser").enterText("manager01");
            login.textBox("loginPassword").enterText("train-1234");
            login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            FrameFixture f = frame("workstationFrame");
            f.panel("auditReviewPanel").requireVisible();

            f.textBox("filterCase").setText(String.valueOf(done.id()));
            f.button("filterSearch").click();
            javax.swing.JTable table = f.table("auditTable").target();
            awaitOnEdt("the case's entries", () -> table.getRowCount() > 3);
            f.table("auditTable").selectRows(0);
            awaitOnEdt("receipt offered", () -> f.button("entryCaseReceipt").target().isEnabled());
            f.button("entryCaseReceipt").click();
            DialogFixture d = dialog("reviewReceipt");
            awaitOnEdt("receipt shown", () -> d.target().isShowing());
            assertThat(d.target().getTitle()).contains(done.caseNo());
            assertThat(GuiActionRunner.execute(() -> ((javax.swing.JLabel) d.label("reviewReceiptPage").target())
                    .getIcon())).as("the first page drawn").isNotNull();
            Screenshots.take(d.target(), "manager-review-receipt-en");

            Path target = dir.resolve("receipt-again.pdf");
            GuiActionRunner.execute(() -> {
                ((javax.swing.JComponent) f.panel("auditReviewPanel").target()).putClientProperty("receiptTarget",
                        target);
                return null;
            });
            d.button("reviewReceiptSave").click();
            awaitOnEdt("saved", () -> d.label("reviewReceiptStatus").target().getText().contains(target.toString()));
            try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(target))) {
                assertThat(new PDFTextStripper().getText(pdf)).contains(done.caseNo());
            }
            assertThat(Files.exists(dir.resolve("receipt-again.pdf.part"))).isFalse();
            d.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
            awaitOnEdt("closed", () -> !d.target().isShowing());
        }
    }

    /** A 45-day customer renewed to the end at this workstation by teller01. */
    private static RenewalCase renew(TrainingFixture fx) {
        TrainingCustomer c = fx.expired45();
        RenewalService s = fx.workstation().renewals(fx.teller("teller01"));
        RenewalCase open = s.open(c.customerNo());
        s.verifyId(open.id(), TrainingFixture.document(c));
        s.verifyCard(open.id(), new PresentedCard(TrainingFixture.onlineCard(c), false));
        fx.world().insert(c.tokenSerial());
        s.verifyToken(open.id(), c.mediaVoucherNo());
        s.generateKey(open.id(), r -> TrainingWorld.TOKEN_PIN.toCharArray());
        s.queueRequest(open.id());
        s.syncNow();
        s.install(open.id(), r -> TrainingWorld.TOKEN_PIN.toCharArray());
        s.selfTest(open.id(), r -> TrainingWorld.TOKEN_PIN.toCharArray());
        RenewalCase done = s.complete(open.id()).renewalCase();
        assertThat(done.state()).isEqualTo(CaseState.COMPLETED);
        return done;
    }
}
