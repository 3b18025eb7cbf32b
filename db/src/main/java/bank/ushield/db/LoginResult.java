package bank.ushield.db;

import java.time.Instant;

/**
 * The outcome of a login attempt. A login screen should show UNKNOWN_USER like WRONG_PASSWORD ("login or password
 * wrong") so it does not confirm which logins exist; the distinction is for the audit log.
 */
public sealed interface LoginResult {

    /** The outcome as a code a screen or the audit log can use. */
    Outcome outcome();

    /** Codes of the outcomes. */
    enum Outcome {
        OK, WRONG_PASSWORD, LOCKED, UNKNOWN_USER, INACTIVE
    }

    /** Logged in. */
    record Ok(StaffUser user) implements LoginResult {
        @Override
        public Outcome outcome() {
            return Outcome.OK;
        }
    }

    /** Wrong password; {@code triesLeft} more failures before the account locks. */
    record WrongPassword(int triesLeft) implements LoginResult {
        @Override
        public Outcome outcome() {
            return Outcome.WRONG_PASSWORD;
        }
    }

    /** Too many failures: no password is checked until {@code until}. */
    record Locked(Instant until) implements LoginResult {
        @Override
        public Outcome outcome() {
            return Outcome.LOCKED;
        }
    }

    /** No account with that login. */
    record UnknownUser() implements LoginResult {
        @Override
        public Outcome outcome() {
            return Outcome.UNKNOWN_USER;
        }
    }

    /** Right password, but the account is disabled (told only after a correct password). */
    record Inactive() implements LoginResult {
        @Override
        public Outcome outcome() {
            return Outcome.INACTIVE;
        }
    }
}
