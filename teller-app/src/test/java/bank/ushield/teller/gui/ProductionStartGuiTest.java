package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import javax.swing.JLabel;

import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import bank.ushield.audit.AuditEntry;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import bank.ushield.db.Repositories;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CardMatchingKeyCheck;
import bank.ushield.db.PasswordHasher;
import bank.ushield.teller.app.TellerApp;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.theme.Theme;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;

/**
 * Production mode started the way the workstation starts (TellerApp's command line, environment for the keystore
 * password): SoftHSM2 as the configured PKCS#11 module, a real production SQLite database set up by
 * {@code teller-app setup}, the workstation keystore. No training banner; a teller logs in. Start failures are
 * explained in the error dialog, and each mode refuses the other mode's database.
 */
@ExtendWith(SoftHsmExtension.class)
class ProductionStartGuiTest extends GuiTest {

    private static final String WORKSTATION = "0102-W03";
    private static final String KEYSTORE_PASSWORD = "ks-Secret-0102";

    @TempDir
    Path home;

    private SoftHsmToken token;

    @BeforeEach
    void productionSettings(SoftHsmToken token) throws IOException {
        this.token = token;
        Path sync = Files.createDirectories(home.resolve("head-office-exchange"));
        Path ho = home.resolve("head-office-sync.pem");
        Path ca = home.resolve("ca.pem");
        selfSigned("CN=Head office sync", ho);
        selfSigned("CN=U-shield CA", ca);
        new SettingsStore(home).save(new Settings(token.modulePath().toString(), token.label(), "0102-W01",
                sync.toString(), ho.toString(), ca.toString(), Language.CHINESE, Theme.LIGHT, 5));
    }

    /** A certificate made by OpenSSL, as head office would hand one over. */
    private void selfSigned(String subject, Path pem) {
        Path key = pem.resolveSibling(pem.getFileName() + ".key");
        SoftHsm.run(SoftHsm.configuration(), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-subj", "/" + subject, "-days", "30",
                "-keyout", key.toString(), "-out", pem.toString());
    }

    private String lastOutput = "";

    private int run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(env::get));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        lastOutput = out.toString();
        System.out.println(out);
        return exit;
    }

    private void setUpWorkstation() {
        assertThat(run(Map.of("TELLER_PASSWORD", "Teller#2024", "USHIELD_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD), "--data-dir", home.toString(), "setup", "--branch", "0102",
                "--branch-name", "测试支行", "--workstation", WORKSTATION, "--login", "teller01", "--name", "王芳", "--role",
                "TELLER", "--password-env", "TELLER_PASSWORD")).isZero();
    }

    private static java.util.List<String> entriesOf(AuditLog audit) {
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (long seq = 0; seq < audit.size(); seq++) {
            AuditEntry e = audit.entry(seq).orElseThrow();
            entries.add(e.type() + "/" + e.actor() + "/" + e.workstation());
        }
        return entries;
    }

    private static Map<String, String> keystoreEnv(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("USHIELD_KEYSTORE_PASSWORD", password);
        return env;
    }

    @Test
    void productionStartsOnSoftHsmWithoutTheTrainingBannerAndATellerLogsIn() throws Exception {
        setUpWorkstation();
        assertThat(new SettingsStore(home).load().workstationId()).isEqualTo(WORKSTATION);

        // Started as IT support would: the data folder and the keystore password from the environment.
        Map<String, String> env = keystoreEnv(KEYSTORE_PASSWORD);
        env.put("USHIELD_HOME", home.toString());
        assertThat(run(env)).isZero();
        FrameFixture login = frame("loginFrame");
        assertThat(login.target().getTitle()).doesNotContain("培训");
        assertThat(GuiActionRunner.execute(() -> robot.finder()
                .findAll(login.target(), c -> "trainingBanner".equals(c.getName()) && c.isShowing()))).isEmpty();
        Screenshots.take(login.target(), "production-01-login");
        login.textBox("loginUser").enterText("teller01");
        login.textBox("loginPassword").enterText("Teller#2024");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.label("headerUser").requireText("王芳 · 柜员");
        assertThat(frame.target().getTitle()).doesNotContain("培训");
        assertThat(GuiActionRunner.execute(() -> robot.finder()
                .findAll(frame.target(), c -> c instanceof JLabel && "trainingBanner".equals(c.getName())))).isEmpty();
        Screenshots.take(frame.target(), "production-02-teller-home");

        // The production files: the database set up above (now holding the login) and the new workstation keystore.
        Path prod = home.resolve("production");
        assertThat(prod.resolve("workstation.db")).isRegularFile();
        assertThat(prod.resolve(WorkstationKeys.FILE_NAME)).isRegularFile();
        assertThat(home.resolve("training")).doesNotExist();
        Database db = Database.open(prod.resolve("workstation.db"));
        try (AuditLog audit = AuditLog.open(db, WORKSTATION, Clock.systemUTC())) {
            // setup audited itself and the account it created (ADR 0065), then the login.
            await("login audited", () -> entriesOf(audit).stream().anyMatch(e -> e.startsWith("LOGIN_OK")));
            String it = "IT (" + System.getProperty("user.name") + ")";
            // The scheduled sync's entries (actor "system") may come between: the people's entries in order.
            java.util.List<String> entries = entriesOf(audit).stream().filter(e -> !e.contains("/system/")).toList();
            assertThat(entries).containsExactly("WORKSTATION_SET_UP/" + it + "/" + WORKSTATION,
                    "SETTINGS_CHANGED/" + it + "/" + WORKSTATION, "STAFF_ACCOUNT_CREATED/" + it + "/" + WORKSTATION,
                    "LOGIN_OK/teller01/" + WORKSTATION);
        } finally {
            db.close();
        }
        // The keystore opens with the environment's password only.
        assertThat(WorkstationKeys.loadOrCreate(prod, WORKSTATION, KEYSTORE_PASSWORD::toCharArray).certificate()).isNotNull();

        // The certificate for head office's registration: OpenSSL reads the PEM and agrees on the fingerprint.
        Path pem = home.resolve("0102-W01.pem");
        assertThat(run(Map.of(), "--data-dir", home.toString(), "export-workstation-certificate", "--out",
                pem.toString())).isEqualTo(2);
        assertThat(pem).doesNotExist();
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString(), "export-workstation-certificate",
                "--out", pem.toString())).isZero();
        String printed = lastOutput.replaceAll("(?s).*SHA-256 fingerprint: ([0-9A-F:]+).*", "$1");
        assertThat(SoftHsm.run(SoftHsm.configuration(), "openssl", "x509", "-in", pem.toString(), "-noout",
                "-fingerprint", "-sha256")).contains(printed);
    }

    @Test
    void itSetsProductionUpWithItsOwnAccountAndNoTrainingDataThenChangesSettingsAudited() throws Exception {
        // A fresh machine: no settings yet. setup writes every production setting and IT's own account.
        Settings given = new SettingsStore(home).load();
        Files.delete(new SettingsStore(home).file());
        Map<String, String> env = keystoreEnv(KEYSTORE_PASSWORD);
        env.put("IT_PASSWORD", "It-Secret-2026");
        assertThat(run(env, "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name", "测试支行",
                "--workstation", WORKSTATION, "--pkcs11-module", given.pkcs11Module(), "--token-label",
                given.tokenLabel(), "--sync-folder", given.syncFolder(), "--head-office-cert", given.headOfficeCert(),
                "--ca-certificates", given.caCertificates(), "--sync-minutes", "15", "--login", "it01", "--name",
                "IT 运维", "--role", "IT", "--password-env", "IT_PASSWORD")).isZero();
        assertThat(lastOutput).contains("Staff it01 (IT) created.", "Production settings written to");
        Settings written = new SettingsStore(home).load();
        assertThat(written.pkcs11Module()).isEqualTo(given.pkcs11Module());
        assertThat(written.syncFolder()).isEqualTo(given.syncFolder());
        assertThat(written.headOfficeCert()).isEqualTo(given.headOfficeCert());
        assertThat(written.caCertificates()).isEqualTo(given.caCertificates());
        assertThat(written.workstationId()).isEqualTo(WORKSTATION);
        assertThat(written.syncMinutes()).isEqualTo(15);
        // A missing share is refused, never created.
        assertThat(run(env, "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name", "测试支行",
                "--workstation", WORKSTATION, "--sync-folder", home.resolve("not-mounted").toString())).isEqualTo(2);
        assertThat(lastOutput).contains("does not exist (is the share mounted?)");
        assertThat(home.resolve("not-mounted")).doesNotExist();

        env.put("USHIELD_HOME", home.toString());
        assertThat(run(env)).isZero();
        FrameFixture login = frame("loginFrame");
        // No role to pick: the account's role decides.
        assertThat(GuiActionRunner.execute(() -> robot.finder().findAll(login.target(),
                c -> "loginRole".equals(c.getName())))).isEmpty();
        login.textBox("loginUser").enterText("it01");
        login.textBox("loginPassword").enterText("It-Secret-2026");
        login.button("loginOk").click();
        FrameFixture frame = frame("workstationFrame");
        frame.label("headerUser").requireText("IT 运维 · IT 运维");
        frame.label("itWorkstation").requireText(WORKSTATION);
        // Where the data is and the card key's check value IT compares across counters (ADR 0097); no secret shown.
        frame.label("itDatabase").requireText("本机 SQLite 文件 " + home.resolve("production").resolve("workstation.db"));
        String check = new CardMatchingKey(Files.readAllBytes(home.resolve("production")
                .resolve(CardMatchingKey.KEY_FILE))).checkValue().substring(0, 8);
        frame.label("itCardKeyCheck").requireText("校验值 " + check + "…（本网点每个柜台都应相同）");
        Screenshots.take(frame.target(), "production-it-home");
        frame.button("headerSync").requireVisible();
        frame.button("headerSettings").click();
        DialogFixture settings = dialog("settingsDialog");
        settings.textBox("settingsModule").requireEditable();
        settings.tabbedPane("settingsTabs").selectTab(1);
        settings.textBox("settingsWorkstation").requireEditable().requireText(WORKSTATION);
        settings.spinner("settingsSyncMinutes").select(5);
        settings.button("settingsSave").click();
        dialog("settingsRestartNotice").button(org.assertj.swing.core.matcher.JButtonMatcher.withText("确定")).click();
        assertThat(new SettingsStore(home).load().syncMinutes()).isEqualTo(5);

        // Nothing of training on this production workstation: no training folder, database or account.
        assertThat(home.resolve("training")).doesNotExist();
        Database db = Database.open(home.resolve("production").resolve("workstation.db"));
        try (AuditLog audit = AuditLog.open(db, WORKSTATION, Clock.systemUTC())) {
            Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(home.resolve("production")),
                    new PasswordHasher(), Clock.systemUTC());
            assertThat(repos.staff().findByLogin("teller01")).isEmpty();
            assertThat(repos.staff().findByLogin("trainer01")).isEmpty();
            AuditEntry changed = null;
            for (long seq = 0; seq < audit.size(); seq++) {
                AuditEntry e = audit.entry(seq).orElseThrow();
                if (e.type().name().equals("SETTINGS_CHANGED") && e.actor().equals("it01")) {
                    changed = e;
                }
            }
            assertThat(changed).as("IT's settings change audited").isNotNull();
            assertThat(changed.role()).isEqualTo("IT");
            assertThat(changed.details()).contains("sync.intervalMinutes").contains("[\"15\",\"5\"]");
        } finally {
            db.close();
        }
    }

    @Test
    void aMissingKeystoreStopsTheStartAndNoNewKeyIsMade() {
        setUpWorkstation();
        Path keystore = home.resolve("production").resolve(WorkstationKeys.FILE_NAME);
        assertThat(lastOutput).contains("Workstation signing key created");
        // Setup again never replaces it.
        setUpWorkstation();
        assertThat(lastOutput).contains("Workstation signing key exists already; unchanged.");
        try {
            java.nio.file.Files.delete(keystore);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("工作站无法启动：工作站签名密钥缺失");
        assertThat(error.label("errorNext").text()).contains("teller-app setup");
        error.button("errorOk").click();
        frame("loginFrame").label("loginMessage").requireText("工作站无法启动：工作站签名密钥缺失");
        assertThat(keystore).doesNotExist();
    }

    @Test
    void aLostCardMatchingKeyStopsTheStartAndNoNewKeyIsMade() throws IOException {
        setUpWorkstation();
        Path key = home.resolve("production").resolve(CardMatchingKey.KEY_FILE);
        byte[] original = Files.readAllBytes(key);
        // setup recorded the key the database's cards are to be hashed with (ADR 0097)
        Database db = Database.open(home.resolve("production").resolve("workstation.db"));
        try {
            assertThat(CardMatchingKeyCheck.recorded(db.jdbi())).hasValueSatisfying(
                    r -> assertThat(r.checkValue()).isEqualTo(new CardMatchingKey(original).checkValue()));
        } finally {
            db.close();
        }
        Files.delete(key);
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("工作站无法启动：缺少银行卡匹配密钥文件");
        assertThat(error.label("errorNext").text()).contains("备份");
        Screenshots.take(error.target(), "production-card-key-lost");
        error.button("errorOk").click();
        assertThat(key).doesNotExist();
    }

    @Test
    void aCardMatchingKeyOtherThanTheDatabasesStopsTheStart() throws IOException {
        setUpWorkstation();
        Path key = home.resolve("production").resolve(CardMatchingKey.KEY_FILE);
        Files.write(key, new byte[32]); // somebody's other key file copied in
        DialogFixture error;
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("工作站无法启动：银行卡匹配密钥与数据库不一致");
        javax.swing.JTextArea details = robot.finder().findByName(error.target(), "errorDetailsText",
                javax.swing.JTextArea.class, false);
        assertThat(GuiActionRunner.execute(() -> details.getText())).contains("recorded by workstation " + WORKSTATION);
        Screenshots.take(error.target(), "production-card-key-not-the-databases");
        error.button("errorOk").click();
        assertThat(key).hasBinaryContent(new byte[32]);
    }

    @Test
    void aMissingKeystorePasswordIsExplainedNotAStackTrace() {
        setUpWorkstation();
        assertThat(run(Map.of(), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("工作站无法启动：未设置密钥库密码");
        assertThat(error.label("errorNext").text()).contains("USHIELD_KEYSTORE_PASSWORD");
        Screenshots.take(error.target(), "production-03-no-keystore-password");
        error.button("errorOk").click();
        // The login window keeps saying why nobody can log in.
        frame("loginFrame").label("loginMessage").requireText("工作站无法启动：未设置密钥库密码");
    }

    @Test
    void aWrongKeystorePasswordIsExplained() {
        setUpWorkstation();
        WorkstationKeys.loadOrCreate(home.resolve("production"), WORKSTATION, KEYSTORE_PASSWORD::toCharArray);
        assertThat(run(keystoreEnv("not-the-password"), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("工作站无法启动：密钥库无法打开");
        javax.swing.JTextArea details = robot.finder().findByName(error.target(), "errorDetailsText",
                javax.swing.JTextArea.class, false);
        String detailsText = GuiActionRunner.execute(() -> details.getText());
        assertThat(detailsText).contains("WorkstationStartException")
                .doesNotContain("not-the-password").doesNotContain(KEYSTORE_PASSWORD);
        error.button("errorOk").click();
    }

    @Test
    void aMalformedKeyPolicyIsExplainedAtStartWithoutAStackTrace() throws IOException {
        setUpWorkstation();
        Path prod = home.resolve("production");
        Path policy = Files.writeString(prod.resolve("key-policy.properties"), "model.ePass3000=sm3\n");
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("数据文件夹中的设置文件有一项的值不被允许：model.ePass3000");
        assertThat(error.label("errorCauses").text()).contains(policy.toAbsolutePath().toString())
                .contains("rsa-2048, sm2, expiring");
        javax.swing.JTextArea details = robot.finder().findByName(error.target(), "errorDetailsText",
                javax.swing.JTextArea.class, false);
        assertThat(GuiActionRunner.execute(() -> details.getText())).contains("SettingsFileException")
                .doesNotContain("\tat ").doesNotContain(".java:");
        Screenshots.take(error.target(), "production-04-malformed-key-policy");
        error.button("errorOk").click();
        frame("loginFrame").label("loginMessage").requireText("数据文件夹中的设置文件有一项的值不被允许：model.ePass3000");
    }

    @Test
    void aVendorProfileMissingAMechanismCodeIsExplainedAtStart() throws IOException {
        // IT's vendor profile without its key generation code: the same refusal, naming that file and key.
        setUpWorkstation();
        Path prod = home.resolve("production");
        Path profile = Files.writeString(Files.createDirectories(prod.resolve("vendor-profiles"))
                .resolve("acme.properties"), "match.manufacturer=ACME\nsm2.keyType=0x80000004\nsm2.sign=0x80008000\n");
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("数据文件夹中的设置文件缺少必需的设置项：sm2.keyPairGen");
        assertThat(error.label("errorCauses").text()).contains(profile.toAbsolutePath().toString());
        error.button("errorOk").click();
    }

    @Test
    void aConfiguredModuleThatIsGoneIsExplainedAtStart() throws IOException {
        setUpWorkstation();
        SettingsStore store = new SettingsStore(home);
        Settings s = store.load();
        store.save(s.withPkcs11(home.resolve("vendor/libgone-pkcs11.so").toString(), s.tokenLabel()));
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("此路径下没有 PKCS#11 模块文件");
        assertThat(error.label("errorCauses").text()).contains("libgone-pkcs11.so");
        error.button("errorOk").click();
    }

    @Test
    void productionRefusesADatabaseWithTrainingData() {
        Path prod = home.resolve("production");
        Database db = Database.open(prod.resolve("workstation.db"));
        Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(prod), new PasswordHasher(), Clock.systemUTC());
        repos.branches().saveBranch("9999", "培训支行");
        repos.branches().saveWorkstation("9999-T01", "9999", "培训柜台", true);
        db.close();
        WorkstationKeys.create(prod, WORKSTATION, KEYSTORE_PASSWORD::toCharArray);
        assertThat(run(keystoreEnv(KEYSTORE_PASSWORD), "--data-dir", home.toString())).isZero();
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("生产模式拒绝使用此数据库：其中有培训数据");
        error.button("errorOk").click();
        // And setup refuses it too.
        assertThat(run(Map.of(), "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name", "x",
                "--workstation", WORKSTATION)).isEqualTo(2);
    }

    @Test
    void trainingRefusesADatabaseWithProductionData() {
        setUpWorkstation();
        Path training = home.resolve("training");
        assertThat(training).doesNotExist();
        // A production database copied into the training folder.
        try {
            Files.createDirectories(training);
            Files.copy(home.resolve("production/workstation.db"), training.resolve("training.db"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(run(Map.of(), "--data-dir", home.toString(), "--training")).isZero();
        FrameFixture login = frame("loginFrame");
        assertThat(login.target().getTitle()).contains("培训");
        DialogFixture error = dialog("errorDialog");
        assertThat(error.label("errorTitle").text()).contains("培训模式拒绝使用此数据库：其中有生产数据");
        error.button("errorOk").click();
        // Nothing was generated into it.
        Database db = Database.open(training.resolve("training.db"));
        try {
            Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(training), new PasswordHasher(), Clock.systemUTC());
            assertThat(repos.staff().findByLogin("teller02")).isEmpty();
        } finally {
            db.close();
        }
    }
}
