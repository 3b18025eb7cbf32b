package bank.ushield.teller.gui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import bank.ushield.renewal.staff.Role;
import bank.ushield.renewal.staff.SignInResult;
import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.renewal.staff.StaffSession;

/** Staff accounts in memory, for shell tests that are not about the database; records what would be audited. */
final class FakeStaffAccess implements StaffAccess {

    record Account(String password, String name, Role role) {
    }

    private final Map<String, Account> accounts;
    final List<String> events = new ArrayList<>();

    FakeStaffAccess(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    @Override
    public synchronized SignInResult signIn(String login, char[] password) {
        Account a = accounts.get(login);
        boolean ok = a != null && Arrays.equals(a.password().toCharArray(), password);
        Arrays.fill(password, '\0');
        if (!ok) {
            events.add("LOGIN_FAILED " + login);
            return new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of());
        }
        events.add("LOGIN " + login);
        return new SignInResult.SignedIn(new StaffSession(login, a.name(), a.role(), Instant.now()));
    }

    @Override
    public synchronized void settingsChanged(StaffSession by, java.util.SortedMap<String, List<String>> changes) {
        StaffAccess.super.settingsChanged(by, changes);
        events.add("SETTINGS " + by.login() + " " + changes);
    }

    @Override
    public synchronized void signedOut(StaffSession session) {
        events.add("LOGOUT " + session.login());
    }

    @Override
    public synchronized void locked(StaffSession session, boolean idle) {
        events.add("LOCK " + session.login());
    }

    @Override
    public synchronized SignInResult unlock(StaffSession session, char[] password) {
        Account a = accounts.get(session.login());
        boolean ok = Arrays.equals(a.password().toCharArray(), password);
        Arrays.fill(password, '\0');
        events.add((ok ? "UNLOCK " : "UNLOCK_FAILED ") + session.login());
        return ok ? new SignInResult.SignedIn(session)
                : new SignInResult.Refused(SignInResult.Reason.BAD_CREDENTIALS, List.of());
    }
}
