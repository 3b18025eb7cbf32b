package bank.ushield.idverification.card;

import bank.ushield.idverification.Finding;
import bank.ushield.idverification.CustomerRecord.CardStatus;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.TestCustomer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BankCardCheckTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    static final String ICBC_DEBIT = withLuhn("622202100112345678");   // 19 digits
    static final String ICBC_16 = withLuhn("622230123456789");         // 16 digits
    static final String OTHER_UNIONPAY = withLuhn("621700123456789012"); // 19 digits, issuer not in table
    private final BankCardCheck check = BankCardCheck.icbc(TestCustomer.HASHER);

    static String withLuhn(String body) {
        return body + Luhn.checkDigit(body);
    }

    @Test
    void theCustomersOwnOnlineBankingCardPassesWithMaskedEvidence() {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(ICBC_DEBIT, true, CardStatus.ACTIVE));
        Finding r = check.check(CardData.manual(ICBC_DEBIT), customer, VISIT);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.evidence()).containsEntry("card", "6222 **** **** " + ICBC_DEBIT.substring(15))
                .containsEntry("issuer", "ICBC");
        assertThat(r.toString()).doesNotContain(ICBC_DEBIT.substring(4, 15));
    }

    @Test
    void groupSeparatorsTypedByATellerAreIgnored() {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(ICBC_DEBIT, true, CardStatus.ACTIVE));
        String typed = ICBC_DEBIT.substring(0, 4) + " " + ICBC_DEBIT.substring(4, 8) + "-" + ICBC_DEBIT.substring(8);
        assertThat(check.check(CardData.manual(typed), customer, VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "LOST, CARD_REPORTED_LOST",
            "CLOSED, CARD_CLOSED",
            "FROZEN, CARD_FROZEN",
    })
    void lostClosedOrFrozenCardsFail(CardStatus status, ReasonCode reason) {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(ICBC_DEBIT, true, status));
        Finding r = check.check(CardData.manual(ICBC_DEBIT), customer, VISIT);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).isEqualTo(reason);
    }

    @Test
    void aCardWithoutOnlineBankingFails() {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(ICBC_DEBIT, false, CardStatus.ACTIVE));
        assertThat(check.check(CardData.manual(ICBC_DEBIT), customer, VISIT).reason())
                .isEqualTo(ReasonCode.CARD_NO_ONLINE_BANKING);
    }

    @Test
    void anotherCustomersCardFails() {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(ICBC_16, true, CardStatus.ACTIVE));
        assertThat(check.check(CardData.manual(ICBC_DEBIT), customer, VISIT).reason())
                .isEqualTo(ReasonCode.CARD_NOT_CUSTOMERS);
    }

    @Test
    void anExpiredChipCardFails() {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(ICBC_DEBIT, true, CardStatus.ACTIVE));
        var card = new CardData(ICBC_DEBIT, Optional.of(LocalDate.of(2026, 10, 31)), Optional.empty(),
                Optional.of(1), CardData.Source.CHIP);
        assertThat(check.check(card, customer, VISIT).reason()).isEqualTo(ReasonCode.CARD_EXPIRED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "'', CARD_NUMBER_FORMAT",
            "123456789012, CARD_NUMBER_FORMAT",
            "12345678901234567890, CARD_NUMBER_FORMAT",
            "'６２２２０２１００１１２３４５６７８９', CARD_NUMBER_FORMAT",
            "6222021001123456780, CARD_CHECK_DIGIT",
            "0000000000000000, CARD_ISSUER_UNKNOWN",
            "4111111111111111, CARD_NOT_OWN_BANK",
    })
    void badNumbersFail(String pan, ReasonCode reason) {
        if (reason == ReasonCode.CARD_CHECK_DIGIT && Luhn.isValid(pan)) {
            throw new IllegalStateException("test data must fail Luhn: " + pan);
        }
        Finding r = check.checkNumber(pan);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).isEqualTo(reason);
    }

    @Test
    void binTableNamesIssuerAndLengths() {
        assertThat(check.checkNumber(ICBC_16).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check.checkNumber(OTHER_UNIONPAY).reason()).isEqualTo(ReasonCode.CARD_NOT_OWN_BANK);
        assertThat(check.checkNumber(OTHER_UNIONPAY).evidence()).containsEntry("scheme", "UNIONPAY");
        // an ICBC 19-digit BIN with 16 digits
        assertThat(check.checkNumber(withLuhn("622202123456789")).reason()).isEqualTo(ReasonCode.CARD_LENGTH_FOR_BIN);
        assertThat(BinTable.shipped().lookup("6222151234567890").orElseThrow().issuerCode()).isEqualTo("ICBC");
        assertThat(BinTable.shipped().lookup("6222161234567890").orElseThrow().issuerCode()).isEqualTo("-");
        assertThat(check.checkNumber(withLuhn("955880123456789012")).verdict()).isEqualTo(Verdict.PASS);
    }
}
