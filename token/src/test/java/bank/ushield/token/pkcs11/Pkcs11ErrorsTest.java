package bank.ushield.token.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import org.junit.jupiter.api.Test;

import bank.ushield.token.pin.PinStatus;
import bank.ushield.token.TokenException;
import bank.ushield.token.TokenProblem;

/** The CKR_* to domain mapping, including the PIN states SoftHSM2 never produces (it never locks a PIN). */
class Pkcs11ErrorsTest {

    @Test
    void returnCodesMapToTellerOutcomes() {
        assertThat(Pkcs11Errors.problemOf(CKR_PIN_INCORRECT)).isEqualTo(TokenProblem.WRONG_PIN);
        assertThat(Pkcs11Errors.problemOf(CKR_PIN_LOCKED)).isEqualTo(TokenProblem.PIN_LOCKED);
        assertThat(Pkcs11Errors.problemOf(CKR_PIN_EXPIRED)).isEqualTo(TokenProblem.PIN_EXPIRED);
        assertThat(Pkcs11Errors.problemOf(CKR_PIN_LEN_RANGE)).isEqualTo(TokenProblem.PIN_INVALID);
        assertThat(Pkcs11Errors.problemOf(CKR_TOKEN_NOT_PRESENT)).isEqualTo(TokenProblem.TOKEN_REMOVED);
        assertThat(Pkcs11Errors.problemOf(CKR_DEVICE_REMOVED)).isEqualTo(TokenProblem.TOKEN_REMOVED);
        assertThat(Pkcs11Errors.problemOf(CKR_SESSION_HANDLE_INVALID)).isEqualTo(TokenProblem.TOKEN_REMOVED);
        assertThat(Pkcs11Errors.problemOf(CKR_TOKEN_WRITE_PROTECTED)).isEqualTo(TokenProblem.WRITE_PROTECTED);
        assertThat(Pkcs11Errors.problemOf(CKR_SESSION_READ_ONLY)).isEqualTo(TokenProblem.WRITE_PROTECTED);
        assertThat(Pkcs11Errors.problemOf(CKR_DEVICE_MEMORY)).isEqualTo(TokenProblem.NO_SPACE);
        assertThat(Pkcs11Errors.problemOf(CKR_MECHANISM_INVALID)).isEqualTo(TokenProblem.UNSUPPORTED_MECHANISM);
        assertThat(Pkcs11Errors.problemOf(CKR_CURVE_NOT_SUPPORTED)).isEqualTo(TokenProblem.UNSUPPORTED_MECHANISM);
        assertThat(Pkcs11Errors.problemOf(CKR_USER_NOT_LOGGED_IN)).isEqualTo(TokenProblem.NOT_LOGGED_IN);
        assertThat(Pkcs11Errors.problemOf(CKR_GENERAL_ERROR)).isEqualTo(TokenProblem.DEVICE_ERROR);
    }

    @Test
    void pinFlagsGiveTriesLeft() {
        long initialised = CKF_USER_PIN_INITIALIZED;
        assertThat(Pkcs11Errors.pinStatusOf(initialised)).isEqualTo(PinStatus.OK);
        assertThat(Pkcs11Errors.pinStatusOf(initialised | CKF_USER_PIN_COUNT_LOW).state()).isEqualTo(PinStatus.State.COUNT_LOW);
        PinStatus finalTry = Pkcs11Errors.pinStatusOf(initialised | CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);
        assertThat(finalTry.state()).isEqualTo(PinStatus.State.FINAL_TRY);
        assertThat(finalTry.triesLeft()).hasValue(1);
        assertThat(Pkcs11Errors.pinStatusOf(initialised | CKF_USER_PIN_LOCKED).locked()).isTrue();
    }

    @Test
    void wrongPinOnTheFinalTryWarnsAndAWrongPinThatLocksIsPinLocked() {
        TokenException finalTry = Pkcs11Errors.map("Log in", CKR_PIN_INCORRECT, PinStatus.of(PinStatus.State.FINAL_TRY), null);
        assertThat(finalTry.problem()).isEqualTo(TokenProblem.WRONG_PIN);
        assertThat(finalTry.getMessage()).contains("one try left");
        assertThat(finalTry.returnCode()).hasValue(CKR_PIN_INCORRECT);

        TokenException locked = Pkcs11Errors.map("Log in", CKR_PIN_INCORRECT, PinStatus.of(PinStatus.State.LOCKED), null);
        assertThat(locked.problem()).isEqualTo(TokenProblem.PIN_LOCKED);
        assertThat(locked.toString()).contains("0xA0");
    }
}
