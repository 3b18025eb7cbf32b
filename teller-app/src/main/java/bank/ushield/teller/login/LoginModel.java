package bank.ushield.teller.login;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import bank.ushield.teller.i18n.Texts;
import bank.ushield.renewal.staff.SignInResult;
import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.renewal.staff.StaffSession;
import bank.ushield.teller.task.BackgroundTask;
import bank.ushield.teller.task.TaskExecutor;

/**
 * The login screen's state and rules (Swing-free): login and password (the role is the account's own, not picked);
 * "canSubmit" and "busy" are bound properties the view's Log in button follows; "message" carries the refusal in the
 * user's language.
 */
public final class LoginModel {

    public static final String CAN_SUBMIT = "canSubmit";
    public static final String BUSY = "busy";
    public static final String MESSAGE = "message";
    public static final String STATUS = "status";
    private static final Texts TEXT = Texts.of(LoginModel.class, "Login");

    private final PropertyChangeSupport changes = new PropertyChangeSupport(this);
    private final StaffAccess access;
    private final TaskExecutor executor;
    private String login = "";
    private boolean passwordGiven;
    private boolean busy;
    private String message = "";
    private String status = "";

    /** The zone a refusal says times in (the branch's, as receipts and the audit log do). */
    private final java.util.function.Supplier<ZoneId> zone;

    public LoginModel(StaffAccess access, TaskExecutor executor) {
        this(access, executor, ZoneId::systemDefault);
    }

    public LoginModel(StaffAccess access, TaskExecutor executor, java.util.function.Supplier<ZoneId> zone) {
        this.access = Objects.requireNonNull(access);
        this.executor = Objects.requireNonNull(executor);
        this.zone = Objects.requireNonNull(zone);
    }

    public void addPropertyChangeListener(PropertyChangeListener l) {
        changes.addPropertyChangeListener(l);
    }

    public void setLogin(String login) {
        boolean before = canSubmit();
        this.login = login == null ? "" : login.strip();
        changes.firePropertyChange(CAN_SUBMIT, before, canSubmit());
    }

    /** The view tells whether the password field is non-empty; the password itself stays in the field. */
    public void setPasswordGiven(boolean given) {
        boolean before = canSubmit();
        this.passwordGiven = given;
        changes.firePropertyChange(CAN_SUBMIT, before, canSubmit());
    }

    public boolean canSubmit() {
        return !busy && !login.isEmpty() && passwordGiven;
    }

    public boolean busy() {
        return busy;
    }

    public String message() {
        return message;
    }

    /** What the workstation is doing meanwhile (starting up), shown where no refusal is; empty when ready. */
    public String status() {
        return status;
    }

    /**
     * The modules are still starting ({@code firstStart}: the training data of a new folder is being made) or have
     * started: the window says so in words; a login typed meanwhile is checked once they are up.
     */
    public void starting(boolean stillStarting, boolean firstStart) {
        String old = status;
        status = !stillStarting ? "" : TEXT.get(firstStart ? "Login.status.preparingTraining" : "Login.status.starting");
        changes.firePropertyChange(STATUS, old, status);
    }

    /**
     * Checks the credentials off the EDT; on success hands the session to {@code signedIn}. The password array
     * belongs to the model from here on and is wiped whatever happens.
     */
    public void submit(char[] password, Consumer<StaffSession> signedIn) {
        if (!canSubmit()) {
            Arrays.fill(password, '\0');
            return;
        }
        String who = login;
        setBusy(true);
        setMessage("");
        executor.execute(BackgroundTask.call(() -> {
            try {
                return access.signIn(who, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }).onSuccess(result -> {
            if (result instanceof SignInResult.SignedIn ok) {
                signedIn.accept(ok.session());
            } else if (result instanceof SignInResult.Refused refused) {
                setMessage(refusalText(refused, zone.get()));
            }
        }).onFailure(e -> setMessage(failureText(e))).onFinished(() -> setBusy(false)));
    }

    /** Why a login could not be checked: a branch database out of reach is said as such, anything else generally. */
    public static String failureText(Throwable e) {
        bank.ushield.renewal.Problem.Explanation why = bank.ushield.teller.error.ErrorTexts.explainer().explain(e);
        return why.code().startsWith("db.connectionLost") || why.code().equals("db.unreachable") ? why.problem()
                : TEXT.get("Login.refused.error");
    }

    /** The workstation could not start: the login window keeps saying so after the error dialog is closed. */
    public void startFailed(String problem) {
        setMessage(problem);
    }

    /** The refusal in words; wrong login and wrong password read the same. */
    public static String refusalText(SignInResult.Refused refused, ZoneId zone) {
        return switch (refused.reason()) {
            case BAD_CREDENTIALS -> refused.args().isEmpty() ? TEXT.get("Login.refused.badCredentials")
                    : TEXT.format("Login.refused.badCredentialsTries", refused.args().get(0));
            case LOCKED -> TEXT.format("Login.refused.locked", refused.args().isEmpty() ? ""
                    : lockedUntil(refused.args().get(0), zone));
            case INACTIVE -> TEXT.get("Login.refused.inactive");
        };
    }

    private static String lockedUntil(Object instant, ZoneId zone) {
        if (instant instanceof java.time.Instant i) {
            return DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(i);
        }
        return String.valueOf(instant);
    }

    private void setBusy(boolean b) {
        boolean before = canSubmit();
        boolean old = busy;
        busy = b;
        changes.firePropertyChange(BUSY, old, b);
        changes.firePropertyChange(CAN_SUBMIT, before, canSubmit());
    }

    private void setMessage(String m) {
        String old = message;
        message = m;
        changes.firePropertyChange(MESSAGE, old, m);
    }
}
