package bank.ushield.teller.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import bank.ushield.db.DatabaseException;
import bank.ushield.db.DatabaseTooNewException;
import bank.ushield.renewal.Problem;
import bank.ushield.renewal.ProblemExplainer;
import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;

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
