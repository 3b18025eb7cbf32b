package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.renewal.staff.Role;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.app.DomainWiring;

/** The shell without the domain: login, the role's home, lock and unlock, logout; training banner throughout. */
class ShellGuiTest extends GuiTest {

    @TempDir
    Path data;

    private WorkstationApp start(FakeStaffAccess access) {
        WorkstationContext ws = new WorkstationContext(new AppPaths(data, true), new SettingsStore(data), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), access, Clock.systemDefaultZone());
        return GuiActionRunner.execute(() -> {
            WorkstationApp app = new WorkstationApp(ws, DomainWiring.withoutModules());
            app.showLogin();
            return app;
        });
    }

    @Test
    void loginLockUnlockLogout() {
        FakeStaffAccess access = new FakeStaffAccess(Map.of(
                "teller01", new FakeStaffAccess.Account("Teller#2024", "王芳", Role.TELLER)));
        start(access);
        FrameFixture login = frame("loginFrame");
        login.requireVisible();
        assertThat(login.target().getTitle()).contains("培训模式");
        login.label("trainingBanner").requireVisible();
        login.button("loginOk").requireDisabled();
        Screenshots.take(login.target(), "shell-01-login");

        login.textBox("loginUser").enterText("teller01");
        login.textBox("loginPassword").enterText("wrong");
        login.textBox("loginPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        awaitText(login.label("loginMessage").target(), "登录名或密码错误。");
        Screenshots.take(login.target(), "shell-02-login-refused");

        login.textBox("loginPassword").enterText("Teller#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.requireVisible();
        frame.label("trainingBanner").requireVisible();
        frame.panel("tellerHome").requireVisible();
        frame.label("headerUser").requireText("王芳 · 柜员");
        Screenshots.take(frame.target(), "shell-03-teller-home");

        frame.pressAndReleaseKeys(KeyEvent.VK_F12);
        frame.panel("lockPanel").requireVisible();
        frame.label("trainingBanner").requireVisible();
        Screenshots.take(frame.target(), "shell-04-locked");
        frame.textBox("lockPassword").enterText("nope");
        frame.button("lockUnlock").click();
        awaitText(frame.label("lockMessage").target(), "登录名或密码错误。");
        frame.textBox("lockPassword").enterText("Teller#2024");
        frame.textBox("lockPassword").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        frame.panel("tellerHome").requireVisible();

        frame.button("headerLogout").requireText("退出登录  Ctrl+Q");
        // By keyboard, as a counter teller leaves.
        robot.pressKey(KeyEvent.VK_CONTROL);
        robot.pressAndReleaseKeys(KeyEvent.VK_Q); // the frame is gone before Ctrl is released
        robot.releaseKey(KeyEvent.VK_CONTROL);
        FrameFixture again = frame("loginFrame");
        again.requireVisible();
        robot.waitForIdle();
        assertThat(access.events).containsExactly("LOGIN_FAILED teller01", "LOGIN teller01", "LOCK teller01",
                "UNLOCK_FAILED teller01", "UNLOCK teller01", "LOGOUT teller01");
    }

    @Test
    void aRoleWithoutInstalledScreensSaysSo() {
        FakeStaffAccess access = new FakeStaffAccess(Map.of(
                "trainer01", new FakeStaffAccess.Account("Train#2024", "李老师", Role.TRAINER)));
        start(access);
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("trainer01");
        login.textBox("loginPassword").enterText("Train#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.label("headerUser").requireText("李老师 · 培训师");
        frame.close();
    }
}
