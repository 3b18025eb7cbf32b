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

    /** A training case trace in the audit log's vocabulary: entries in order, then how the case ended. */
    static final class Trace {
        final List<ObservedEvent> events = new ArrayList<>();

        Trace ok(String type) {
            events.add(new ObservedEvent(type, "OK", "{}"));
            return this;
        }

        Trace event(String type, String outcome, String detailsJson) {
            events.add(new ObservedEvent(type, outcome, detailsJson));
            return this;
        }

        Trace checkFailed(String check) {
            return event("CHECK_FAILED", "FAILED", "{\"check\":\"" + check + "\",\"code\":\"MISMATCH\"}");
        }

        Trace aborted(String reason) {
            return event("CASE_ABORTED", "OK", "{\"reason\":\"" + reason + "\"}");
        }

        TraineeRecord ends(String state, String reason) {
            return new TraineeRecord("TRN-1", state, reason, events);
        }
    }

    static Trace opened() {
        return new Trace().ok("CASE_OPENED");
    }

    static Trace checked() {
        return opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").ok("CASE_TOKEN_VERIFIED");
    }

    /** The token check reports the token's locked PIN (as RenewalService audits it). */
    static Trace tokenCheckSaysLocked() {
        return opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").event("CHECK_FAILED", "FAILED",
                "{\"tokenSerial\":\"*****0005\",\"pinLocked\":true,\"check\":\"TOKEN\",\"verdict\":\"FAIL\","
                        + "\"code\":\"PIN_LOCKED\"}");
    }

    static Trace renewed(Trace t) {
        return t.ok("CASE_KEY_GENERATED").ok("CASE_CSR_QUEUED").ok("CASE_CERT_RECEIVED").ok("CASE_CERT_INSTALLED")
                .ok("CASE_COMPLETED");
    }

    static Stream<Arguments> handlings() {
        return Stream.of(
            Arguments.of("expired-45-days",
                renewed(checked()).ends("COMPLETED", null),
                // wrong: gives up after the token check
                checked().aborted("CUSTOMER_WITHDREW").ends("ABORTED", "CUSTOMER_WITHDREW"),
                List.of(HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("sm2-token",
                renewed(checked()).ends("COMPLETED", null),
                // wrong: gives up after the token check (an SM2 token is renewed like any other)
                checked().aborted("CUSTOMER_WITHDREW").ends("ABORTED", "CUSTOMER_WITHDREW"),
                List.of(HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("expired-10-days",
                opened().aborted("SELF_SERVICE_ADVISED").ends("ABORTED", "SELF_SERVICE_ADVISED"),
                // wrong: renews at the counter anyway
                renewed(checked()).ends("COMPLETED", null),
                List.of(HandlingStep.SELF_SERVICE_ADVISED, HandlingStep.KEY_GENERATED)),
            Arguments.of("wrong-token",
                opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").checkFailed("TOKEN")
                    .aborted("TOKEN_CHECK_FAILED").ends("ABORTED", "TOKEN_CHECK_FAILED"),
                // wrong: a manager is asked to push it through
                opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").ok("MANAGER_AUTHORISATION_GRANTED")
                    .ok("CASE_TOKEN_VERIFIED").ok("CASE_KEY_GENERATED").ends("CSR_QUEUED", null),
                List.of(HandlingStep.TOKEN_REJECTED, HandlingStep.KEY_GENERATED, HandlingStep.MANAGER_OVERRIDE)),
            Arguments.of("wrong-pin-twice",
                renewed(checked().event("PIN_ENTRY_FAILED", "FAILED", "{\"triesLeft\":4}")
                    .event("PIN_ENTRY_FAILED", "FAILED", "{\"triesLeft\":3}")).ends("COMPLETED", null),
                // wrong: aborts after the first wrong PIN
                checked().event("PIN_ENTRY_FAILED", "FAILED", "{}").aborted("CUSTOMER_WITHDREW")
                    .ends("ABORTED", "CUSTOMER_WITHDREW"),
                List.of(HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("pin-locked",
                tokenCheckSaysLocked().aborted("PIN_LOCKED").ends("ABORTED", "PIN_LOCKED"),
                // wrong: leaves the case open without recognising the lock
                checked().ends("TOKEN_VERIFIED", null),
                List.of(HandlingStep.PIN_LOCKED)),
            Arguments.of("card-of-another-customer",
                opened().ok("CASE_ID_VERIFIED").checkFailed("CARD").aborted("CARD_CHECK_FAILED")
                    .ends("ABORTED", "CARD_CHECK_FAILED"),
                // wrong: accepts the card
                renewed(checked()).ends("COMPLETED", null),
                List.of(HandlingStep.CARD_REJECTED, HandlingStep.KEY_GENERATED, HandlingStep.CASE_COMPLETED)),
            Arguments.of("expired-id-manager-override",
                renewed(opened().checkFailed("IDENTITY").ok("MANAGER_AUTHORISATION_GRANTED").ok("CASE_ID_VERIFIED")
                    .ok("CASE_CARD_VERIFIED").ok("CASE_TOKEN_VERIFIED")).ends("COMPLETED", null),
                // wrong: sends the customer away although a manager could authorise
                opened().checkFailed("IDENTITY").aborted("ID_CHECK_FAILED").ends("ABORTED", "ID_CHECK_FAILED"),
                List.of(HandlingStep.MANAGER_OVERRIDE, HandlingStep.KEY_GENERATED, HandlingStep.CERT_INSTALLED)),
            Arguments.of("token-pulled-during-write",
                checked().ok("CASE_KEY_GENERATED").ok("CASE_CSR_QUEUED").ok("CASE_CERT_RECEIVED")
                    .event("TOKEN_ERROR", "FAILED", "{\"fault\":\"TOKEN_REMOVED\"}")
                    .ok("CASE_CERT_INSTALLED").ok("CASE_COMPLETED").ends("COMPLETED", null),
                // wrong: aborts when the token is pulled out
                checked().ok("CASE_KEY_GENERATED").ok("CASE_CSR_QUEUED")
                    .event("TOKEN_ERROR", "FAILED", "{\"fault\":\"TOKEN_REMOVED\"}").aborted("TOKEN_FAULT")
                    .ends("ABORTED", "TOKEN_FAULT"),
                List.of(HandlingStep.CERT_INSTALLED, HandlingStep.CASE_ABORTED)),
            Arguments.of("head-office-rejects",
                checked().ok("CASE_KEY_GENERATED").ok("CASE_CSR_QUEUED").aborted("HEAD_OFFICE_REJECTED")
                    .ends("ABORTED", "HEAD_OFFICE_REJECTED"),
                // wrong: leaves the case waiting for a certificate that will never come
                checked().ok("CASE_KEY_GENERATED").ok("CASE_CSR_QUEUED").ends("CSR_QUEUED", null),
                List.of(HandlingStep.HEAD_OFFICE_REJECTED)),
            Arguments.of("online-name-mismatch",
                opened().event("CASE_ONLINE_VERIFICATION", "FAILED", "{\"result\":\"NAME_MISMATCH\"}")
                    .checkFailed("IDENTITY").aborted("ID_CHECK_FAILED").ends("ABORTED", "ID_CHECK_FAILED"),
                // wrong: a manager is asked to push it through
                opened().checkFailed("IDENTITY").ok("MANAGER_AUTHORISATION_GRANTED").ok("CASE_ID_VERIFIED")
                    .ok("CASE_CARD_VERIFIED").ends("CARD_VERIFIED", null),
                List.of(HandlingStep.ID_REFUSED_CASE_CLOSED)),
            Arguments.of("online-service-unavailable",
                renewed(opened().event("CASE_ONLINE_VERIFICATION", "FAILED", "{\"result\":\"UNAVAILABLE\"}")
                    .event("MANAGER_AUTHORISATION_REQUESTED", "INFO", "{\"check\":\"IDENTITY\"}")
                    .ok("MANAGER_AUTHORISATION_GRANTED").ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED")
                    .ok("CASE_TOKEN_VERIFIED")).ends("COMPLETED", null),
                // wrong: leaves the case standing at the ID step, neither retried through nor closed
                opened().event("CASE_ONLINE_VERIFICATION", "FAILED", "{\"result\":\"UNAVAILABLE\"}")
                    .ends("OPENED", null),
                List.of(HandlingStep.ID_REJECTED)));
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
    void aLockedPinReportedByTheTokenCheckIsTheLockNotARefusedToken() {
        TraineeRecord withdrew = tokenCheckSaysLocked().aborted("CUSTOMER_WITHDREW")
                .ends("ABORTED", "CUSTOMER_WITHDREW");
        assertThat(AuditStepMapping.standard().steps(withdrew))
                .contains(HandlingStep.PIN_LOCKED).doesNotContain(HandlingStep.TOKEN_REJECTED);
        // The lock was on screen, but the customer was not sent to the PIN unlock: that step is missed, by name.
        ScoreReport report = scorer.score(LIBRARY.get("pin-locked"), withdrew);
        assertThat(report.passed()).isFalse();
        assertThat(report.missed()).singleElement().satisfies(c -> {
            assertThat(c.step()).isEqualTo(HandlingStep.PIN_UNLOCK_ADVISED);
            assertThat(c.hint().in(java.util.Locale.SIMPLIFIED_CHINESE)).contains("解锁");
        });
    }

    @Test
    void aRefusedCardStillNeedsTheTellersDecisionToSendTheCustomerForTheirOwnCard() {
        // The check refused the card twice (tried again without noticing), then the customer was let go unadvised.
        TraineeRecord unadvised = opened().ok("CASE_ID_VERIFIED").checkFailed("CARD").checkFailed("CARD")
                .aborted("CUSTOMER_WITHDREW").ends("ABORTED", "CUSTOMER_WITHDREW");
        ScoreReport report = scorer.score(LIBRARY.get("card-of-another-customer"), unadvised);
        assertThat(report.passed()).isFalse();
        assertThat(report.missed()).singleElement().satisfies(c -> {
            assertThat(c.step()).isEqualTo(HandlingStep.OWN_CARD_REQUESTED);
            assertThat(c.hint().in(java.util.Locale.SIMPLIFIED_CHINESE)).contains("本人");
        });
        TraineeRecord tokenUnadvised = opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").checkFailed("TOKEN")
                .aborted("CUSTOMER_WITHDREW").ends("ABORTED", "CUSTOMER_WITHDREW");
        assertThat(scorer.score(LIBRARY.get("wrong-token"), tokenUnadvised).missed())
                .extracting(ScoreReport.Check::step).containsExactly(HandlingStep.OWN_TOKEN_REQUESTED);
    }

    @Test
    void aMistypedVoucherIsATypoNotARefusedToken() {
        Trace typo = opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").event("CHECK_FAILED", "FAILED",
                "{\"tokenSerial\":\"*****0001\",\"mediaVoucher\":\"******0002\",\"check\":\"TOKEN\","
                        + "\"verdict\":\"FAIL\",\"code\":\"TOKEN_VOUCHER_MISMATCH\"}")
                .event("CHECK_FAILED", "FAILED", "{\"check\":\"TOKEN\",\"code\":\"TOKEN_VOUCHER_FORMAT\"}")
                .ok("CASE_TOKEN_VERIFIED");
        TraineeRecord corrected = renewed(typo).ends("COMPLETED", null);
        assertThat(AuditStepMapping.standard().steps(corrected)).contains(HandlingStep.VOUCHER_MISTYPED)
                .doesNotContain(HandlingStep.TOKEN_REJECTED);
        assertThat(scorer.score(LIBRARY.get("expired-45-days"), corrected).percent()).isEqualTo(100);
        // A trainer's happy path that forbids refusing the token still passes a corrected typo ...
        Scenario strict = withForbidden(LIBRARY.get("expired-45-days"), HandlingStep.TOKEN_REJECTED);
        assertThat(scorer.score(strict, corrected).missed()).isEmpty();
        // ... and a typo never stands in for refusing another customer's token.
        TraineeRecord gaveUp = typo.aborted("CUSTOMER_WITHDREW").ends("ABORTED", "CUSTOMER_WITHDREW");
        assertThat(scorer.score(LIBRARY.get("wrong-token"), gaveUp).missed())
                .extracting(ScoreReport.Check::step).contains(HandlingStep.TOKEN_REJECTED);
        // A token check that really fails is still the refusal.
        assertThat(AuditStepMapping.standard().steps(opened().checkFailed("TOKEN").ends("OPENED", null)))
                .contains(HandlingStep.TOKEN_REJECTED).doesNotContain(HandlingStep.VOUCHER_MISTYPED);
    }

    private static Scenario withForbidden(Scenario s, HandlingStep step) {
        List<HandlingStep> forbidden = new ArrayList<>(s.expected().forbidden());
        forbidden.add(step);
        ExpectedHandling e = s.expected();
        return new Scenario(s.id(), s.title(), s.briefing(), s.customer(), s.token(), s.presentedCardNumber(),
                s.faults(), new ExpectedHandling(e.finalStates(), e.required(), forbidden, e.hints()), s.source());
    }

    @Test
    void selfServiceAdviceBeforeAnyCaseCountsAsNoCase() {
        TraineeRecord none = new TraineeRecord(null, null, "SELF_SERVICE_ADVISED", List.of());
        assertThat(scorer.score(LIBRARY.get("expired-10-days"), none).passed()).isTrue();
    }

    @Test
    void hintsFromTheScenarioFileComeWithTheMissedCheck() {
        ScoreReport report = scorer.score(LIBRARY.get("expired-id-manager-override"),
                opened().checkFailed("IDENTITY").aborted("ID_CHECK_FAILED").ends("ABORTED", "ID_CHECK_FAILED"));
        ScoreReport.Check override = report.missed().stream()
                .filter(c -> c.step() == HandlingStep.MANAGER_OVERRIDE).findFirst().orElseThrow();
        assertThat(override.hint().in(java.util.Locale.SIMPLIFIED_CHINESE)).contains("主管");
    }

    @Test
    void leavingAtTheFirstStepEarnsNoPointForMistakesNeverWithinReach() {
        // The trainee opens the case and leaves: no key was ever within reach, so "no key generated" is no merit.
        TraineeRecord left = opened().aborted("OPENED_IN_ERROR").ends("ABORTED", "OPENED_IN_ERROR");
        ScoreReport report = scorer.score(LIBRARY.get("wrong-token"), left);
        assertThat(report.checks()).extracting(ScoreReport.Check::step)
                .doesNotContain(HandlingStep.KEY_GENERATED, HandlingStep.CASE_COMPLETED)
                .contains(HandlingStep.MANAGER_OVERRIDE);
        // Nothing done at all: no forbidden step is scored, and nothing required was done.
        ScoreReport nothing = scorer.score(LIBRARY.get("wrong-token"), new Trace().ends(null, null));
        assertThat(nothing.checks()).noneMatch(c -> c.kind() == ScoreReport.Check.Kind.FORBIDDEN_STEP);
        assertThat(nothing.percent()).isZero();
        // Who reached the token and refused it did avoid generating a key: that is scored, and met.
        TraineeRecord right = opened().ok("CASE_ID_VERIFIED").ok("CASE_CARD_VERIFIED").checkFailed("TOKEN")
                .aborted("TOKEN_CHECK_FAILED").ends("ABORTED", "TOKEN_CHECK_FAILED");
        assertThat(scorer.score(LIBRARY.get("wrong-token"), right).checks())
                .anyMatch(c -> c.step() == HandlingStep.KEY_GENERATED && c.met());
    }
}
