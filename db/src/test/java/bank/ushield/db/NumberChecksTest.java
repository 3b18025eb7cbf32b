package bank.ushield.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test-side checks and the generator's check digits agree with published examples. */
class NumberChecksTest {

    @Test
    void residentIdExamplesOfTheStandard() {
        assertThat(NumberChecks.validResidentId("11010519491231002X")).isTrue();
        assertThat(NumberChecks.validResidentId("440524188001010014")).isTrue();
        assertThat(NumberChecks.validResidentId("110105194912310021")).isFalse();
        assertThat(CheckDigits.residentIdCheck("11010519491231002")).isEqualTo('X');
        assertThat(CheckDigits.residentIdCheck("44052418800101001")).isEqualTo('4');
        assertThat(CheckDigits.residentIdCheck("81000019940823002")).isEqualTo('1');
    }

    @Test
    void luhnExamples() {
        assertThat(NumberChecks.validLuhn("79927398713")).isTrue();
        assertThat(NumberChecks.validLuhn("79927398710")).isFalse();
        assertThat(NumberChecks.validLuhn("4111111111111111")).isTrue();
        assertThat(CheckDigits.luhnCheck("7992739871")).isEqualTo('3');
        assertThat(CheckDigits.luhnCheck("411111111111111")).isEqualTo('1');
    }
}
