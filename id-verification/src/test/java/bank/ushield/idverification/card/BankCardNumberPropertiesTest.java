package bank.ushield.idverification.card;

import bank.ushield.idverification.Generated;
import bank.ushield.idverification.Verdict;
import bank.ushield.idverification.TestCustomer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card-number rule on generated numbers of the bank's own BINs: valid ones pass; every single-digit
 * substitution fails; every adjacent transposition fails except the one Luhn cannot see (0 and 9 swapped), which
 * passes exactly when the number still has an own-bank BIN of its length.
 */
class BankCardNumberPropertiesTest {

    private static final List<String> OWN_PREFIXES = BinTable.shipped().entries().stream()
            .filter(e -> e.issuerCode().equals("ICBC")).map(BinEntry::low).toList();
    private final BankCardCheck check = BankCardCheck.icbc(TestCustomer.HASHER);

    static Stream<String> ownCards() {
        return Generated.cases(300, r -> {
            String prefix = OWN_PREFIXES.get(r.nextInt(OWN_PREFIXES.size()));
            BinEntry entry = BinTable.shipped().lookup(prefix + "0000000000").orElseThrow();
            int length = entry.lengths().iterator().next();
            String body = prefix + Generated.digits(r, length - prefix.length() - 1);
            return body + Luhn.checkDigit(body);
        });
    }

    @Test
    void everyGeneratedOwnCardNumberPasses() {
        ownCards().forEach(pan -> assertThat(check.checkNumber(pan).verdict()).as(pan).isEqualTo(Verdict.PASS));
    }

    @Test
    void everySingleSubstitutionFails() {
        ownCards().forEach(pan -> {
            for (int i = 0; i < pan.length(); i++) {
                for (char c = '0'; c <= '9'; c++) {
                    if (c != pan.charAt(i)) {
                        String corrupt = pan.substring(0, i) + c + pan.substring(i + 1);
                        assertThat(check.checkNumber(corrupt).verdict()).as(corrupt).isEqualTo(Verdict.FAIL);
                    }
                }
            }
        });
    }

    @Test
    void adjacentTranspositionsFailExceptZeroNineWithAnOwnBin() {
        ownCards().forEach(pan -> {
            for (int i = 0; i + 1 < pan.length(); i++) {
                char a = pan.charAt(i);
                char b = pan.charAt(i + 1);
                if (a == b) {
                    continue;
                }
                String swapped = pan.substring(0, i) + b + a + pan.substring(i + 2);
                boolean zeroNine = (a == '0' && b == '9') || (a == '9' && b == '0');
                boolean ownBin = BinTable.shipped().lookup(swapped)
                        .filter(e -> e.issuerCode().equals("ICBC") && e.lengths().contains(swapped.length())).isPresent();
                Verdict expected = zeroNine && ownBin ? Verdict.PASS : Verdict.FAIL;
                assertThat(check.checkNumber(swapped).verdict()).as(swapped).isEqualTo(expected);
            }
        });
    }
}
