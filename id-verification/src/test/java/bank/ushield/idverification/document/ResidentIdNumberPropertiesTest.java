package bank.ushield.idverification.document;

import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.ReasonCode;
import bank.ushield.idverification.Generated;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated valid GB 11643 numbers pass; every single-character substitution (alphabet 0-9 and X) and every
 * adjacent transposition of two different characters fails. MOD 11-2 has no blind spot for either kind of error
 * (11 is prime, no weight is 0 mod 11, adjacent weights differ), so nothing is excluded: {@link #mod112Limits}
 * proves that over every position and digit pair instead of trusting the argument.
 */
class ResidentIdNumberPropertiesTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    private static final String ALPHABET = "0123456789X";
    private static final List<String> COUNTY_CODES = RegionCodes.shipped().all().stream()
            .filter(r -> r.level() != Region.Level.PROVINCE)
            .filter(r -> RegionCodes.shipped().isMainlandProvince(r.code()))
            .map(Region::code).toList();

    private final ResidentIdNumbers ids = ResidentIdNumbers.withShippedRegions();

    static Stream<String> validNumbers() {
        long first = LocalDate.of(1900, 1, 1).toEpochDay();
        long span = VISIT.toEpochDay() - first + 1;
        return Generated.cases(300, r -> {
            LocalDate b = LocalDate.ofEpochDay(first + r.nextLong(span));
            String body = COUNTY_CODES.get(r.nextInt(COUNTY_CODES.size()))
                    + String.format("%04d%02d%02d%03d", b.getYear(), b.getMonthValue(), b.getDayOfMonth(), r.nextInt(1000));
            return body + Mod112.checkCharacter(body);
        });
    }

    @Test
    void everyValidNumberPasses() {
        validNumbers().forEach(number -> {
            var v = ids.validate(number, VISIT);
            assertThat(v.verdict()).as(number).isEqualTo(Verdict.PASS);
            assertThat(v.value().orElseThrow().number()).isEqualTo(number);
        });
    }

    @Test
    void everySingleSubstitutionFails() {
        validNumbers().forEach(number -> {
            for (int i = 0; i < number.length(); i++) {
                for (char c : ALPHABET.toCharArray()) {
                    if (c == number.charAt(i)) {
                        continue;
                    }
                    String corrupt = number.substring(0, i) + c + number.substring(i + 1);
                    assertThat(ids.validate(corrupt, VISIT).verdict()).as(corrupt).isEqualTo(Verdict.FAIL);
                }
            }
        });
    }

    @Test
    void everyAdjacentTranspositionFails() {
        validNumbers().forEach(number -> {
            for (int i = 0; i + 1 < number.length(); i++) {
                if (number.charAt(i) == number.charAt(i + 1)) {
                    continue; // swapping equal characters changes nothing
                }
                String swapped = number.substring(0, i) + number.charAt(i + 1) + number.charAt(i) + number.substring(i + 2);
                assertThat(ids.validate(swapped, VISIT).verdict()).as(swapped).isEqualTo(Verdict.FAIL);
            }
        });
    }

    @Test
    void fifteenDigitFormsOfValidNumbersConvertBack() {
        validNumbers().forEach(number -> {
            if (!number.startsWith("19", 6)) {
                return; // only 19xx births had 15-digit numbers
            }
            String legacy = number.substring(0, 6) + number.substring(8, 17);
            var v = ids.validate(legacy, VISIT);
            assertThat(v.reason()).isEqualTo(ReasonCode.LEGACY_NUMBER_CONVERTED);
            assertThat(v.value().orElseThrow().number()).isEqualTo(number);
        });
    }

    /** The exact limits of MOD 11-2 for single substitutions and adjacent transpositions: there are none. */
    @Test
    void mod112Limits() {
        String base = "11010519491231002";
        int undetectedSubstitutions = 0;
        int undetectedTranspositions = 0;
        for (int i = 0; i < 17; i++) {
            for (char a = '0'; a <= '9'; a++) {
                for (char b = '0'; b <= '9'; b++) {
                    if (a == b) {
                        continue;
                    }
                    String x = base.substring(0, i) + a + base.substring(i + 1);
                    String y = base.substring(0, i) + b + base.substring(i + 1);
                    if (Mod112.checkCharacter(x) == Mod112.checkCharacter(y)) {
                        undetectedSubstitutions++;
                    }
                    if (i + 1 < 17) {
                        String ab = base.substring(0, i) + a + b + base.substring(i + 2);
                        String ba = base.substring(0, i) + b + a + base.substring(i + 2);
                        if (Mod112.checkCharacter(ab) == Mod112.checkCharacter(ba)) {
                            undetectedTranspositions++;
                        }
                    }
                }
            }
        }
        // the last body digit swapped with the check character (weights 2 and 1 in the same sum)
        for (char d = '0'; d <= '9'; d++) {
            String body = base.substring(0, 16) + d;
            String valid = body + Mod112.checkCharacter(body);
            String swapped = base.substring(0, 16) + valid.charAt(17) + d;
            if (valid.charAt(17) != d && Mod112.isValid(swapped)) {
                undetectedTranspositions++;
            }
        }
        assertThat(undetectedSubstitutions).isZero();
        assertThat(undetectedTranspositions).isZero();
    }
}
