package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksIdNumbersCardsNamesAndPhones() {
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("1101**********002X");
        assertThat(Masking.idNumber("110105194912310021")).isEqualTo("1101**********0021");
        assertThat(Masking.cardNumber("6222021234561234")).isEqualTo("6222 **** **** 1234");
        assertThat(Masking.cardNumber("6222 0212 3456 1234")).isEqualTo("6222 **** **** 1234");
        assertThat(Masking.cardNumber("9558801234567890123")).isEqualTo("9558 **** **** 0123");
        assertThat(Masking.name("张三")).isEqualTo("张*");
        assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Masking.name("李")).isEqualTo("李*");
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.address("北京市海淀区中关村大街1号")).isEqualTo("北京市海淀区****");
    }

    @Test
    void maskingIsIdempotent() {
        String id = Masking.idNumber("110105194912310021");
        assertThat(Masking.idNumber(id)).isEqualTo(id);
        String card = Masking.cardNumber("6222021234561234");
        assertThat(Masking.cardNumber(card)).isEqualTo(card);
    }

    @Test
    void cardNumbersAreRecognisedByLengthAndLuhn() {
        assertThat(Masking.looksLikeCardNumber("6222 0212 3456 1234")).isEqualTo(CheckDigits.luhnValid("6222021234561234"));
        assertThat(Masking.looksLikeCardNumber("4111111111111111")).isTrue();
        assertThat(Masking.looksLikeCardNumber("4111111111111112")).isFalse();
        assertThat(Masking.looksLikeCardNumber("411111")).isFalse();
        assertThat(Masking.looksLikeIdNumber("11010519491231002X")).isTrue();
        assertThat(Masking.card("622202", "1234")).isEqualTo("6222 **** **** 1234");
        assertThat(Masking.card(null, "1234")).isEqualTo("**** **** **** 1234");
    }
}
