package bank.ushield.teller.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import bank.ushield.audit.AuditEntry;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.renewal.RenewalCase;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.StaffMember;
import bank.ushield.teller.app.TellerApp;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.theme.Theme;
import bank.ushield.teller.wizard.WizardStep;
import bank.ushield.testsupport.SoftHsm;
import bank.ushield.testsupport.SoftHsmExtension;
import bank.ushield.testsupport.SoftHsmToken;
import bank.ushield.token.KeyAlgorithm;

/**
 * A production workstation (SoftHSM2 as its PKCS#11 module, set up by {@code teller-app setup}) gets its customers
 * from a head-office customer extract that OpenSSL alone made: its own sync key (pinned in the settings), its token
 * certificate, the card hash by {@code openssl dgst -mac HMAC} with the workstation's card-matching key, the
 * envelope by {@code openssl cms -sign}. Imported by {@code teller-app import-customers} or by the teller's sync;
 * then the teller finds the customer by the ID document number.
 */
@ExtendWith(SoftHsmExtension.class)
class ProductionCustomerExtractGuiTest extends GuiTest {

    private static final String WORKSTATION = "0102-W03";
    private static final String KEYSTORE_PASSWORD = "ks-Secret-0102";
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String PAN = "6222020200112233446";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private SoftHsmToken token;
    private Path ho;
    private Path sync;

    @BeforeEach
    void productionWorkstation(SoftHsmToken token) throws IOException {
        this.token = token;
        sync = Files.createDirectories(home.resolve("head-office-exchange"));
        ho = Files.createDirectories(home.resolve("openssl-head-office"));
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                "-subj", "/C=CN/O=Independent Bank/CN=Head office sync", "-keyout", "sync.key", "-out", "sync.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                "-subj", "/CN=U-shield CA", "-keyout", "ca.key", "-out", "ca.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1826",
                "-subj", "/C=CN/O=Independent Bank/CN=Li Na", "-keyout", "token.key", "-out", "token.pem");
        openssl("x509", "-in", "token.pem", "-outform", "DER", "-out", "token.der");
        new SettingsStore(home).save(new Settings(token.modulePath().toString(), token.label(), "0102-W01",
                sync.toString(), ho.resolve("sync.pem").toString(), ho.resolve("ca.pem").toString(), Language.CHINESE,
                Theme.LIGHT, 5));
        // Head office's card-matching key for the branch, installed by setup.
        openssl("rand", "-out", "branch-card.key", "32");
        assertThat(run(Map.of("TELLER_PASSWORD", "Teller#2024", "USHIELD_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD), "--data-dir", home.toString(), "setup", "--branch", "0102",
                "--branch-name", "测试支行", "--workstation", WORKSTATION, "--login", "teller01", "--name", "王芳", "--role",
                "TELLER", "--password-env", "TELLER_PASSWORD", "--card-key", ho.resolve("branch-card.key").toString())).isZero();
        assertThat(lastOutput).contains("Card-matching key installed.");
    }

    private String openssl(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return SoftHsm.run(SoftHsm.configuration(), inFolder(cmd));
    }

    /** openssl writes relative paths into the head-office folder: run it through sh with cd. */
    private String[] inFolder(String[] cmd) {
        StringBuilder line = new StringBuilder("cd '" + ho + "' &&");
        for (String c : cmd) {
            line.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        return new String[] {"sh", "-c", line.toString()};
    }

    private String lastOutput = "";

    private int run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TellerApp(env::get));
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        lastOutput = out.toString();
        System.out.println(lastOutput);
        return exit;
    }

    /** HMAC-SHA256 by openssl with head office's card-matching key of the branch. */
    private String hmac(String text) throws IOException {
        byte[] key = Files.readAllBytes(ho.resolve("branch-card.key"));
        try {
            Files.writeString(ho.resolve("hmac-in.txt"), text, StandardCharsets.US_ASCII);
            String out = openssl("dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + HexFormat.of().formatHex(key),
                    "hmac-in.txt");
            return out.substring(out.lastIndexOf('=') + 1).strip();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** An extract for {@code branch} with one customer (ID card, bank card, token and certificate), signed by OpenSSL. */
    private Path extract(String branch, long sequence, Path folder) throws IOException {
        ObjectNode x = JSON.createObjectNode();
        x.put("format", "ushield-ca-batch").put("version", 1).put("kind", "CUSTOMER_EXTRACT").put("branch", branch)
                .put("sequence", sequence).put("createdAt", "2026-11-25T02:00:00Z")
                .put("cardKeyCheck", hmac("0000000000000000"));
        x.putObject("manifest").put("customers", 1).put("documents", 1).put("cards", 1).put("tokens", 1)
                .put("certificates", 1);
        ObjectNode c = x.putArray("customers").addObject();
        // The ID number is GB 11643's own example (Beijing, born 1949-12-31): a long-term card.
        c.put("customerNo", "CUST0042").put("name", "李娜").put("birthDate", "1949-12-31").put("gender", "F");
        c.putArray("documents").addObject().put("type", "RESIDENT_ID").put("number", ID_NUMBER).put("name", "李娜")
                .put("validFrom", "2015-01-01").putNull("validTo").put("primary", true);
        c.putArray("cards").addObject().put("bin", "622202").put("last4", "3446").put("panLength", 19)
                .put("panHmac", hmac(PAN)).put("kind", "DEBIT").put("onlineBanking", true).put("status", "ACTIVE");
        ObjectNode t = c.putArray("tokens").addObject();
        t.put("serial", token.serial()).put("mediaVoucherNo", "0042004200").put("model", "SoftHSM")
                .put("manufacturer", "OpenDNSSEC").put("status", "ACTIVE").put("registeredAt", "2021-11-01T00:00:00Z");
        t.putArray("certificates").addObject()
                .put("certificate", Base64.getEncoder().encodeToString(Files.readAllBytes(ho.resolve("token.der"))))
                .put("status", "ACTIVE");
        Files.writeString(ho.resolve("extract.json"), JSON.writeValueAsString(x), StandardCharsets.UTF_8);
        String name = String.format("CUS-%s-%08d.p7m", branch, sequence);
        openssl("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-outform", "DER", "-signer", "sync.pem",
                "-inkey", "sync.key", "-in", "extract.json", "-out", name);
        Files.createDirectories(folder);
        return Files.move(ho.resolve(name), folder.resolve(name));
    }

    @Test
    void importCustomersThenTheTellerFindsTheCustomerByIdNumber() throws Exception {
        Path usb = home.resolve("usb");
        Path file = extract("0102", 1, usb);

        assertThat(run(Map.of(), "--data-dir", home.toString(), "import-customers", file.toString())).isZero();
        assertThat(lastOutput).contains("Imported CUS-0102-00000001: 1 customers (1 new, 0 changed)", "1 cards",
                "1 tokens", "1 certificates");
        assertThat(file).exists();
        assertThat(run(Map.of(), "--data-dir", home.toString(), "import-customers", file.toString())).isZero();
        assertThat(lastOutput).contains("CUS-0102-00000001 was already imported; nothing changed");

        // Bad files: a clear refusal, exit code 2, nothing imported.
        Path otherBranch = extract("0103", 1, usb);
        assertThat(run(Map.of(), "--data-dir", home.toString(), "import-customers", otherBranch.toString())).isEqualTo(2);
        assertThat(lastOutput).contains("Refused (WRONG_RECIPIENT)", "is for branch 0103", "branch 0102");
        Path truncated = extract("0102", 2, usb);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(run(Map.of(), "--data-dir", home.toString(), "import-customers", truncated.toString())).isEqualTo(2);
        assertThat(lastOutput).contains("Refused (TRUNCATED)", "Nothing was imported");

        // The production workstation starts and the teller finds the customer by the ID card's number.
        Map<String, String> env = new HashMap<>();
        env.put("USHIELD_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        env.put("USHIELD_HOME", home.toString());
        assertThat(run(env)).isZero();
        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("teller01");
        login.textBox("loginPassword").enterText("Teller#2024");
        login.button("loginOk").click();
        FrameFixture f = frame("workstationFrame");
        f.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_F2);
        WizardDriver d = new WizardDriver(this, robot, f);
        d.identify(ID_NUMBER);
        f.label("caseHeader").requireText(java.util.regex.Pattern.compile(".*CUST0042.*"));
        d.shot("production-customer-extract-01-found-by-id-number");
        // The document and the bank card check against what the extract brought: the card matches by the hash
        // OpenSSL made with the workstation's card-matching key.
        d.document(ID_NUMBER, "李娜", java.time.LocalDate.of(1949, 12, 31), java.time.LocalDate.of(2015, 1, 1));
        d.enter();
        try {
            d.awaitStep(WizardStep.BANK_CARD);
        } catch (RuntimeException | Error e) {
            d.shot("production-customer-extract-failed-at-id");
            throw e;
        }
        d.card(PAN);
        d.awaitStep(WizardStep.TOKEN);
        d.shot("production-customer-extract-02-card-matched");
    }

    @Test
    void setupInstallsTheBranchCardKeyButNeverOverCardsHashedWithAnother() throws Exception {
        assertThat(home.resolve("production").resolve(CardMatchingKey.KEY_FILE)).hasSameBinaryContentAs(
                ho.resolve("branch-card.key"));
        assertThat(run(Map.of(), "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name",
                "测试支行", "--workstation", WORKSTATION, "--card-key", ho.resolve("branch-card.key").toString()))
                .isZero();
        assertThat(lastOutput).contains("already installed; unchanged");
        Path file = extract("0102", 1, home.resolve("usb"));
        assertThat(run(Map.of(), "--data-dir", home.toString(), "import-customers", file.toString())).isZero();

        openssl("rand", "-out", "other.key", "32");
        assertThat(run(Map.of(), "--data-dir", home.toString(), "setup", "--branch", "0102", "--branch-name",
                "测试支行", "--workstation", WORKSTATION, "--card-key", ho.resolve("other.key").toString())).isEqualTo(2);
        assertThat(lastOutput).contains("Refused", "1 bank cards");
        assertThat(home.resolve("production").resolve(CardMatchingKey.KEY_FILE)).hasSameBinaryContentAs(
                ho.resolve("branch-card.key"));
    }

    @Test
    void anExtractInTheInboxArrivesWithTheTellersSync() throws Exception {
        extract("0102", 1, sync.resolve("inbox"));
        Clock clock = Clock.systemUTC();
        RenewalWorkstation.ProductionSettings settings = new RenewalWorkstation.ProductionSettings(
                home.resolve("production"), WORKSTATION, token.modulePath(), sync, ho.resolve("sync.pem"),
                ho.resolve("ca.pem"), KeyAlgorithm.EC_P256, null);
        try (RenewalWorkstation ws = RenewalWorkstation.production(settings, KEYSTORE_PASSWORD::toCharArray, clock)) {
            StaffMember teller = ws.login("teller01", "Teller#2024".toCharArray());
            var report = ws.renewals(teller).syncNow();
            assertThat(report.detail(java.util.Locale.ENGLISH)).contains("1 customers from head-office extract CUS-0102-00000001");
            assertThat(sync.resolve("inbox")).isEmptyDirectory();
            assertThat(sync.resolve("processed").resolve("CUS-0102-00000001.p7m")).exists();

            RenewalCase opened = ws.renewals(teller).open(ID_NUMBER);
            assertThat(opened.caseNo()).isNotBlank();
            long imports = 0;
            for (long i = 0; i < ws.auditLog().size(); i++) {
                AuditEntry e = ws.auditLog().entry(i).orElseThrow();
                if (e.details().contains("CUSTOMER_EXTRACT_IMPORTED")) {
                    imports++;
                    assertThat(e.details()).contains("CUS-0102-00000001", "Head office sync");
                }
            }
            assertThat(imports).isEqualTo(1);
        }
    }

    @Test
    void theHeadlessSyncImportsAnExtractWithNoCaseOpenAndNeverCreatesAMissingShare() throws Exception {
        Map<String, String> env = Map.of("USHIELD_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        extract("0102", 1, sync.resolve("inbox"));
        assertThat(run(env, "--data-dir", home.toString(), "sync")).isZero();
        // The settings' language (Chinese) words the notes.
        assertThat(lastOutput).contains("总行客户数据 CUS-0102-00000001：1 位客户");
        assertThat(sync.resolve("processed").resolve("CUS-0102-00000001.p7m")).exists();

        // The first sync also sent the audit log's checkpoint (never anchored): said, not only the extract.
        assertThat(lastOutput).contains("已发送：审计日志检查点");
        assertThat(run(env, "--data-dir", home.toString(), "sync")).isEqualTo(3);
        assertThat(lastOutput).contains("无事可做");

        // The share is not mounted: an error in words, and no local folder takes its place.
        Files.move(sync, home.resolve("unmounted"));
        assertThat(run(env, "--data-dir", home.toString(), "sync")).isEqualTo(1);
        assertThat(lastOutput).contains("总行交换目录", sync.toString()).doesNotContain("FOLDER_MISSING");
        assertThat(sync).doesNotExist();
        // import-customers refuses the same way (its quarantine is on the share), and creates nothing either.
        Path usbFile = extract("0102", 2, home.resolve("usb"));
        assertThat(run(env, "--data-dir", home.toString(), "import-customers", usbFile.toString())).isEqualTo(2);
        assertThat(lastOutput).contains("does not exist (is the share mounted?)", "nothing was imported");
        assertThat(sync).doesNotExist();

        // No keystore password: refused with the reason, not a stack trace.
        assertThat(run(Map.of(), "--data-dir", home.toString(), "sync")).isEqualTo(1);
        assertThat(lastOutput).contains("USHIELD_KEYSTORE_PASSWORD").doesNotContain("Exception");
    }

    @Test
    void theRunningAppImportsAnExtractByItselfAndAManagerSyncsNowWithTheResultInWords() throws Exception {
        assertThat(run(Map.of("MGR_PASSWORD", "Manager#2024"), "--data-dir", home.toString(), "setup", "--branch",
                "0102", "--branch-name", "测试支行", "--workstation", WORKSTATION, "--login", "mgr01", "--name", "张主管",
                "--role", "MANAGER", "--password-env", "MGR_PASSWORD")).isZero();
        extract("0102", 1, sync.resolve("inbox"));
        Map<String, String> env = new HashMap<>();
        env.put("USHIELD_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        env.put("USHIELD_HOME", home.toString());
        assertThat(run(env)).isZero();
        // Nobody has logged in and no case is open: the scheduled sync (first one once the modules are up) imports it.
        await("the extract imported by the scheduled sync",
                () -> Files.exists(sync.resolve("processed").resolve("CUS-0102-00000001.p7m")));
        assertThat(sync.resolve("inbox")).isEmptyDirectory();

        FrameFixture login = frame("loginFrame");
        login.textBox("loginUser").enterText("mgr01");
        login.textBox("loginPassword").enterText("Manager#2024");
        login.button("loginOk").click();
        FrameFixture f = frame("workstationFrame");
        f.button("headerSync").click();
        org.assertj.swing.fixture.DialogFixture dialog = dialog("syncNowDialog");
        await("sync finished", () -> dialog.button("syncClose").target().isEnabled());
        assertThat(dialog.label("syncResult").text()).contains("无需处理");
        dialog.button("syncClose").click();

        extract("0102", 2, sync.resolve("inbox"));
        f.button("headerSync").click();
        org.assertj.swing.fixture.DialogFixture second = dialog("syncNowDialog");
        await("second sync finished", () -> second.button("syncClose").target().isEnabled());
        assertThat(second.label("syncResult").text()).contains("导入客户 1 位").doesNotContain("_");
        Screenshots.take(second.target(), "production-sync-now-result");
        second.button("syncClose").click();
        assertThat(sync.resolve("processed").resolve("CUS-0102-00000002.p7m")).exists();
    }
}
