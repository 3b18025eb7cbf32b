package bank.ushield.idverification;

import bank.ushield.idverification.card.BankCardCheck;
import bank.ushield.idverification.card.CardData;
import bank.ushield.idverification.card.Luhn;
import bank.ushield.idverification.document.DocumentNumbers;
import bank.ushield.idverification.document.IdDocumentCheck;
import bank.ushield.idverification.document.DocumentToCheck;
import bank.ushield.idverification.document.ResidentIdNumbers;
import bank.ushield.idverification.token.TokenIdentity;
import bank.ushield.idverification.token.TokenIdentityCheck;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and accidental input (empty, very long, full-width digits, lookalike letters and digits from other
 * scripts, SQL, control characters) never throws and never passes any rule that takes text.
 */
class FuzzedInputTest {

    private static final LocalDate VISIT = LocalDate.of(2026, 11, 25);
    static final String VALID_ID = "11010519491231002X";
    static final String VALID_PAN = "622202100112345678" + Luhn.checkDigit("622202100112345678");

    /** Nasty strings, many of them one character away from a valid number. */
    public static List<String> nastyStrings() {
        List<String> s = new ArrayList<>(List.of(
                "", " ", "\t", "\u0000", "\n", "X", "x", "null", "NULL",
                "1".repeat(100_000), "9".repeat(18), "0".repeat(18), "0".repeat(19),
                "１１０１０５１９４９１２３１００２Ｘ",                      // full-width digits
                "１１０１０５19491231002X",
                "\u0661\u0661\u0660\u0661\u0660\u0665\u0661\u0669\u0664\u0669\u0661\u0662\u0663\u0661\u0660\u0660\u0662X", // Arabic-Indic
                "11010519491231002\u0425",                                   // Cyrillic Kha for X
                "11010519491231002\u03a7",                                   // Greek Chi for X
                "1101O519491231002X",                                        // letter O for zero
                "11010519491231OO2X",
                "l1010519491231002X",                                        // letter l for one
                "11010519491231002X\u200b",                                  // zero-width space
                "\u202e11010519491231002X",                                  // right-to-left override
                "11010519491231002X\u0000",
                "110105\r\n19491231002X",
                "11010519491231002X' OR '1'='1",
                "'; DROP TABLE customer; --",
                "1; SELECT * FROM bank_card",
                "\uD83D\uDE00\uD83D\uDE00",                                  // emoji
                "\uD800",                                                    // lone surrogate
                "62220210011234567" + "\u0038",
                "６２２２０２１００１１２３４５６７８" + VALID_PAN.charAt(18),
                "6222\u00a00210\u00a01001\u00a0123456" + VALID_PAN.substring(16),
                "+" + VALID_PAN, "-" + VALID_PAN.substring(1), VALID_PAN + "0",
                VALID_PAN.substring(0, 18) + "\u0669",
                VALID_ID + VALID_ID,
                VALID_ID.substring(0, 17),
                "%s%s%s%n", "${jndi:ldap://x}", "<script>", "\\u0031"));
        SplittableRandom r = new SplittableRandom(Generated.SEED);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(25);
            for (int j = 0; j < len; j++) {
                b.appendCodePoint(switch (r.nextInt(6)) {
                    case 0 -> r.nextInt(0x20);                 // control
                    case 1 -> 0xFF10 + r.nextInt(10);           // full-width digit
                    case 2 -> r.nextInt(0x10000);               // any BMP, surrogates included
                    case 3 -> "X'\";-%_ \u3000".charAt(r.nextInt(9));
                    default -> '0' + r.nextInt(10);
                });
            }
            s.add(b.toString());
        }
        return s;
    }

    @Test
    void residentIdNumbersNeverThrowAndNeverPass() {
        var ids = ResidentIdNumbers.withShippedRegions();
        for (String s : nastyStrings()) {
            assertThat(ids.validate(s, VISIT).verdict()).as(printable(s)).isNotEqualTo(Verdict.PASS);
        }
        assertThat(ids.validate(null, VISIT).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(ids.validate(VALID_ID, VISIT).verdict()).isEqualTo(Verdict.PASS); // the fuzz is near a valid one
    }

    @Test
    void cardNumbersNeverThrowAndNeverPass() {
        var customer = TestCustomer.zhang().withCards(TestCustomer.card(VALID_PAN, true, CustomerRecord.CardStatus.ACTIVE));
        var check = BankCardCheck.icbc(TestCustomer.HASHER);
        for (String s : nastyStrings()) {
            Finding r = check.check(CardData.manual(s), customer, VISIT);
            assertThat(r.verdict()).as(printable(s)).isNotEqualTo(Verdict.PASS);
            assertThat(r.evidence().values()).allSatisfy(v -> assertThat(v.length()).isLessThan(64));
        }
        assertThat(check.check(CardData.manual(VALID_PAN), customer, VISIT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void documentNumbersOfEveryTypeNeverThrowAndNeverPass() {
        var numbers = DocumentNumbers.withShippedRegions();
        var check = IdDocumentCheck.withDefaults();
        var customer = TestCustomer.zhang();
        for (DocumentType type : DocumentType.values()) {
            for (String s : nastyStrings()) {
                if (s.length() >= 5 && s.length() <= 17 && s.chars().allMatch(c -> c >= '0' && c <= '9')
                        && type == DocumentType.PASSPORT) {
                    continue; // a foreign passport number may be all digits: not nasty for this type
                }
                if ((s.length() == 8 || s.length() == 10) && s.chars().allMatch(c -> c >= '0' && c <= '9')
                        && type == DocumentType.TAIWAN_PERMIT) {
                    continue; // 8 or 10 digits is the Taiwan permit's format
                }
                assertThat(numbers.validate(type, s, Optional.empty(), VISIT).verdict()).as(type + " " + printable(s))
                        .isNotEqualTo(Verdict.PASS);
                DocumentToCheck doc = DocumentToCheck.typed(type, s, s).withValidity(VISIT.minusYears(1), VISIT);
                assertThat(check.check(doc, customer, VISIT).verdict()).isNotEqualTo(Verdict.PASS);
            }
        }
    }

    @Test
    void tokenSerialsAndVoucherNumbersNeverThrowAndNeverPass() {
        var customer = TestCustomer.zhang().withTokens(new CustomerRecord.Token("T0001", Optional.of("1234567890"),
                "M", "V", CustomerRecord.TokenStatus.ACTIVE, List.of()));
        var check = new TokenIdentityCheck();
        for (String s : nastyStrings()) {
            var token = new TokenIdentity(s, "M", List.of(new TokenIdentity.Certificate(s, s, s)));
            assertThat(check.check(token, Optional.of(s), customer).verdict()).isNotEqualTo(Verdict.PASS);
            var right = new TokenIdentity("T0001", "M", List.of(new TokenIdentity.Certificate(s, s, s)));
            assertThat(check.check(right, Optional.of(s), customer).verdict()).isNotEqualTo(Verdict.PASS);
            assertThat(check.check(right, Optional.of("1234567890"), customer).verdict()).isNotEqualTo(Verdict.PASS);
        }
    }

    @Test
    void namesNormaliseWithoutThrowing() {
        for (String s : nastyStrings()) {
            Text.normaliseName(s);
            EvidenceMasker.DEFAULT.name(s);
            EvidenceMasker.DEFAULT.documentNumber(s);
            assertThat(EvidenceMasker.DEFAULT.cardNumber(s)).doesNotContain(VALID_PAN);
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || cp > 0x7e) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
