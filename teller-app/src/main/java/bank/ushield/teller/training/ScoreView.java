package bank.ushield.teller.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import bank.ushield.renewal.training.HandlingStep;
import bank.ushield.renewal.training.ScoreReport;
import bank.ushield.teller.i18n.Texts;

/** Swing-free: turns a score report into the lines the trainer and trainee read (missed items first). */
public final class ScoreView {

    static final Texts TEXT = Texts.of(ScoreView.class, "Training");

    private ScoreView() {
    }

    /** One line: met or not, and the text. */
    public record Line(boolean met, String text) {
    }

    public static String headline(ScoreReport report) {
        return TEXT.format(report.passed() ? "Score.passed" : "Score.failed", report.percent(), report.points(),
                report.maxPoints());
    }

    public static List<Line> lines(ScoreReport report, Locale locale) {
        List<Line> missed = new ArrayList<>();
        List<Line> met = new ArrayList<>();
        for (ScoreReport.Check c : report.checks()) {
            String text = switch (c.kind()) {
                case REQUIRED_STEP -> TEXT.format(c.met() ? "Score.required.met" : "Score.required.missed", step(c.step()));
                case FORBIDDEN_STEP -> TEXT.format(c.met() ? "Score.forbidden.met" : "Score.forbidden.seen", step(c.step()));
                case FINAL_STATE -> c.met() ? TEXT.format("Score.final.met", state(c.actual()))
                        : TEXT.format("Score.final.wrong", states(c.expected()), state(c.actual()));
            };
            if (!c.met() && c.hint() != null && !c.hint().isEmpty()) {
                text = text + TEXT.format("Score.hint", c.hint().in(locale));
            }
            (c.met() ? met : missed).add(new Line(c.met(), text));
        }
        missed.addAll(met);
        return missed;
    }

    static String step(HandlingStep step) {
        return TEXT.get("Step." + step.name());
    }

    static String state(String state) {
        String key = "State." + (state == null ? "NONE" : state);
        return TEXT.has(key) ? TEXT.get(key) : state;
    }

    private static String states(String expected) {
        List<String> names = new ArrayList<>();
        for (String s : expected.split(" / ")) {
            names.add(state(s));
        }
        return String.join(TEXT.get("Score.or"), names);
    }
}
