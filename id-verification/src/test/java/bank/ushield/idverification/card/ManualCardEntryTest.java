package bank.ushield.idverification.card;

import bank.ushield.idverification.CustomerRecord.CardStatus;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.TestCustomer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A typed or magstripe number goes through the same rule as a chip read. */
class ManualCardEntryTest {

    @Test
    void typedNumbersAreCheckedLikeChipReads() throws Exception {
        String pan = BankCardCheckTest.ICBC_DEBIT;
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(pan, true, CardStatus.ACTIVE));
        CardData typed = new ManualCardEntry(() -> pan).read();
        CardData swiped = new ManualCardEntry(() -> pan, CardData.Source.MAGSTRIPE).read();
        var check = BankCardCheck.icbc(TestCustomer.HASHER);
        assertThat(check.check(typed, customer, LocalDate.of(2026, 11, 25)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check.check(swiped, customer, LocalDate.of(2026, 11, 25)).evidence()).containsEntry("source", "MAGSTRIPE");
        assertThat(typed.toString()).doesNotContain(pan);
        assertThatThrownBy(() -> new ManualCardEntry(() -> "").read()).isInstanceOfSatisfying(CardReadException.class,
                e -> assertThat(e.problem()).isEqualTo(CardReadException.Problem.NO_CARD));
    }
}
