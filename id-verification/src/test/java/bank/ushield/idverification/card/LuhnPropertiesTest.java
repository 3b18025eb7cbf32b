package bank.ushield.idverification.card;

import bank.ushield.idverification.Generated;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Luhn catches every single-digit substitution and every adjacent transposition of different digits except
 * 09 <-> 90. The properties assert exactly that: a transposition passes if and only if it swaps 0 and 9.
 */
class LuhnPropertiesTest {

    static Stream<String> validPans() {
        return Generated.cases(400, r -> {
            String body = Generated.digits(r, 12 + r.nextInt(7));
            return body + Luhn.checkDigit(body);
        });
    }

    @Test
    void everyValidNumberPasses() {
        validPans().forEach(pan -> {
            assertThat(Luhn.isValid(pan)).isTrue();
        });
    }

    @Test
    void everySingleSubstitutionFails() {
        validPans().forEach(pan -> {
            for (int i = 0; i < pan.length(); i++) {
                for (char c = '0'; c <= '9'; c++) {
                    if (c != pan.charAt(i)) {
                        String corrupt = pan.substring(0, i) + c + pan.substring(i + 1);
                        assertThat(Luhn.isValid(corrupt)).as(corrupt).isFalse();
                    }
                }
            }
        });
    }

    @Test
    void adjacentTranspositionsFailExceptExactlyZeroNine() {
        validPans().forEach(pan -> {
            for (int i = 0; i + 1 < pan.length(); i++) {
                char a = pan.charAt(i);
                char b = pan.charAt(i + 1);
                if (a == b) {
                    continue;
                }
                String swapped = pan.substring(0, i) + b + a + pan.substring(i + 2);
                boolean zeroNine = (a == '0' && b == '9') || (a == '9' && b == '0');
                assertThat(Luhn.isValid(swapped)).as(swapped).isEqualTo(zeroNine);
            }
        });
    }

    /** The known blind spot, shown on a concrete number: 09 and 90 weigh the same under Luhn. */
    @Test
    void zeroNineSwapIsUndetected() {
        String body = "62220200000000009";
        String pan = body + Luhn.checkDigit(body);
        String swapped = "62220200000000090" + pan.charAt(17);
        assertThat(Luhn.isValid(pan)).isTrue();
        assertThat(Luhn.isValid(swapped)).isTrue();
    }

    @Test
    void knownNumbers() {
        assertThat(Luhn.isValid("4111111111111111")).isTrue();
        assertThat(Luhn.isValid("79927398713")).isTrue();
        assertThat(Luhn.isValid("79927398710")).isFalse();
        assertThat(Luhn.isValid("")).isFalse();
        assertThat(Luhn.isValid("７９９２７３９８７１３")).isFalse();
    }
}
