package bank.ushield.renewal.training;

import java.util.List;

/**
 * The score of one training case against its scenario: every check, met or not, so the screen can show what was
 * missed and why.
 */
public record ScoreReport(String scenarioId, String caseNo, List<Check> checks, List<HandlingStep> observed) {

    public ScoreReport {
        checks = List.copyOf(checks);
        observed = List.copyOf(observed);
    }

    /** One thing the scenario expects. */
    public record Check(Kind kind, HandlingStep step, String expected, String actual, boolean met,
                        LocalizedText hint) {

        /** A step that must be seen, a step that must not, or how the case must end. */
        public enum Kind { REQUIRED_STEP, FORBIDDEN_STEP, FINAL_STATE }
    }

    public int points() {
        return (int) checks.stream().filter(Check::met).count();
    }

    public int maxPoints() {
        return checks.size();
    }

    /** Whole percent, rounded down so that anything missed never shows as 100. */
    public int percent() {
        return maxPoints() == 0 ? 100 : points() * 100 / maxPoints();
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::met);
    }

    public List<Check> missed() {
        return checks.stream().filter(c -> !c.met()).toList();
    }
}
