package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.assertj.swing.core.matcher.JButtonMatcher;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.LoginResult;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.StaffAuthenticator;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUserRepository;
import bank.ushield.renewal.staff.DbStaffAccess;
import bank.ushield.renewal.staff.DbStaffAccounts;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.app.DomainWiring;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.testsupport.DatabaseFile;
import bank.ushield.testsupport.DatabaseFileExtension;

/**
 * A manager manages the branch's staff accounts in the app (the db module's accounts, a real audit log): creates
 * an account, which then logs in, and disables it, which then cannot; each change audited with the manager's login.
 * A teller has no Staff button.
 */
@ExtendWith(DatabaseFileExtension.class)
class StaffAccountsGuiTest extends GuiTest {

    @TempDir
    Path data;

    @Test
    void aManagerCreatesThenDisablesAnAccountAndBothAreAudited(DatabaseFile file) {
        Database db = Database.open(file.path());
        Clock clock = Clock.systemUTC();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO branch (id, name) VALUES ('0102', '测试支行')"));
        StaffUserRepository staff = new StaffUserRepository(db.jdbi(), new PasswordHasher(), clock);
        staff.create("mgr01", "张主管", StaffRole.MANAGER, "0102", "Manager#2024".toCharArray());
        AuditLog audit = AuditLog.open(db, "0102-W01", clock);
        StaffAuthenticator authenticator = new StaffAuthenticator(db.jdbi(), new PasswordHasher(), LockoutPolicy.DEFAULT,
                clock);
        DbStaffAccess access = new DbStaffAccess(() -> authenticator, () -> audit, clock);
        WorkstationContext ws = new WorkstationContext(new AppPaths(data, false), new SettingsStore(data),
                Settings.defaults(), new SwingTaskExecutor(e -> ErrorDialog.show(null, e)), access, clock);
        bank.ushield.db.Repositories repos = new bank.ushield.db.Repositories(db,
                new bank.ushield.db.CardMatchingKey(new byte[32]), new PasswordHasher(), clock);
        ws.staffAccounts(new DbStaffAccounts(() -> repos, () -> audit, () -> "0102", clock));
        GuiActionRunner.execute(() -> new WorkstationApp(ws, DomainWiring.withoutModules()).showLogin());
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("mgr01");
        login.textBox("loginPassword").enterText("Manager#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.button("headerStaff").click();
        DialogFixture dialog = dialog("staffDialog");
        await("accounts listed", () -> dialog.table("staffTable").rowCount() == 1);

        dialog.button("staffCreate").click();
        DialogFixture form = dialog("staffForm");
        form.textBox("staffNewLogin").enterText("teller31");
        form.textBox("staffNewName").enterText("王芳");
        form.textBox("staffNewPassword").enterText("Teller#2026");
        form.textBox("staffNewPasswordAgain").enterText("Teller#2026");
        form.button(JButtonMatcher.withText("确定")).click();
        await("account created", () -> dialog.table("staffTable").rowCount() == 2);
        dialog.label("staffStatus").requireText("账户 teller31 已创建。");
        Screenshots.take(dialog.target(), "staff-01-created");
        assertThat(authenticator.authenticate("teller31", "Teller#2026".toCharArray()))
                .isInstanceOf(LoginResult.Ok.class);

        // The manager's own row: neither disable nor another role.
        int own = row(dialog, "mgr01");
        dialog.table("staffTable").selectRows(own);
        dialog.button("staffActive").requireDisabled();
        dialog.button("staffRole").requireDisabled();
        dialog.table("staffTable").selectRows(row(dialog, "teller31"));
        dialog.button("staffActive").requireEnabled().click();
        await("account disabled", () -> dialog.label("staffStatus").text().contains("teller31 已停用"));
        assertThat(authenticator.authenticate("teller31", "Teller#2026".toCharArray()))
                .isInstanceOf(LoginResult.Inactive.class);
        dialog.button("staffClose").click();

        List<String> changes = new ArrayList<>();
        for (long seq = 0; seq < audit.size(); seq++) {
            AuditEntry e = audit.entry(seq).orElseThrow();
            if (e.type().name().startsWith("STAFF_ACCOUNT")) {
                changes.add(e.type() + "/" + e.actor() + "/" + e.role());
                assertThat(e.details()).contains("teller31").doesNotContain("Teller#2026");
            }
        }
        assertThat(changes).containsExactly("STAFF_ACCOUNT_CREATED/mgr01/MANAGER", "STAFF_ACCOUNT_CHANGED/mgr01/MANAGER");
        assertThat(AuditVerifier.verify(db).ok()).isTrue();
    }

    private static int row(DialogFixture dialog, String login) {
        String[][] rows = dialog.table("staffTable").contents();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i][0].equals(login)) {
                return i;
            }
        }
        throw new AssertionError(login + " not listed");
    }
}
