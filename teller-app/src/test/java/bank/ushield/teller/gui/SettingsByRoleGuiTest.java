package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.assertj.swing.core.matcher.JButtonMatcher;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.renewal.staff.Role;
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

/**
 * Settings by role (issues 15 and 22): a teller sees the token reader, workstation and head-office settings
 * read-only and changes the display; a manager changes them, audited with old and new value. Tabs keep Save and
 * Cancel on a 1366x768 screen; the workstation id shown is the one receipts print.
 */
class SettingsByRoleGuiTest extends GuiTest {

    @TempDir
    Path data;

    private FakeStaffAccess access;

    private FrameFixture logIn(String user, String password) {
        access = new FakeStaffAccess(Map.of(
                "teller01", new FakeStaffAccess.Account("Teller#2024", "王芳", Role.TELLER),
                "mgr01", new FakeStaffAccess.Account("Manager#2024", "张主管", Role.MANAGER)));
        // Training mode: the workstation id in use is the training workstation's, whatever the settings say.
        WorkstationContext ws = new WorkstationContext(new AppPaths(data, true), new SettingsStore(data),
                Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), access,
                Clock.systemDefaultZone());
        ws.workstationId("9999-T01");
        GuiActionRunner.execute(() -> new WorkstationApp(ws, DomainWiring.withoutModules()).showLogin());
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText(user);
        login.textBox("loginPassword").enterText(password);
        login.button("loginOk").click();
        return frame("workstationFrame");
    }

    @Test
    void aTellerSeesTheWorkstationSettingsReadOnlyAndTheIdTheReceiptsPrint() {
        FrameFixture frame = logIn("teller01", "Teller#2024");
        frame.button("headerSettings").click();
        DialogFixture settings = dialog("settingsDialog");
        fitsACounterScreen(settings);
        // The first focus is on something the teller may change (the display tab), not a read-only field.
        robot.waitForIdle();
        java.awt.Component first = GuiActionRunner.execute(() -> java.awt.KeyboardFocusManager
                .getCurrentKeyboardFocusManager().getFocusOwner());
        assertThat(first).isNotNull();
        assertThat(first instanceof javax.swing.text.JTextComponent t && !t.isEditable()).as("first focus " + first)
                .isFalse();
        Screenshots.take(settings.target(), "settings-role-01-teller-display");
        settings.tabbedPane("settingsTabs").selectTab(0);
        settings.textBox("settingsModule").requireNotEditable();
        assertThat(GuiActionRunner.execute(() -> robot.finder().findAll(settings.target(),
                c -> "settingsDetect".equals(c.getName()) && c.isShowing()))).isEmpty();
        settings.tabbedPane("settingsTabs").selectTab(1);
        settings.textBox("settingsWorkstation").requireNotEditable().requireText("9999-T01");
        // Read-only values look like text, not like fields to type in, and never take the focus (no caret).
        for (String name : java.util.List.of("settingsWorkstation", "settingsSync", "settingsHoCert", "settingsCa")) {
            javax.swing.JTextField f = (javax.swing.JTextField) settings.textBox(name).target();
            assertThat(GuiActionRunner.execute(() -> !f.isFocusable() && !f.isOpaque()
                    && f.getBorder() instanceof javax.swing.border.EmptyBorder)).as(name + " reads as a value").isTrue();
        }
        settings.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_TAB);
        robot.waitForIdle();
        assertThat(GuiActionRunner.execute(() -> java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager()
                .getFocusOwner())).as("focus after Tab").isNotInstanceOf(javax.swing.text.JTextComponent.class);
        settings.textBox("settingsSync").requireNotEditable();
        settings.spinner("settingsSyncMinutes").requireDisabled();
        // Hidden Browse buttons keep their cells: the read-only fields stay in one column under their labels.
        int idX = GuiActionRunner.execute(() -> settings.textBox("settingsWorkstation").target().getX());
        assertThat(GuiActionRunner.execute(() -> settings.textBox("settingsSync").target().getX())).isEqualTo(idX);
        assertThat(GuiActionRunner.execute(() -> settings.textBox("settingsCa").target().getX())).isEqualTo(idX);
        Screenshots.take(settings.target(), "settings-role-02-teller-read-only");
        settings.label("settingsRoleNote").requireText(java.util.regex.Pattern.compile(".*主管或 IT 运维.*"));
        settings.button("settingsCancel").click();
        assertThat(access.events).noneMatch(e -> e.startsWith("SETTINGS"));
    }

    @Test
    void aManagerChangesTheHeadOfficeFolderAndTheChangeIsAuditedOldToNew() throws Exception {
        Path share = Files.createDirectories(data.resolve("share"));
        FrameFixture frame = logIn("mgr01", "Manager#2024");
        frame.button("headerSettings").click();
        DialogFixture settings = dialog("settingsDialog");
        fitsACounterScreen(settings);
        Screenshots.take(settings.target(), "settings-role-03-manager-token");
        settings.tabbedPane("settingsTabs").selectTab(1);
        settings.textBox("settingsSync").requireEditable().enterText(share.toString());
        // Training: the id is the training workstation's and stays as it is.
        settings.textBox("settingsWorkstation").requireNotEditable();
        Screenshots.take(settings.target(), "settings-role-04-manager-head-office");
        settings.button("settingsSave").click();
        dialog("settingsRestartNotice").button(JButtonMatcher.withText("确定")).click();
        assertThat(new SettingsStore(data).load().syncFolder()).isEqualTo(share.toString());
        assertThat(access.events).contains("SETTINGS mgr01 {headOffice.syncFolder=[, " + share + "]}");
    }

    @Test
    void theDialogFitsInEnglishToo() {
        Texts.setLanguage(Language.ENGLISH);
        try {
            FrameFixture frame = logIn("mgr01", "Manager#2024");
            frame.button("headerSettings").click();
            DialogFixture settings = dialog("settingsDialog");
            fitsACounterScreen(settings);
            Screenshots.take(settings.target(), "settings-role-05-manager-en");
            settings.tabbedPane("settingsTabs").selectTab(1);
            Screenshots.take(settings.target(), "settings-role-06-manager-head-office-en");
            settings.button("settingsCancel").click();
        } finally {
            Texts.setLanguage(Language.CHINESE);
        }
    }

    /** Within a 1366x768 screen less a title bar and a panel (60 px), Save and Cancel included. */
    private void fitsACounterScreen(DialogFixture settings) {
        java.awt.Dimension size = GuiActionRunner.execute(() -> settings.target().getSize());
        assertThat(size.height).as("dialog height").isLessThanOrEqualTo(768 - 60);
        assertThat(size.width).as("dialog width").isLessThanOrEqualTo(1366);
        settings.button("settingsSave").requireVisible();
        settings.button("settingsCancel").requireVisible();
    }
}
