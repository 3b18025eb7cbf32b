package bank.ushield.renewal.training;

import java.util.ArrayList;
import java.util.List;

/** Scores what a trainee did in a training case against the scenario's expected handling. */
public final class ScenarioScorer {

    /** The final state of a training run in which no case was opened. */
    public static final String NO_CASE = "NONE";

    private final AuditStepMapping mapping;

    public ScenarioScorer(AuditStepMapping mapping) {
        this.mapping = mapping;
    }

    public ScenarioScorer() {
        this(AuditStepMapping.standard());
    }

    public ScoreReport score(Scenario scenario, TraineeRecord record) {
        List<HandlingStep> observed = mapping.steps(record);
        ExpectedHandling expected = scenario.expected();
        List<ScoreReport.Check> checks = new ArrayList<>();
        for (HandlingStep step : expected.required()) {
            boolean met = observed.contains(step);
            checks.add(new ScoreReport.Check(ScoreReport.Check.Kind.REQUIRED_STEP, step, step.name(),
                    met ? step.name() : null, met, expected.hints().get(step)));
        }
        for (HandlingStep step : expected.forbidden()) {
            boolean met = !observed.contains(step);
            checks.add(new ScoreReport.Check(ScoreReport.Check.Kind.FORBIDDEN_STEP, step, null,
                    met ? null : step.name(), met, expected.hints().get(step)));
        }
        if (!expected.finalStates().isEmpty()) {
            // No case at all (e.g. the customer was sent to self-service first) counts as the state NONE.
            String actual = record.finalState() == null ? NO_CASE : record.finalState();
            boolean met = expected.finalStates().contains(actual);
            checks.add(new ScoreReport.Check(ScoreReport.Check.Kind.FINAL_STATE, null,
                    String.join(" / ", new java.util.TreeSet<>(expected.finalStates())), actual, met, null));
        }
        return new ScoreReport(scenario.id(), record.caseNo(), checks, observed);
    }
}
