package bank.ushield.teller.error;

import java.util.ArrayList;
import java.util.List;

import bank.ushield.renewal.ProblemExplainer;
import bank.ushield.teller.i18n.Texts;

/** The teller's words for explained errors (the Errors bundle) and the renewal explainer that uses them. */
public final class ErrorTexts {

    private static final Texts TEXT = Texts.of(ErrorTexts.class, "Errors");

    private ErrorTexts() {
    }

    /** A new explainer wording its problems from the Errors bundle in the UI language. Swing-free. */
    public static ProblemExplainer explainer() {
        return new ProblemExplainer(TEXT);
    }

    /** Every code the Errors bundle must word: the explainer's own and the refused starts'. */
    public static List<String> fixedCodes() {
        List<String> codes = new ArrayList<>(ProblemExplainer.fixedCodes());
        for (StartRefusal c : StartRefusal.values()) {
            codes.add("start." + c.name());
        }
        return codes;
    }
}
