package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AbortReasonTest {

    @Test
    void aRefusedCheckSuggestsThatCheckAsTheReason() {
        assertThat(AbortReason.suggestedFor(ProblemCode.ID_CHECK_FAILED)).isEqualTo(AbortReason.ID_CHECK_FAILED);
        assertThat(AbortReason.suggestedFor(ProblemCode.CARD_CHECK_FAILED)).isEqualTo(AbortReason.CARD_CHECK_FAILED);
        assertThat(AbortReason.suggestedFor(ProblemCode.TOKEN_CHECK_FAILED)).isEqualTo(AbortReason.TOKEN_CHECK_FAILED);
    }

    @Test
    void aDefiniteNoFromTheOnlineCheckOrAnUnconfirmedPersonSuggestsTheIdCheckFailed() {
        for (ProblemCode p : EnumSet.of(ProblemCode.ONLINE_NAME_MISMATCH, ProblemCode.ONLINE_NOT_FOUND,
                ProblemCode.ONLINE_DOCUMENT_INVALID, ProblemCode.PERSON_NOT_CONFIRMED)) {
            assertThat(AbortReason.suggestedFor(p)).as(p.name()).isEqualTo(AbortReason.ID_CHECK_FAILED);
        }
        // an outage is not the customer's fault: the customer may come back later
        assertThat(AbortReason.suggestedFor(ProblemCode.ONLINE_UNAVAILABLE)).isEqualTo(AbortReason.CUSTOMER_WITHDREW);
    }

    @Test
    void theSelfServiceWindowSuggestsRenewingOnline() {
        assertThat(AbortReason.suggestedFor(ProblemCode.SELF_SERVICE_AVAILABLE))
                .isEqualTo(AbortReason.SELF_SERVICE_ADVISED);
    }

    @Test
    void tokenTroubleSuggestsItsReason() {
        assertThat(AbortReason.suggestedFor(ProblemCode.PIN_LOCKED)).isEqualTo(AbortReason.PIN_LOCKED);
        assertThat(AbortReason.suggestedFor(ProblemCode.HEAD_OFFICE_REJECTED))
                .isEqualTo(AbortReason.HEAD_OFFICE_REJECTED);
        assertThat(AbortReason.suggestedFor(ProblemCode.TOKEN_FAULT)).isEqualTo(AbortReason.TOKEN_FAULT);
        assertThat(AbortReason.suggestedFor(ProblemCode.SELF_TEST_FAILED)).isEqualTo(AbortReason.TOKEN_FAULT);
    }

    @Test
    void anythingElseOrNoProblemSuggestsTheCustomerWithdrew() {
        Set<ProblemCode> mapped = EnumSet.of(ProblemCode.ID_CHECK_FAILED, ProblemCode.CARD_CHECK_FAILED,
                ProblemCode.TOKEN_CHECK_FAILED, ProblemCode.SELF_SERVICE_AVAILABLE, ProblemCode.PIN_LOCKED,
                ProblemCode.HEAD_OFFICE_REJECTED, ProblemCode.TOKEN_FAULT, ProblemCode.SELF_TEST_FAILED,
                ProblemCode.ONLINE_NAME_MISMATCH, ProblemCode.ONLINE_NOT_FOUND, ProblemCode.ONLINE_DOCUMENT_INVALID,
                ProblemCode.PERSON_NOT_CONFIRMED);
        for (ProblemCode p : EnumSet.complementOf(EnumSet.copyOf(mapped))) {
            assertThat(AbortReason.suggestedFor(p)).as(p.name()).isEqualTo(AbortReason.CUSTOMER_WITHDREW);
        }
        assertThat(AbortReason.suggestedFor(null)).isEqualTo(AbortReason.CUSTOMER_WITHDREW);
    }
}
