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

    private WorkstationContext ws;

    private WorkstationApp start(FakeStaffAccess access) {
        return start(access, Clock.systemDefaultZone());
    }

    private WorkstationApp start(FakeStaffAccess access, Clock clock) {
        ws = new WorkstationContext(new AppPaths(data, true), new SettingsStore(data), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), access, clock);
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
        // The machine's clock says UTC; the branch is in Beijing (UTC+8), where receipts and the audit say times.
        start(access, Clock.fixed(java.time.Instant.parse("2026-01-05T01:30:00Z"), java.time.ZoneOffset.UTC));
        ws.zone(java.time.ZoneId.of("Asia/Shanghai"));
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
        assertThat(frame.label("lockSince").text()).contains("09:30").doesNotContain("01:30");
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
                "trainer01", new FakeStaffAccess.Account("Train#2024", "李老师", Role.TRAINER),
                "it01", new FakeStaffAccess.Account("It#2024", "信息科", Role.IT)));
        start(access);
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("trainer01");
        login.textBox("loginPassword").enterText("Train#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.label("headerUser").requireText("李老师 · 培训师");
        frame.close();

        // IT's home names a counter whose audit log is signed by a key not pinned here, with what to do (ADR 0098).
        Path folder = data.resolve("branch-workstations");
        ws.unpinnedCounters(() -> java.util.List.of(new bank.ushield.teller.settings.UnpinnedCounter("0102-W02",
                "二号柜台", true, folder)));
        // On a branch database, the database line in the screen's language: address and user, no English sentence.
        ws.database(new bank.ushield.teller.settings.DatabaseLocation(true, "jdbc:postgresql://db.branch:5432/ushield",
                "ushield_w01", "35", null));
        FrameFixture again = frame("loginFrame");
        again.textBox("loginUser").enterText("it01");
        again.textBox("loginPassword").enterText("It#2024");
        again.button("loginOk").click();
        FrameFixture it = frame("workstationFrame");
        javax.swing.JLabel pins = robot.finder().findByName(it.target(), "itPinnedKeys", javax.swing.JLabel.class, false);
        await("the unpinned counter named", pins::isShowing);
        assertThat(it.label("itPinnedKeys").text()).contains("二号柜台 (0102-W02)", "export-workstation-certificate",
                folder.toString(), "旧证书保留");
        assertThat(it.label("itDatabase").text()).isEqualTo(
                "分行 PostgreSQL 数据库 jdbc:postgresql://db.branch:5432/ushield（数据库用户 ushield_w01）");
        Screenshots.take(it.target(), "shell-06-it-home-unpinned-counter");
        it.close();
    }

    @Test
    void aManagerSeesThatTheScheduledSyncFailedAndATellerDoesNot() {
        FakeStaffAccess access = new FakeStaffAccess(Map.of(
                "manager01", new FakeStaffAccess.Account("Manager#2024", "赵主管", Role.MANAGER),
                "teller01", new FakeStaffAccess.Account("Teller#2024", "王芳", Role.TELLER)));
        start(access);
        ws.scheduledSyncFailedAt(java.time.Instant.now().minus(java.time.Duration.ofMinutes(5)));
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("manager01");
        login.textBox("loginPassword").enterText("Manager#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        await("the failure shown", () -> frame.label("headerSyncTrouble").target().isShowing());
        assertThat(frame.label("headerSyncTrouble").text()).contains("5 分钟前失败").contains("立即同步");
        Screenshots.take(frame.target(), "shell-05-scheduled-sync-failed");
        javax.swing.JLabel trouble = frame.label("headerSyncTrouble").target();
        ws.scheduledSyncFailedAt(null); // the next run worked
        await("the line hidden after a success", () -> !trouble.isVisible());
        robot.pressKey(KeyEvent.VK_CONTROL);
        robot.pressAndReleaseKeys(KeyEvent.VK_Q);
        robot.releaseKey(KeyEvent.VK_CONTROL);

        ws.scheduledSyncFailedAt(java.time.Instant.now());
        FrameFixture again = frame("loginFrame");
        again.textBox("loginUser").enterText("teller01");
        again.textBox("loginPassword").enterText("Teller#2024");
        again.button("loginOk").click();
        FrameFixture teller = frame("workstationFrame");
        teller.panel("tellerHome").requireVisible();
        assertThat(robot.finder().findAll(teller.target(),
                c -> "headerSyncTrouble".equals(c.getName()))).as("a teller is not shown it").isEmpty();
        teller.close();
    }
}
