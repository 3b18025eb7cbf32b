package bank.ushield.teller.login;

/** Opens LoginModel's package-private texts to tests of other packages. */
public final class LoginModelAccess {
    private LoginModelAccess() {
    }

    public static String failureText(Throwable e) {
        return LoginModel.failureText(e);
    }
}
