package bank.ushield.renewal.staff;

import bank.ushield.db.LoginResult;
import bank.ushield.db.StaffAuthenticator;
import bank.ushield.renewal.ProblemCode;
import bank.ushield.renewal.RenewalException;
import bank.ushield.renewal.StaffDirectory;
import bank.ushield.renewal.StaffMember;

/** Staff credentials checked by the db module's Argon2id accounts (with their lockout). */
public final class DbStaffDirectory implements StaffDirectory {

    private final StaffAuthenticator authenticator;

    public DbStaffDirectory(StaffAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public StaffMember authenticate(String login, char[] password) {
        LoginResult result = authenticator.authenticate(login, password);
        if (result instanceof LoginResult.Ok ok) {
            return new StaffMember(ok.user().login(), ok.user().displayName(),
                    StaffMember.Role.valueOf(ok.user().role().name()));
        }
        if (result instanceof LoginResult.Locked) {
            throw new RenewalException(ProblemCode.AUTH_ACCOUNT_LOCKED, login);
        }
        // Unknown login, wrong password and inactive account look the same to the person typing.
        throw new RenewalException(ProblemCode.AUTH_BAD_CREDENTIALS);
    }
}
