package bank.ushield.renewal.staff;

import java.util.List;
import bank.ushield.renewal.staff.StaffSession;

/** The answer to a sign-in: a session, or a refusal as a text key of the Login bundle with its arguments. */
public sealed interface SignInResult {

    /** Signed in. */
    record SignedIn(StaffSession session) implements SignInResult {
    }

    /**
     * Refused.
     *
     * @param reason why, as a code (also the text key stem Login.refused.&lt;reason&gt;)
     * @param args   message arguments (tries left, locked-until time)
     */
    record Refused(Reason reason, List<Object> args) implements SignInResult {
        public Refused {
            args = List.copyOf(args);
        }
    }

    /** Why a sign-in was refused; wrong login and wrong password read the same to the user. */
    enum Reason {
        BAD_CREDENTIALS, LOCKED, INACTIVE
    }
}
