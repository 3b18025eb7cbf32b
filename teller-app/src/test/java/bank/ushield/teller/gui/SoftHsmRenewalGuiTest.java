package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.CardKind;
import bank.ushield.db.CardStatus;
import bank.ushield.db.CertificateRecord;
import bank.ushield.db.CertificateStatus;
import bank.ushield.db.Customer;
import bank.ushield.db.Database;
import bank.ushield.db.IdentityDocumentType;
import bank.ushield.db.Gender;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.RegisteredToken;
import bank.ushield.db.Repositories;
import bank.ushield.db.TokenStatus;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.wizard.WizardStep;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pkcs11.Pkcs11TokenPort;

/**
 * The full renewal through the GUI on a real PKCS#11 token (SoftHSM2 through the token module's adapter), a real
 * SQLite file and the in-process head-office simulator: a customer expired 45 days, login to receipt, a wrong then
 * a right PIN; then OpenSC (not our code) finds the new key and certificate on the token, and the audit log verifies.
 */
@ExtendWith(SoftHsmExtension.class)
class SoftHsmRenewalGuiTest extends GuiTest {

    static final String PAN = "6222020000123456782";

    @Test
    void renewsARealTokenFromLoginToReceipt(SoftHsmToken hsm, @TempDir Path dir) {
        Clock clock = Clock.systemUTC();
        seed(dir, clock, hsm.serial());
        try (RenewalWorkstation ws = RenewalWorkstation.withHeadOfficeSimulator(dir,
                TrainingDataGenerator.WORKSTATION_ID, KeyAlgorithm.EC_P256, clock,
                Pkcs11TokenPort.open(hsm.modulePath()), RenewalWorkstation.Hooks.NONE)) {
            ws.trainingWorld().orElseThrow().personaliseOld(hsm.serial(), hsm.userPinChars(), KeyAlgorithm.EC_P256);
            DomainWiring wiring = DomainWiring.of(ws, clock);
            WorkstationContext w = new WorkstationContext(new AppPaths(dir, true), new SettingsStore(dir), Settings.defaults(),
                    new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), wiring.staffAccess(), clock);
            GuiActionRunner.execute(() -> new WorkstationApp(w, wiring.homeScreens(w)).showLogin());
            FrameFixture login = frame("loginFrame");
            login.textBox("loginUser").enterText("teller01");
            login.textBox("loginPassword").enterText(TrainingDataGenerator.TRAINING_PASSWORD);
            login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
            FrameFixture f = frame("workstationFrame");
            f.pressAndReleaseKeys(KeyEvent.VK_F2);
            WizardDriver d = new WizardDriver(this, robot, f);
            d.identify("C0045");
            d.document("11010519491231002X", "张三", LocalDate.of(1949, 12, 31), LocalDate.of(2010, 1, 1));
            d.enter();
            d.awaitStep(WizardStep.BANK_CARD);
            d.card(PAN);
            d.awaitStep(WizardStep.TOKEN);
            f.pressAndReleaseKeys(KeyEvent.VK_F5);
            d.awaitIdle();
            f.label("tokenSerial").requireText(hsm.serial());
            d.shot("softhsm-01-token");
            d.voucher("1200000045");
            d.awaitStep(WizardStep.REPERSONALISE);
            d.enter();
            d.pin("000000");
            DialogFixture again = dialog("pinDialog");
            awaitOnEdt("second PIN dialog", () -> again.target().isShowing());
            again.label("pinWrong").requireVisible();
            d.pin(hsm.userPin());
            d.awaitStep(WizardStep.HEAD_OFFICE);
            d.next();
            d.awaitStep(WizardStep.INSTALL);
            d.next();
            // one PIN per visit (ADR 0074): install and self-test use the key step's login
            d.awaitStep(WizardStep.RECEIPT);
            awaitOnEdt("receipt shown", () -> d.model().receipt() != null);
            d.shot("softhsm-02-receipt");
            assertThat(d.model().renewalCase().state()).isEqualTo(CaseState.COMPLETED);
            String newKeyId = d.model().renewalCase().newKeyId();

            // OpenSC, not our code, sees exactly the new key pair and its certificate on the token.
            String objects = SoftHsm.run(hsm.confFile(), "pkcs11-tool", "--module", hsm.modulePath().toString(),
                    "--token-label", hsm.label(), "--login", "--pin", hsm.userPin(), "--list-objects");
            List<String> ids = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ID:\\s+([0-9a-fA-F]+)").matcher(objects);
            while (m.find()) {
                ids.add(m.group(1));
            }
            assertThat(ids).isNotEmpty().allMatch(id -> id.equalsIgnoreCase(newKeyId));
            assertThat(objects).contains("Certificate Object").contains("Private Key Object");
            assertThat(AuditVerifier.verify(ws.database()).ok()).isTrue();
        }
    }

    static void seed(Path dir, Clock clock, String tokenSerial) {
        Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB));
        Repositories r = new Repositories(db, CardMatchingKey.forDataFolder(dir),
                new PasswordHasher(new PasswordHasher.Params(1024, 1, 1)), clock);
        new TrainingDataGenerator(r).seedSiteAndStaff();
        Customer c = r.customers().insert("C0045", "张三", LocalDate.of(1949, 12, 31), Gender.M, null);
        r.customers().addDocument(c.id(), IdentityDocumentType.RESIDENT_ID, "11010519491231002X", "张三",
                LocalDate.of(2010, 1, 1), null, true);
        r.cards().insert(c.id(), PAN, CardKind.DEBIT, true, CardStatus.ACTIVE);
        RegisteredToken t = r.tokens().insert(tokenSerial, "1200000045", "SoftHSM", "SoftHSM project", c.id(),
                TokenStatus.ACTIVE);
        Instant notAfter = clock.instant().minus(45, ChronoUnit.DAYS);
        r.certificates().insert(new CertificateRecord(0, t.id(), "01", TrainingDataGenerator.TRAINING_CA_DN,
                "CN=C0045,O=U-shield Customers,C=CN", notAfter.minus(1826, ChronoUnit.DAYS), notAfter,
                "seed-" + tokenSerial, CertificateStatus.ACTIVE, null));
    }
}
