package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;

import org.assertj.swing.core.matcher.JButtonMatcher;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsDialog;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.renewal.staff.Role;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.app.DomainWiring;

/**
 * A language change is saved and shown from the next start; the dialog says so in both languages before Save and
 * again after it, and the open windows keep their texts (no half-translated screen).
 */
class SettingsLanguageGuiTest extends GuiTest {

    @TempDir
    Path data;

    @Test
    void aNewLanguageIsSavedAndSaidToApplyAfterRestart() {
        WorkstationContext ws = new WorkstationContext(new AppPaths(data, true), new SettingsStore(data), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), new FakeStaffAccess(Map.of(
                "teller01", new FakeStaffAccess.Account("Teller#2024", "王芳", Role.TELLER))), Clock.systemDefaultZone());
        GuiActionRunner.execute(() -> new WorkstationApp(ws, DomainWiring.withoutModules()).showLogin());
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("teller01");
        login.textBox("loginPassword").enterText("Teller#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.button("headerSettings").click();
        DialogFixture settings = dialog("settingsDialog");
        assertThat(noteShowing(settings)).isFalse();

        settings.comboBox("settingsLanguage").selectItem("English");
        assertThat(noteShowing(settings)).isTrue();
        assertThat(settings.label("settingsLanguageNote").text()).contains("重新启动后生效").contains("after the next start");
        Screenshots.take(settings.target(), "settings-03-language-note");
        settings.comboBox("settingsLanguage").selectItem("简体中文");
        assertThat(noteShowing(settings)).isFalse();
        settings.comboBox("settingsLanguage").selectItem("English");
        settings.button("settingsSave").click();

        DialogFixture notice = dialog("settingsRestartNotice");
        String text = GuiActionRunner.execute(() -> ((JOptionPane) ((javax.swing.JDialog) notice.target()).getContentPane().getComponent(0))
                .getMessage().toString());
        assertThat(text).contains("新的语言").contains("重新启动后生效");
        notice.button(JButtonMatcher.withText("确定")).click();
        assertThat(new SettingsStore(data).load().language()).isEqualTo(Language.ENGLISH);
        // The open frame keeps its Chinese texts.
        frame.label("headerUser").requireText("王芳 · 柜员");

        // The next start reads the saved language first (as TellerApp does) and builds every window in it.
        Texts.setLanguage(new SettingsStore(data).load().language());
        try {
            SwingUtilities.invokeLater(() -> SettingsDialog.open(null, ws, new bank.ushield.renewal.staff.StaffSession(
                    "teller01", "王芳", Role.TELLER, java.time.Instant.now())));
            DialogFixture english = dialog("settingsDialog");
            assertThat(english.target().getTitle()).isEqualTo("Settings");
            assertThat(noteShowing(english)).isFalse();
            english.button("settingsCancel").click();
        } finally {
            Texts.setLanguage(Language.CHINESE);
        }
    }

    private boolean noteShowing(DialogFixture dialog) {
        return !dialog.label("settingsLanguageNote").text().isBlank();
    }
}
