package bank.ushield.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import bank.ushield.token.KeyAlgorithm;
import bank.ushield.db.CaseState;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.wiring.TrainingWorld;

/**
 * The media voucher number typed from the token's label and the expiry read from the bank card's chip reach
 * id-verification's rules through the real training workstation (simulated token, real database and audit log).
 */
class TokenVoucherAndChipExpiryTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
    static final String TOKEN = "SIMV000000000001";
    static final String ID = "11010519491231002X";

    @TempDir
    static Path dir;
    static RenewalWorkstation ws;
    static RenewalService teller;

    @BeforeAll
    static void setUp() {
        Seed.site(dir, CLOCK);
        Seed.customer(dir, CLOCK, "CV", "张三", ID, LocalDate.of(1949, 12, 31), Seed.PAN, TOKEN, 45);
        ws = RenewalWorkstation.training(dir, Seed.WS, KeyAlgorithm.EC_P256, CLOCK);
        teller = ws.renewals(ws.login("teller1", ("teller1" + Seed.PASSWORD_SUFFIX).toCharArray()));
    }

    @AfterAll
    static void tearDown() {
        ws.close();
    }

    @Test
    void aChipExpiryInThePastIsRefusedAndOneStillValidPasses() {
        RenewalCase c = teller.open("CV");
        teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID, "张三", LocalDate.of(1949, 12, 31), null, null,
                true));
        LocalDate yesterday = LocalDate.of(2026, 11, 24);
        assertThat(teller.verifyCard(c.id(), new PresentedCard(Seed.PAN, true, yesterday)))
                .isInstanceOfSatisfying(Outcome.Refused.class, r -> {
                    assertThat(r.problem().code()).isEqualTo(ProblemCode.CARD_CHECK_FAILED);
                    assertThat(r.problem().args()).containsExactly("CARD_EXPIRED");
                });
        assertThat(lastDetails("CHECK_FAILED")).contains("\"cardExpiry\":\"2026-11\"");
        assertThat(teller.verifyCard(c.id(), new PresentedCard(Seed.PAN, true, LocalDate.of(2029, 11, 30))))
                .isInstanceOf(Outcome.Advanced.class);
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
    }

    @Test
    void theVoucherMustBeTheRegisteredTenDigitsAndIsAuditedOnlyMasked() {
        RenewalCase c = teller.open("CV");
        teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID, "张三", LocalDate.of(1949, 12, 31), null, null,
                true));
        assertThat(teller.verifyCard(c.id(), new PresentedCard(Seed.PAN, false))).isInstanceOf(Outcome.Advanced.class);
        ws.trainingWorld().orElseThrow().insert(TOKEN);
        String registered = Seed.voucher(TOKEN);
        String wrong = registered.substring(0, 9) + (char) ('0' + (registered.charAt(9) - '0' + 1) % 10);

        for (String[] typed : List.of(new String[] {wrong, "TOKEN_VOUCHER_MISMATCH"},
                new String[] {registered.substring(1), "TOKEN_VOUCHER_FORMAT"},
                new String[] {"", "TOKEN_VOUCHER_FORMAT"}, new String[] {null, "TOKEN_VOUCHER_FORMAT"})) {
            assertThat(teller.verifyToken(c.id(), typed[0])).as(String.valueOf(typed[0]))
                    .isInstanceOfSatisfying(Outcome.Refused.class, r -> {
                        assertThat(r.problem().code()).isEqualTo(ProblemCode.TOKEN_VOUCHER_MISMATCH);
                        assertThat(r.problem().args()).containsExactly(typed[1]);
                        assertThat(r.problem().explain(Locale.SIMPLIFIED_CHINESE).problem()).contains("介质凭证号");
                    });
            assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.CARD_VERIFIED);
        }
        assertThat(lastDetails("CHECK_FAILED")).doesNotContain(wrong).doesNotContain(registered);

        assertThat(teller.verifyToken(c.id(), " " + registered + " ")).isInstanceOf(Outcome.Advanced.class);
        String passed = lastDetails("CASE_TOKEN_VERIFIED");
        assertThat(passed).contains("\"mediaVoucher\":\"******" + registered.substring(6) + "\"")
                .doesNotContain(registered);
        teller.abort(c.id(), AbortReason.CUSTOMER_WITHDREW);
    }

    @Test
    void aLockedPinIsReportedAtTheTokenCheckWithWhatToTellTheCustomer() {
        RenewalCase c = teller.open("CV");
        teller.verifyId(c.id(), new PresentedDocument("RESIDENT_ID", ID, "张三", LocalDate.of(1949, 12, 31), null, null,
                true));
        assertThat(teller.verifyCard(c.id(), new PresentedCard(Seed.PAN, false))).isInstanceOf(Outcome.Advanced.class);
        TrainingWorld world = ws.trainingWorld().orElseThrow();
        world.insert(TOKEN);
        // the token's own PIN state (simulated here; CKF_USER_PIN_LOCKED in a PKCS#11 token's info flags)
        world.tokens().setTriesLeft(TOKEN, 0);
        try {
            assertThat(teller.verifyToken(c.id(), Seed.voucher(TOKEN)))
                    .isInstanceOfSatisfying(Outcome.Refused.class, r -> {
                        assertThat(r.problem().code()).isEqualTo(ProblemCode.PIN_LOCKED);
                        Problem.Explanation zh = r.problem().explain(Locale.SIMPLIFIED_CHINESE);
                        assertThat(zh.problem()).contains("密码已锁定");
                        assertThat(zh.tellCustomer()).contains("解锁");
                        assertThat(zh.nextStep()).contains("终止业务");
                    });
            assertThat(teller.find(c.id()).state()).isEqualTo(CaseState.CARD_VERIFIED);
            assertThat(lastDetails("CHECK_FAILED")).contains("\"check\":\"TOKEN\"").contains("\"code\":\"PIN_LOCKED\"")
                    .contains("\"pinLocked\":true");
            // a mistyped voucher on a locked token is still the typo first: the teller corrects it, then hears the lock
            String registered = Seed.voucher(TOKEN);
            String wrong = registered.substring(0, 9) + (char) ('0' + (registered.charAt(9) - '0' + 1) % 10);
            assertThat(teller.verifyToken(c.id(), wrong)).isInstanceOfSatisfying(Outcome.Refused.class,
                    r -> assertThat(r.problem().code()).isEqualTo(ProblemCode.TOKEN_VOUCHER_MISMATCH));
        } finally {
            world.tokens().setTriesLeft(TOKEN, TrainingWorld.PIN_TRIES);
        }
        assertThat(teller.abort(c.id(), AbortReason.PIN_LOCKED).abortReason()).isEqualTo(AbortReason.PIN_LOCKED);
    }

    private static String lastDetails(String eventType) {
        return ws.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT details FROM audit_entry WHERE event_type = :t ORDER BY seq DESC LIMIT 1")
                .bind("t", eventType).mapTo(String.class).one());
    }
}
