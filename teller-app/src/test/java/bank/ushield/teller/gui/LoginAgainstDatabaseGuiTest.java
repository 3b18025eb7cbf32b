package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUserRepository;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.renewal.staff.DbStaffAccess;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;
import bank.ushield.teller.app.DomainWiring;

/** Login through the real window against the db module's accounts; every attempt is in a verifying audit log. */
@ExtendWith(DatabaseFileExtension.class)
class LoginAgainstDatabaseGuiTest extends GuiTest {

    @TempDir
    Path data;

    @Test
    void wrongThenRightPasswordThenLogoutAreAudited(DatabaseFile file) {
        Database db = Database.open(file.path());
        Clock clock = Clock.systemUTC();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO branch (id, name) VALUES ('0102', '测试支行')"));
        StaffUserRepository staff = new StaffUserRepository(db.jdbi(), new PasswordHasher(), clock);
        staff.create("teller01", "王芳", StaffRole.TELLER, "0102", "Teller#2024".toCharArray());
        AuditLog audit = AuditLog.open(db, "0102-W01", clock);
        DbStaffAccess access = new DbStaffAccess(() -> new bank.ushield.db.StaffAuthenticator(db.jdbi(),
                new PasswordHasher(), LockoutPolicy.DEFAULT, clock), () -> audit, clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(data, true), new SettingsStore(data), Settings.defaults(),
                new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), access, clock);
        GuiActionRunner.execute(() -> new WorkstationApp(ws, DomainWiring.withoutModules()).showLogin());

        FrameFixture login = frame("loginFrame");
        // The password typed into the login field by mistake: refused like a wrong password, never kept in clear.
        login.textBox("loginUser").enterText("Teller#2024");
        login.textBox("loginPassword").enterText("x");
        login.button("loginOk").click();
        awaitText(login.label("loginMessage").target(), "登录名或密码错误。");
        await("unknown login audited", () -> audit.size() == 1);
        login.textBox("loginUser").deleteText().enterText("teller01");
        login.textBox("loginPassword").enterText("wrong-password");
        login.button("loginOk").click();
        // One message for an unknown login and a wrong password: the screen does not tell which logins exist.
        await("wrong password audited", () -> audit.size() == 2);
        awaitText(login.label("loginMessage").target(), "登录名或密码错误。");
        // No role to pick: the account's own role chooses the home screen.
        login.textBox("loginPassword").enterText("Teller#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.label("headerUser").requireText("王芳 · 柜员");
        frame.button("headerLogout").click();
        frame("loginFrame").requireVisible();
        await("logout audited", () -> audit.size() == 4);

        List<String> types = new ArrayList<>();
        for (long seq = 0; seq < audit.size(); seq++) {
            AuditEntry e = audit.entry(seq).orElseThrow();
            types.add(e.type() + "/" + e.outcome() + "/" + e.actor());
            assertThat(e.toString() + e.details()).doesNotContain("Teller#2024");
        }
        assertThat(audit.entry(0).orElseThrow().details()).contains("\"typed\":\"T**********\"");
        assertThat(types).containsExactly("LOGIN_FAILED/FAILED/unknown", "LOGIN_FAILED/FAILED/teller01",
                "LOGIN_OK/OK/teller01", "LOGOUT/OK/teller01");
        assertThat(AuditVerifier.verify(db).ok()).isTrue();
    }
}
