package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.teller.app.TellerApp;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.theme.Theme;
import bank.ushield.testsupport.PostgresDatabase;
import bank.ushield.testsupport.PostgresExtension;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;

/**
 * The workstation on a branch's PostgreSQL database, started the way IT starts it (TellerApp's command line and
 * environment): {@code setup} points two workstations at one database (the first as the schema owner, the second as
 * its own user with the grants of docs/db.md), the second starts and a teller logs in, its own audit log in the
 * branch database. At start, no server, a wrong password, missing grants and a newer schema each open a window in
 * words (both languages), and nothing is written.
 */
@ExtendWith({SoftHsmExtension.class, PostgresExtension.class})
class BranchDatabaseStartGuiTest extends GuiTest {

    private static final String KEYSTORE_PASSWORD = "ks-Secret-0102";
    private static final String OWNER_PASSWORD = "Owner-Secret-77";
    private static final String W03_PASSWORD = "W03-Secret-88";
    private static final String AUDIT_TABLES = "branch_audit_entry, branch_audit_node, branch_audit_signer, "
            + "branch_audit_checkpoint, branch_audit_anchor, audit_entry, audit_node, audit_signer, audit_checkpoint, "
            + "audit_anchor";

    @TempDir
    Path dir;

    private SoftHsmToken token;
    private PostgresDatabase pg;
    private String schema;
    private String url;
    private String owner;
    private String w03;
    private String lastOutput = "";

    @BeforeEach
    void branch(SoftHsmToken token, PostgresDatabase pg) {
        this.token = token;
        this.pg = pg;
        schema = pg.freshSchema();
        url = pg.url() + "?currentSchema=" + schema;
        owner = pg.createRole("owner" + schema, OWNER_PASSWORD);
        w03 = pg.createRole("w03" + schema, W03_PASSWORD);
        pg.execute("GRANT CREATE, USAGE ON SCHEMA " + schema + " TO " + owner);
    }

    @AfterEach
    void chineseAgain() {
        Texts.setLanguage(Language.CHINESE);
    }

    /** The grants docs/db.md gives a workstation's user, after the owner created the tables. */
    private void grantWorkstation(String role) {
        pg.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
                "REVOKE UPDATE, DELETE, TRUNCATE ON " + qualified(AUDIT_TABLES) + " FROM " + role,
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
    }

    private String qualified(String tables) {
        return String.join(", ", java.util.Arrays.stream(tables.split(",\\s*")).map(t -> schema + "." + t).toList());
    }

    /** A workstation's data folder with every production setting but the database (as IT prepares it). */
    private Path home(String name) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path sync = Files.createDirectories(dir.resolve("head-office-exchange"));
        Path ho = dir.resolve("head-office-sync.pem");
        Path ca = dir.resolve("ca.pem");
        if (!Files.exists(ho)) {
            selfSigned("CN=Head office sync", ho);
            selfSigned("CN=U-shield CA", ca);
        }
        new SettingsStore(home).save(new Settings(token.modulePath().toString(), token.label(), "0102-W01",
                sync.toString(), ho.toString(), ca.toString(), Language.CHINESE, Theme.LIGHT, 5));
        return home;
    }

    private void selfSigned(String subject, Path pem) {
        Path key = pem.resolveSibling(pem.getFileName() + ".key");
        SoftHsm.run(SoftHsm.configuration(), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-subj", "/" + subject, "-days", "30",
                "-keyout", key.toString(), "-out", pem.toString());
    }

    private Path passwordFile(String name, String password, String mode) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, password + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private Path cardKey() throws IOException {
        Path f = dir.resolve("branch-card.key");
        if (!Files.exists(f)) {
            Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                    24, 25, 26, 27, 28, 29, 30, 31, 32});
        }
        return f;
    }

    private int run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(env::get));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        lastOutput = out.toString();
        System.out.println(out);
        return exit;
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("USHIELD_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** setup of {@code ws} on the branch database as {@code user} with the password in a file. */
    private int setUp(Path home, String ws, String user, Path passwordFile, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--data-dir", home.toString(), "setup", "--branch",
                "0102", "--branch-name", "测试支行", "--workstation", ws, "--card-key", cardKey().toString(),
                "--branch-database-url", url, "--branch-database-user", user, "--branch-database-password-file",
                passwordFile.toString()));
        args.addAll(List.of(more));
        return run(env("TELLER_PASSWORD", "Teller#2024"), args.toArray(String[]::new));
    }

    private Path ownerSetUpW01() throws IOException {
        Path w01 = home("w01");
        assertThat(setUp(w01, "0102-W01", owner, passwordFile("owner.pw", OWNER_PASSWORD, "rw-------"), "--login",
                "teller01", "--name", "王芳", "--role", "TELLER", "--password-env", "TELLER_PASSWORD"))
                .as(lastOutput).isZero();
        return w01;
    }

    @Test
    void twoWorkstationsAreSetUpOnTheBranchDatabaseAndATellerLogsInAtTheSecond() throws Exception {
        ownerSetUpW01();
        assertThat(lastOutput).contains("Branch database settings written", "Staff teller01 (TELLER) created.")
                .doesNotContain(OWNER_PASSWORD);

        // W03's own user before IT granted it anything: refused in words, nothing written.
        Path w03Home = home("w03");
        Path w03Password = passwordFile("w03.pw", W03_PASSWORD, "rw-------");
        assertThat(setUp(w03Home, "0102-W03", w03, w03Password)).isEqualTo(2);
        assertThat(lastOutput).contains("Refused:", "lacks rights", "Nothing was written");
        assertThat(new SettingsStore(w03Home).properties().getProperty(BranchDatabaseSettings.URL_KEY)).isNull();
        // A password file others may read is refused before any connection.
        Path open = passwordFile("w03-open.pw", W03_PASSWORD, "rw-r--r--");
        assertThat(setUp(w03Home, "0102-W03", w03, open)).isEqualTo(2);
        assertThat(lastOutput).contains("Refused:", "may be read by other users");

        grantWorkstation(w03);
        assertThat(setUp(w03Home, "0102-W03", w03, w03Password)).as(lastOutput).isZero();
        String settingsText = Files.readString(new SettingsStore(w03Home).file());
        assertThat(settingsText).contains("branch.database.user=" + w03).doesNotContain(W03_PASSWORD);
        assertThat(lastOutput).doesNotContain(W03_PASSWORD);
        assertThat(Files.getPosixFilePermissions(new SettingsStore(w03Home).file()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // W03 starts on the branch database: no SQLite file; the teller set up at W01 logs in at W03.
        assertThat(run(env("USHIELD_HOME", w03Home.toString()))).isZero();
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("teller01");
        login.textBox("loginPassword").enterText("Teller#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.label("headerUser").requireText("王芳 · 柜员");
        assertThat(w03Home.resolve("production").resolve("workstation.db")).doesNotExist();

        // Each workstation's own log in the branch database: W03's holds its set-up and the login, W01's does not.
        try (Database db = Database.open(BranchDatabaseSettings.of(url, w03, W03_PASSWORD.toCharArray(), "0102-W03"));
             AuditLog audit = AuditLog.open(db, "0102-W03", Clock.systemUTC())) {
            await("login audited at W03", () -> types(audit).contains("LOGIN_OK"));
            assertThat(types(audit)).startsWith("WORKSTATION_SET_UP", "SETTINGS_CHANGED");
        }
        try (Database db = Database.open(BranchDatabaseSettings.of(url, owner, OWNER_PASSWORD.toCharArray(), "0102-W01"));
             AuditLog audit = AuditLog.open(db, "0102-W01", Clock.systemUTC())) {
            assertThat(types(audit)).doesNotContain("LOGIN_OK").contains("STAFF_ACCOUNT_CREATED");
        }
    }

    private static List<String> types(AuditLog audit) {
        List<String> types = new java.util.ArrayList<>();
        for (long seq = 0; seq < audit.size(); seq++) {
            AuditEntry e = audit.entry(seq).orElseThrow();
            types.add(e.type().name());
        }
        return types;
    }

    /** The start faults IT meets: each one's window, in words. */
    enum Fault { NO_SERVER, WRONG_PASSWORD, MISSING_GRANTS, NEWER_SCHEMA }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aBranchDatabaseThatCannotBeUsedIsExplainedAtStartInBothLanguages(Fault fault) throws Exception {
        ownerSetUpW01();
        Path home = home("w03");
        String useUrl = url;
        String password = W03_PASSWORD;
        switch (fault) {
            case NO_SERVER -> useUrl = "jdbc:postgresql://127.0.0.1:9/ushield_0102";
            case WRONG_PASSWORD -> password = "not-the-password";
            case MISSING_GRANTS -> {
                grantWorkstation(w03);
                pg.execute("REVOKE INSERT ON " + schema + ".renewal_case FROM " + w03);
            }
            case NEWER_SCHEMA -> {
                grantWorkstation(w03);
                pg.execute("INSERT INTO " + schema + ".flyway_schema_history (installed_rank, version, description, "
                        + "type, script, checksum, installed_by, execution_time, success) VALUES (999, '99', "
                        + "'from a newer release', 'SQL', 'V99__newer.sql', 0, 'test', 1, true)");
            }
            default -> throw new IllegalStateException();
        }
        Path prod = Files.createDirectories(home.resolve("production"));
        WorkstationKeys.create(prod, "0102-W03", KEYSTORE_PASSWORD::toCharArray);
        Files.copy(cardKey(), prod.resolve("card-matching.key"));
        Path pw = passwordFile("w03-" + fault + ".pw", password, "rw-------");
        for (Language language : Language.values()) {
            SettingsStore store = new SettingsStore(home);
            store.save(store.load().withProduction("0102-W03", token.modulePath().toString(), token.label(),
                    store.load().syncFolder(), store.load().headOfficeCert(), store.load().caCertificates())
                    .withLanguage(language), Map.of(BranchDatabaseSettings.URL_KEY, useUrl,
                    BranchDatabaseSettings.USER_KEY, w03, BranchDatabaseSettings.PASSWORD_FILE_KEY, pw.toString()));
            assertThat(run(env("USHIELD_HOME", home.toString()))).isZero();
            DialogFixture error = dialog("errorDialog");
            String title = error.label("errorTitle").text().replaceAll("<[^>]*>", "");
            String next = error.label("errorNext").text();
            boolean zh = language == Language.CHINESE;
            switch (fault) {
                case NO_SERVER -> assertThat(title).contains(zh ? "无法连接分行数据库" : "The branch database cannot be reached");
                case WRONG_PASSWORD -> assertThat(title).contains(zh ? "分行数据库拒绝了本工作站的登录"
                        : "The branch database refuses this workstation's login");
                case MISSING_GRANTS -> {
                    assertThat(title).contains(zh ? "分行数据库未授予本工作站所需的权限"
                            : "The branch database does not give this workstation the rights it needs");
                    assertThat(error.label("errorCauses").text()).contains("INSERT on renewal_case").contains(w03);
                }
                case NEWER_SCHEMA -> assertThat(title).contains(zh ? "本工作站的数据库由更新版本的软件写入"
                        : "This workstation's database was written by a newer release of the software");
                default -> throw new IllegalStateException();
            }
            assertThat(next).isNotBlank();
            assertThat(title + next + error.label("errorCauses").text()).doesNotContain(password)
                    .doesNotContain(W03_PASSWORD);
            Screenshots.take(error.target(), "branch-start-" + fault.name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + (zh ? "zh" : "en"));
            error.button("errorOk").click();
            assertThat(frame("loginFrame").label("loginMessage").text()).contains(title);
            robot.cleanUp();
            robot = freshRobot();
        }
        // Nothing was written for W03: no SQLite file beside, no entry in a log of its own.
        assertThat(prod.resolve("workstation.db")).doesNotExist();
        if (fault == Fault.MISSING_GRANTS) {
            try (Database db = Database.open(BranchDatabaseSettings.of(url, owner, OWNER_PASSWORD.toCharArray(),
                    "0102-W03")); AuditLog audit = AuditLog.open(db, "0102-W03", Clock.systemUTC())) {
                assertThat(audit.size()).isZero();
            }
        }
    }
}
