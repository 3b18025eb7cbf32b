package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

class ProblemsBundleTest {

    @Test
    void everyProblemIsExplainedInEveryPartInChineseAndEnglish() {
        for (Locale locale : new Locale[] {Locale.ROOT, Locale.SIMPLIFIED_CHINESE}) {
            ResourceBundle bundle = ResourceBundle.getBundle(Problem.BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
            for (ProblemCode code : ProblemCode.values()) {
                for (Problem.Part part : Problem.Part.values()) {
                    String key = Problem.of(code).key(part);
                    assertThat(bundle.containsKey(key)).as(locale + " " + key).isTrue();
                    assertThat(bundle.getString(key)).isNotBlank();
                }
            }
        }
    }

    @Test
    void argumentsAreFilledIn() {
        Problem.Explanation e = Problem.of(ProblemCode.WRONG_PIN, 2).explain(Locale.SIMPLIFIED_CHINESE);
        assertThat(e.causes()).singleElement().asString().contains("剩余次数：2");
        assertThat(Problem.of(ProblemCode.TOKEN_SWAPPED, "SN1").explain(Locale.ENGLISH).nextStep()).contains("SN1");
        // a token step reads as the teller's words, not the method name
        assertThat(Problem.of(ProblemCode.TOKEN_REMOVED, "install").explain(Locale.SIMPLIFIED_CHINESE).problem())
                .contains("写入新证书").doesNotContain("install");
    }

    @Test
    void apostrophesAndArgumentsSurviveFormatting() {
        // MessageFormat swallows a single apostrophe and everything it quotes ("manager's authorisation: {0}").
        Object[] args = {"ARG0", "ARG1", "ARG2", "ARG3", "ARG4"};
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            ResourceBundle bundle = ResourceBundle.getBundle(Problem.BUNDLE, locale);
            for (ProblemCode code : ProblemCode.values()) {
                for (Problem.Part part : Problem.Part.values()) {
                    String raw = bundle.getString(Problem.of(code).key(part));
                    String shown = part(Problem.of(code, args).explain(locale), part);
                    assertThat(shown).as(locale + " " + code + " " + part).doesNotContain("{");
                    assertThat(shown.chars().filter(c -> c == '\'').count()).as(locale + " " + code + " " + part)
                            .isEqualTo(raw.replace("''", "'").chars().filter(c -> c == '\'').count());
                }
            }
        }
        assertThat(Problem.of(ProblemCode.NEEDS_MANAGER, "ID expired").explain(Locale.ENGLISH).problem())
                .isEqualTo("This step needs a manager's authorisation: ID expired.");
    }

    private static String part(Problem.Explanation e, Problem.Part part) {
        return switch (part) {
            case PROBLEM -> e.problem();
            case CAUSE -> e.causes().get(0);
            case TELL_CUSTOMER -> e.tellCustomer();
            case NEXT_STEP -> e.nextStep();
        };
    }

    @Test
    void englishAskedForOnAChinesePcIsEnglish() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        try {
            Problem.Explanation e = Problem.of(ProblemCode.WRONG_PIN).explain(Locale.ENGLISH);
            assertThat(e.problem() + e.nextStep()).as("no Chinese in an English explanation")
                    .doesNotContainPattern("\\p{IsHan}");
            assertThat(Problem.reasonWords("DOCUMENT_EXPIRED", Locale.ENGLISH)).doesNotContainPattern("\\p{IsHan}");
            assertThat(Problem.reasonWords("DOCUMENT_EXPIRED", Locale.SIMPLIFIED_CHINESE)).containsPattern("\\p{IsHan}");
        } finally {
            Locale.setDefault(before);
        }
    }
}
