package bank.ushield.renewal.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import bank.ushield.renewal.training.TraineeRecord.ObservedEvent;

/** Every built-in scenario scored for a correct and for a wrong handling, from audit-event traces. */
class ScenarioScorerTest {

    private static final ScenarioLibrary LIBRARY = ScenarioLibrary.builtIn();
    private final ScenarioScorer scorer = new ScenarioScorer();

    /** A training case trace: audit events in order, then how the case ended. */
    static final class Trace {
        final List<ObservedEvent> events = new ArrayList<>();

        Trace ok(String type) {
            events.add(ObservedEvent.of(type, "SUCCESS"));
            return this;
        }

        Trace failed(String type) {
            events.add(ObservedEvent.of(type, "FAILURE"));
            return this;
        }

        Trace event(String type, String outcome) {
            events.add(ObservedEvent.of(type, outcome));
            return this;
        }

        TraineeRecord ends(String state, String reason) {
            return new TraineeRecord("TRN-1", state, reason, events);
        }
    }

    static Trace opened() {
        return new Trace().ok("CASE_OPENED");
    }

    static Trace checked() {
        return opened().ok("ID_VERIFIED").ok("CARD_VERIFIED").ok("TOKEN_VERIFIED");
    }

    static Trace renewed(Trace t) {
        return t.ok("KEY_GENERATED").ok("CSR_QUEUED").ok("CERT_RECEIVED").ok("CERT_INSTALLED").ok("CASE_COMPLETED");
    }

    static Stream<Arguments> handlings() {
        return Stream.of(
            Arguments.of("expired-45-days",
                renewed(checked()).ends("COMPLETED", null),
                // wrong: gives up after the token check
                checked().ok("CASE_ABORTED").ends("ABORTED", "CUSTOMER_LEFT"),
                List.of(HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("expired-10-days",
                opened().ok("SELF_SERVICE_ADVISED").ok("CASE_ABORTED").ends("ABORTED", "SELF_SERVICE"),
                // wrong: renews at the counter anyway
                renewed(checked()).ends("COMPLETED", null),
                List.of(HandlingStep.SELF_SERVICE_ADVISED, HandlingStep.KEY_GENERATED)),
            Arguments.of("wrong-token",
                opened().ok("ID_VERIFIED").ok("CARD_VERIFIED").failed("TOKEN_VERIFIED").ok("CASE_ABORTED")
                    .ends("ABORTED", "TOKEN_MISMATCH"),
                // wrong: a manager is asked to push it through
                opened().ok("ID_VERIFIED").ok("CARD_VERIFIED").ok("OVERRIDE_AUTHORISED").ok("TOKEN_VERIFIED")
                    .ok("KEY_GENERATED").ends("CSR_QUEUED", null),
                List.of(HandlingStep.TOKEN_REJECTED, HandlingStep.KEY_GENERATED, HandlingStep.MANAGER_OVERRIDE)),
            Arguments.of("wrong-pin-twice",
                renewed(checked().event("TOKEN_LOGIN", "PIN_INCORRECT").event("TOKEN_LOGIN", "PIN_INCORRECT"))
                    .ends("COMPLETED", null),
                // wrong: aborts after the first wrong PIN
                checked().event("TOKEN_LOGIN", "PIN_INCORRECT").ok("CASE_ABORTED").ends("ABORTED", "PIN_INCORRECT"),
                List.of(HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("pin-locked",
                checked().event("TOKEN_LOGIN", "PIN_LOCKED").ok("CASE_ABORTED").ends("ABORTED", "PIN_LOCKED"),
                // wrong: leaves the case open without recognising the lock
                checked().ends("TOKEN_VERIFIED", null),
                List.of(HandlingStep.PIN_LOCKED)),
            Arguments.of("card-of-another-customer",
                opened().ok("ID_VERIFIED").failed("CARD_VERIFIED").ok("CASE_ABORTED").ends("ABORTED", "CARD_MISMATCH"),
                // wrong: accepts the card
                renewed(checked()).ends("COMPLETED", null),
                List.of(HandlingStep.CARD_REJECTED, HandlingStep.KEY_GENERATED, HandlingStep.CASE_COMPLETED)),
            Arguments.of("expired-id-manager-override",
                renewed(opened().failed("ID_VERIFIED").ok("OVERRIDE_AUTHORISED").ok("CARD_VERIFIED")
                    .ok("TOKEN_VERIFIED")).ends("COMPLETED", null),
                // wrong: sends the customer away although a manager could authorise
                opened().failed("ID_VERIFIED").ok("CASE_ABORTED").ends("ABORTED", "ID_EXPIRED"),
                List.of(HandlingStep.MANAGER_OVERRIDE, HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED)),
            Arguments.of("token-pulled-during-write",
                checked().ok("KEY_GENERATED").ok("CSR_QUEUED").ok("CERT_RECEIVED").failed("TOKEN_REMOVED")
                    .ok("CERT_INSTALLED").ok("CASE_COMPLETED").ends("COMPLETED", null),
                // wrong: aborts when the token is pulled out
                checked().ok("KEY_GENERATED").ok("CSR_QUEUED").failed("TOKEN_REMOVED").ok("CASE_ABORTED")
                    .ends("ABORTED", "TOKEN_REMOVED"),
                List.of(HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("head-office-rejects",
                checked().ok("KEY_GENERATED").ok("CSR_QUEUED").ok("CERT_REJECTED").ok("CASE_ABORTED")
                    .ends("ABORTED", "HEAD_OFFICE_REJECTED"),
                // wrong: leaves the case waiting for a certificate that will never come
                checked().ok("KEY_GENERATED").ok("CSR_QUEUED").ends("CSR_QUEUED", null),
                List.of(HandlingStep.HEAD_OFFICE_REJECTED)));
    }

    @Test
    void everyBuiltInScenarioHasACorrectAndAWrongHandlingHere() {
        assertThat(handlings().map(a -> (String) a.get()[0])).containsExactlyInAnyOrderElementsOf(ScenarioLibrary.BUILT_IN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlings")
    void correctHandlingScoresFull(String id, TraineeRecord correct, TraineeRecord wrong, List<HandlingStep> missed) {
        ScoreReport report = scorer.score(LIBRARY.get(id), correct);
        assertThat(report.missed()).as("missed in correct handling").isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.percent()).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlings")
    void wrongHandlingLosesPointsAndNamesWhatWasMissed(String id, TraineeRecord correct, TraineeRecord wrong,
                                                       List<HandlingStep> missed) {
        ScoreReport report = scorer.score(LIBRARY.get(id), wrong);
        assertThat(report.passed()).isFalse();
        assertThat(report.percent()).isLessThan(100);
        assertThat(report.missed()).extracting(ScoreReport.Check::step).filteredOn(s -> s != null)
                .containsAll(missed);
        assertThat(report.missed()).anyMatch(c -> c.kind() == ScoreReport.Check.Kind.FINAL_STATE);
    }

    @Test
    void selfServiceAdviceBeforeAnyCaseCountsAsNoCase() {
        TraineeRecord none = new TraineeRecord(null, null, null, List.of(ObservedEvent.of("SELF_SERVICE_ADVISED", "SUCCESS")));
        assertThat(scorer.score(LIBRARY.get("expired-10-days"), none).passed()).isTrue();
    }

    @Test
    void hintsFromTheScenarioFileComeWithTheMissedCheck() {
        ScoreReport report = scorer.score(LIBRARY.get("expired-id-manager-override"),
                opened().failed("ID_VERIFIED").ok("CASE_ABORTED").ends("ABORTED", "ID_EXPIRED"));
        ScoreReport.Check override = report.missed().stream()
                .filter(c -> c.step() == HandlingStep.MANAGER_OVERRIDE).findFirst().orElseThrow();
        assertThat(override.hint().in(java.util.Locale.SIMPLIFIED_CHINESE)).contains("主管");
    }
}
