package bank.ushield.teller.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.db.DatabaseException;
import bank.ushield.db.DatabaseTooNewException;
import bank.ushield.renewal.KeyPolicy;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemExplainer;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.token.KeyAlgorithm;
import bank.ushield.token.pkcs11.VendorProfiles;

/** The renewal explainer with the teller's words, without a display: typed exceptions become problem, causes, next step, details. */
class ProblemExplainerTest {

    private final ProblemExplainer explainer = ErrorTexts.explainer();

    @AfterEach
    void chinese() {
        Texts.setLanguage(Language.CHINESE);
    }

    @Test
    void aNewerDatabaseIsExplainedEvenWhenWrapped() {
        Texts.setLanguage(Language.ENGLISH);
        Exception wrapped = new IllegalStateException("boom",
                new DatabaseTooNewException(Path.of("w.db"), "99", "30"));
        Problem.Explanation p = explainer.explain(wrapped);
        assertThat(p.code()).isEqualTo("db.tooNew");
        assertThat(p.problem()).contains("newer release");
        assertThat(p.causes()).hasSize(2);
        assertThat(p.nextStep()).contains("IT support");
        assertThat(p.details()).contains("DatabaseTooNewException");
    }

    @Test
    void aBranchDatabaseWithoutRightsOrOutOfReachIsSaidInWordsInBothLanguages() {
        Exception grants = new bank.ushield.db.DatabaseGrantsException("ushield_w03",
                java.util.List.of("INSERT on audit_entry"));
        Exception down = new bank.ushield.db.DatabaseUnreachableException("connection refused", null);
        Texts.setLanguage(Language.ENGLISH);
        assertThat(explainer.explain(grants).problem()).contains("rights");
        assertThat(explainer.explain(grants).causes()).anyMatch(c -> c.contains("INSERT on audit_entry"));
        assertThat(explainer.explain(down).problem()).contains("cannot be reached");
        Texts.setLanguage(Language.CHINESE);
        assertThat(explainer.explain(grants).problem()).isEqualTo("分行数据库未授予本工作站所需的权限");
        assertThat(explainer.explain(down).problem()).isEqualTo("无法连接分行数据库");
    }

    /**
     * A step that lost the branch database mid-case, however wrapped (a renewal DATABASE_FAILURE around Jdbi around
     * the driver's connection error, or the pool giving up), is said as "cannot be reached: this step was not done";
     * a refused login at start is not a lost connection; a wrong SQL statement is not either.
     */
    @Test
    void aLostBranchDatabaseConnectionIsSaidAsSuchWhateverWrapsIt() {
        Texts.setLanguage(Language.ENGLISH);
        Exception lost = new bank.ushield.renewal.RenewalException(
                Problem.of(bank.ushield.renewal.ProblemCode.DATABASE_FAILURE),
                new IllegalStateException("jdbi", new java.sql.SQLException("I/O error", "08006")));
        Exception shutDown = new RuntimeException(new java.sql.SQLException("terminating connection", "57P01"));
        Exception poolTimeout = new RuntimeException(new java.sql.SQLTransientConnectionException("timed out"));
        for (Exception e : java.util.List.of(lost, shutDown, poolTimeout)) {
            Problem.Explanation p = explainer.explain(e);
            assertThat(p.code()).as(e.toString()).isEqualTo("db.connectionLost");
            assertThat(p.problem()).isEqualTo("The branch database cannot be reached: this step was not done");
            assertThat(p.tellCustomer()).contains("Nothing of your renewal is lost");
        }
        assertThat(explainer.explain(new bank.ushield.db.DatabaseUnreachableException("refused", null, true)).code())
                .isEqualTo("db.loginRefused");
        assertThat(explainer.explain(new java.util.concurrent.CompletionException(
                new bank.ushield.db.DatabaseUnreachableException("refused", null, true))).code())
                .as("wrapped, as the start's future hands it over").isEqualTo("db.loginRefused");
        assertThat(explainer.explain(new java.util.concurrent.CompletionException(
                new bank.ushield.db.DatabaseUnreachableException("down", null))).code()).isEqualTo("db.unreachable");
        assertThat(explainer.explain(new RuntimeException(new java.sql.SQLException("syntax", "42601"))).code())
                .isNotEqualTo("db.connectionLost");
        assertThat(bank.ushield.teller.login.LoginModelAccess.failureText(shutDown))
                .isEqualTo("The branch database cannot be reached: this step was not done");
        Texts.setLanguage(Language.CHINESE);
        assertThat(explainer.explain(lost).problem()).isEqualTo("无法连接分行数据库：此步骤未完成");
    }

    @Test
    void aMalformedVendorProfileOrKeyPolicyNamesFileKeyAndExpectationInBothLanguages(@TempDir Path dir)
            throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("vendor-profiles"));
        Path profile = Files.writeString(profiles.resolve("acme.properties"), "match.manufacturer=ACME\n"
                + "sm2.keyType=0x80000004\nsm2.keyPairGen=0x8000800l\nsm2.sign=0x80008000\n");
        Exception badNumber = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VendorProfiles.load(profiles));
        Texts.setLanguage(Language.ENGLISH);
        Problem.Explanation p = explainer.explain(badNumber);
        assertThat(p.code()).isEqualTo("settingsFile.NOT_A_NUMBER");
        assertThat(p.problem()).contains("sm2.keyPairGen");
        assertThat(String.join("\n", p.causes())).contains(profile.toAbsolutePath().toString())
                .contains("0x8000800l").contains("hexadecimal");
        assertThat(p.nextStep()).contains("IT support");
        Texts.setLanguage(Language.CHINESE);
        p = explainer.explain(badNumber);
        assertThat(p.problem()).isEqualTo("数据文件夹中的设置文件有一项不是数字：sm2.keyPairGen");
        assertThat(String.join("\n", p.causes())).contains(profile.toAbsolutePath().toString()).contains("十六进制");
        assertThat(p.details()).doesNotContain("\tat ");

        Files.writeString(profile, "match.manufacturer=ACME\nsm2.keyType=1\nsm2.keyPairGen=2\nsm2.z=token\n");
        p = explainer.explain(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VendorProfiles.load(profiles)));
        assertThat(p.problem()).endsWith("sm2.signWithSm3");
        assertThat(String.join("\n", p.causes())).contains("sm2.z=token");

        Path policy = Files.writeString(dir.resolve(KeyPolicy.FILE), "model.ePass=sm3\n");
        Exception badPolicy = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KeyPolicy.load(policy, KeyAlgorithm.RSA_2048));
        p = explainer.explain(new IllegalStateException("start failed", badPolicy));
        assertThat(p.code()).isEqualTo("settingsFile.NOT_ONE_OF");
        assertThat(p.problem()).isEqualTo("数据文件夹中的设置文件有一项的值不被允许：model.ePass");
        assertThat(String.join("\n", p.causes())).contains(policy.toAbsolutePath().toString()).contains("“sm3”")
                .contains("rsa-2048, sm2, expiring");
        Texts.setLanguage(Language.ENGLISH);
        assertThat(explainer.explain(badPolicy).causes()).anyMatch(c -> c.contains("must be one of: rsa-2048, sm2, expiring"));
        assertThat(explainer.explain(badPolicy).problem()).doesNotContainPattern("[A-Z]+_[A-Z_]+");
    }

    @Test
    void theMostSpecificRegistrationWins() {
        Texts.setLanguage(Language.ENGLISH);
        assertThat(explainer.explain(new DatabaseException("disk full")).code()).isEqualTo("db.failed");
        assertThat(explainer.explain(new NoSuchFileException("/x/outbox")).problem()).contains("/x/outbox");
    }

    @Test
    void chineseIsTheDefaultLanguage() {
        Texts.setLanguage(Language.CHINESE);
        Problem.Explanation p = explainer.explain(new RuntimeException("x"));
        assertThat(p.code()).isEqualTo("unexpected");
        assertThat(p.problem()).isEqualTo("发生了意外错误");
        assertThat(p.tellCustomer()).isNotEmpty();
    }

    @Test
    void registeredDomainExceptionsPlugIn() {
        Texts.setLanguage(Language.ENGLISH);
        ProblemExplainer withDomain = ErrorTexts.explainer().register(IllegalArgumentException.class, e -> "file.io");
        assertThat(withDomain.explain(new IllegalArgumentException("bad")).code()).isEqualTo("file.io");
        assertThat(ErrorTexts.explainer().explain(new IllegalArgumentException("bad")).code()).isEqualTo("unexpected");
    }

    @Test
    void apostrophesSurviveFormatting() {
        Texts.setLanguage(Language.ENGLISH);
        assertThat(explainer.explain(new DatabaseTooNewException(Path.of("w.db"), "99", "30")).problem())
                .contains("workstation's");
    }
}
