package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

import javax.swing.SwingUtilities;

import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.readers.TokenListing;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsDialog;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;

/** Settings' Detect lists SoftHSM2's slots and tokens through the real token module; wrong files are explained. */
@ExtendWith(SoftHsmExtension.class)
class SettingsDetectGuiTest extends GuiTest {

    @TempDir
    Path data;

    private WorkstationContext workstation() {
        WorkstationContext ws = new WorkstationContext(new AppPaths(data, true), new SettingsStore(data), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), new FakeStaffAccess(Map.of()),
                // As the composition root gives it.
                Clock.systemDefaultZone(), TokenListing::list);
        return ws;
    }

    private DialogFixture openSettings(WorkstationContext ws) {
        // IT support: the token reader is IT's or a manager's to change.
        SwingUtilities.invokeLater(() -> SettingsDialog.open(null, ws, new bank.ushield.renewal.staff.StaffSession(
                "it01", "IT", bank.ushield.renewal.staff.Role.IT, java.time.Instant.now())));
        return dialog("settingsDialog");
    }

    @Test
    void detectListsTheSoftHsmTokenAndThePickedOneIsSaved(SoftHsmToken token) throws Exception {
        WorkstationContext ws = workstation();
        DialogFixture settings = openSettings(ws);
        settings.textBox("settingsModule").enterText(token.modulePath().toString());
        settings.button("settingsDetect").click();
        awaitOnEdt("detect finished", () -> settings.label("settingsDetectStatus").target().getText().startsWith("SoftHSM"));
        Screenshots.take(settings.target(), "settings-01-detected");

        String[][] rows = settings.table("settingsSlots").contents();
        int row = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i][3].equals(token.serial())) {
                row = i;
            }
        }
        assertThat(row).as("test token in %s", Arrays.deepToString(rows)).isNotNegative();
        // The last column: what the workstation can make on it (SoftHSM2: RSA and EC by its mechanisms, no SM2).
        assertThat(rows[row]).containsExactly(rows[row][0], "有", token.label(), token.serial(), "SoftHSM v2",
                "SoftHSM project", "RSA-2048, EC P-256");
        assertThat(Arrays.stream(rows).map(r -> r[1])).contains("空白（未初始化）");
        assertThat(settings.label("settingsDetectStatus").text()).contains("U盾");

        settings.table("settingsSlots").selectRows(row);
        settings.comboBox("settingsToken").requireSelection(token.label());
        // A module means production: it needs the head-office exchange too before Save is allowed.
        Path sync = Files.createDirectories(data.resolve("sync"));
        Path cert = Files.writeString(data.resolve("ho.pem"), "-");
        settings.tabbedPane("settingsTabs").selectTab(1);
        settings.textBox("settingsSync").enterText(sync.toString());
        settings.textBox("settingsHoCert").enterText(cert.toString());
        settings.textBox("settingsCa").enterText(cert.toString());
        settings.button("settingsSave").requireEnabled().click();
        await("settings saved", () -> ws.settingsStore().load().tokenLabel().equals(token.label()));
        // A new module switches the mode: that takes a new start, and the teller is told.
        dialog("settingsRestartNotice").button(org.assertj.swing.core.matcher.JButtonMatcher.withText("确定")).click();
        assertThat(ws.settingsStore().load().pkcs11Module()).isEqualTo(token.modulePath().toString());
    }

    @Test
    void aFileThatIsNoLibraryAndALibraryThatIsNotPkcs11AreExplained() throws Exception {
        DialogFixture settings = openSettings(workstation());
        Path text = Files.writeString(data.resolve("driver-readme.so"), "not a library\n");
        settings.textBox("settingsModule").enterText(text.toString());
        settings.button("settingsDetect").click();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("该文件无法作为程序库加载");
        error.button("errorDetails").click();
        assertThat(error.textBox("errorDetailsText").text()).contains("driver-readme.so").contains("file too short");
        Screenshots.take(error.target(), "settings-02-not-a-library");
        error.button("errorOk").click();
        settings.label("settingsDetectStatus").requireText("无法读取该模块，请按提示检查。");
        settings.button("settingsDetect").requireEnabled();

        Path libjava = Path.of(System.getProperty("java.home"), "lib", "libjava.so");
        // Bare Xvfb has no window manager to give the focus back after the error dialog: click into the field.
        settings.textBox("settingsModule").click();
        settings.textBox("settingsModule").deleteText().enterText(libjava.toString());
        settings.button("settingsDetect").click();
        DialogFixture notPkcs11 = dialog("errorDialog");
        assertThat(notPkcs11.label("errorTitle").text()).contains("该程序库不是 PKCS#11 模块");
        notPkcs11.button("errorDetails").click();
        assertThat(notPkcs11.textBox("errorDetailsText").text()).contains("C_GetFunctionList");
        notPkcs11.button("errorOk").click();
        settings.button("settingsCancel").click();
    }

    @Test
    void aDriverThatCrashesWhileStartingIsExplainedAndTheAppLivesOn() throws Exception {
        DialogFixture settings = openSettings(workstation());
        Path driver = bank.ushield.testsupport.NativeLibraries.compile(data, "vendor-pkcs11",
                bank.ushield.testsupport.NativeLibraries.CRASHING_PKCS11);
        settings.textBox("settingsModule").enterText(driver.toString());
        settings.button("settingsDetect").click();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("PKCS#11 模块启动时崩溃");
        error.button("errorDetails").click();
        assertThat(error.textBox("errorDetailsText").text()).contains("libvendor-pkcs11.so")
                .contains("C_GetFunctionList").contains("crash-report.log");
        Screenshots.take(error.target(), "settings-04-driver-crashed");
        // Details made the dialog taller: it is still wholly on the screen, OK included.
        java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        assertThat(screen.contains(org.assertj.swing.edt.GuiActionRunner.execute(() -> error.target().getBounds())))
                .isTrue();
        error.button("errorOk").click();
        settings.label("settingsDetectStatus").requireText("无法读取该模块，请按提示检查。");
        settings.button("settingsDetect").requireEnabled();
        settings.button("settingsCancel").click();
    }
}
