package bank.ushield.teller.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import bank.ushield.teller.i18n.Language;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.renewal.staff.Role;
import bank.ushield.renewal.staff.SignInResult;
import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.task.CurrentThreadTaskExecutor;

/** The login rules without a display, on the same-thread executor. */
class LoginModelTest {

    private final List<char[]> seen = new ArrayList<>();
    private SignInResult answer;
    private final StaffAccess access = new StaffAccess() {
        @Override
        public SignInResult signIn(String login, char[] password) {
            seen.add(password);
            return answer;
        }

        @Override
        public void signedOut(StaffSession session) {
        }

        @Override
        public void locked(StaffSession session, boolean idle) {
        }

        @Override
        public SignInResult unlock(StaffSession session, char[] password) {
            return answer;
        }
    };

    @AfterEach
    void chinese() {
        Texts.setLanguage(Language.CHINESE);
    }

    @Test
    void submitIsEnabledOnlyWithLoginAndPassword() {
        LoginModel model = new LoginModel(access, new CurrentThreadTaskExecutor());
        List<Object> fired = new ArrayList<>();
        model.addPropertyChangeListener(e -> {
            if (LoginModel.CAN_SUBMIT.equals(e.getPropertyName())) {
                fired.add(e.getNewValue());
            }
        });
        assertThat(model.canSubmit()).isFalse();
        model.setLogin("teller01");
        assertThat(model.canSubmit()).isFalse();
        model.setPasswordGiven(true);
        assertThat(model.canSubmit()).isTrue();
        model.setLogin("   ");
        assertThat(model.canSubmit()).isFalse();
        assertThat(fired).containsExactly(true, false);
    }

    @Test
    void aSuccessfulLoginHandsOverTheSessionAndWipesThePassword() {
        answer = new SignInResult.SignedIn(new StaffSession("teller01", "王芳", Role.TELLER, Instant.now()));
        LoginModel model = new LoginModel(access, new CurrentThreadTaskExecutor());
        model.setLogin("teller01");
        model.setPasswordGiven(true);
        AtomicReference<StaffSession> session = new AtomicReference<>();
        model.submit("secret-1".toCharArray(), session::set);
        assertThat(session.get().login()).isEqualTo("teller01");
        assertThat(seen.get(0)).containsOnly('\0');
        assertThat(model.busy()).isFalse();
    }

    @Test
    void refusalsAreWordedWithoutTellingWhichLoginsExist() {
        Texts.setLanguage(Language.ENGLISH);
        answer = new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of(1));
        LoginModel model = new LoginModel(access, new CurrentThreadTaskExecutor());
        model.setLogin("nobody");
        model.setPasswordGiven(true);
        model.submit("x".toCharArray(), s -> {
            throw new AssertionError("must not sign in");
        });
        assertThat(model.message()).isEqualTo("Login or password is wrong. One more wrong try locks the account.");
        assertThat(model.canSubmit()).isTrue();
    }

    @Test
    void whileTheWorkstationStartsTheWindowSaysSoAndALoginWaitsForIt() {
        Texts.setLanguage(Language.ENGLISH);
        LoginModel model = new LoginModel(access, new CurrentThreadTaskExecutor());
        List<Object> statuses = new ArrayList<>();
        model.addPropertyChangeListener(e -> {
            if (LoginModel.STATUS.equals(e.getPropertyName())) {
                statuses.add(e.getNewValue());
            }
        });
        model.starting(true, true);
        assertThat(model.status()).startsWith("First start: preparing the training data").doesNotContain("_");
        model.starting(true, false);
        assertThat(model.status()).startsWith("Starting up");
        // a login typed meanwhile goes to the staff access, whose sign-in waits for the modules
        answer = new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of());
        model.setLogin("teller01");
        model.setPasswordGiven(true);
        model.submit("x".toCharArray(), s -> {
            throw new AssertionError("must not sign in");
        });
        assertThat(seen).hasSize(1);
        assertThat(model.message()).isEqualTo("Login or password is wrong.");
        model.starting(false, false);
        assertThat(model.status()).isEmpty();
        assertThat(statuses).hasSize(3);
        Texts.setLanguage(Language.CHINESE);
        model.starting(true, true);
        assertThat(model.status()).startsWith("首次启动：正在准备培训数据");
    }

    @Test
    void lockedIsExplained() {
        Texts.setLanguage(Language.ENGLISH);
        // The branch's time (Beijing, UTC+8), whatever the machine's zone: 10:15 UTC is 18:15 there.
        assertThat(LoginModel.refusalText(new SignInResult.Refused(SignInResult.Reason.LOCKED,
                List.of(Instant.parse("2026-01-01T10:15:00Z"))), java.time.ZoneId.of("Asia/Shanghai")))
                .contains("locked until").contains("18:15");
        Texts.setLanguage(Language.CHINESE);
        assertThat(LoginModel.refusalText(new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of(3)),
                java.time.ZoneOffset.UTC))
                .isEqualTo("登录名或密码错误。再错 3 次账户将被锁定。");
    }
}
