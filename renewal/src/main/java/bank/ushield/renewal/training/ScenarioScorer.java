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
        int reached = observed.stream().mapToInt(ScenarioScorer::stage).max().orElse(-1);
        for (HandlingStep step : expected.forbidden()) {
            // A mistake counts as avoided only when the trainee got to where it could be made: leaving at step 1
            // earns nothing for the token steps never reached (nor loses anything for them).
            if (reached < stage(step) - 1) {
                continue;
            }
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

    /**
     * Where in the counter's order a step can first happen: 1 opening, 2 the identity check (and what can follow
     * an opened case at once: an override, an abort, advice), 3 the card, 4 the token, 5 the token's key, 6 the
     * request, 7 the certificate, 8 completion. A step is within reach once a step of the stage before it is seen.
     */
    static int stage(HandlingStep step) {
        return switch (step) {
            case CASE_OPENED -> 1;
            case ID_ACCEPTED, ID_REJECTED, MANAGER_OVERRIDE, CASE_ABORTED, SELF_SERVICE_ADVISED, PIN_UNLOCK_ADVISED,
                 OWN_CARD_REQUESTED, OWN_TOKEN_REQUESTED, ID_REFUSED_CASE_CLOSED -> 2;
            case CARD_ACCEPTED, CARD_REJECTED -> 3;
            case TOKEN_ACCEPTED, TOKEN_REJECTED, VOUCHER_MISTYPED, REPLACEMENT_CHOSEN -> 4;
            case PIN_WRONG, PIN_LOCKED, KEY_GENERATED, TOKEN_REMOVED -> 5;
            case CSR_QUEUED -> 6;
            case HEAD_OFFICE_REJECTED, CERT_INSTALLED, OLD_TOKEN_RETIRED -> 7;
            case CASE_COMPLETED -> 8;
        };
    }
}
