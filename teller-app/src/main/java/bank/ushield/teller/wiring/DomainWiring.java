package bank.ushield.teller.wiring;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.Database;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.shell.Role;
import bank.ushield.teller.shell.SignInResult;
import bank.ushield.teller.shell.StaffAccess;
import bank.ushield.teller.shell.StaffSession;
import bank.ushield.teller.shell.Workstation;

/**
 * Puts the domain modules together for the UI: opens the mode's database in the background (so the login window
 * shows at once) and adapts the modules to the small ports the screens use.
 */
public final class DomainWiring {

    private static final Logger LOG = LoggerFactory.getLogger(DomainWiring.class);
    private final CompletableFuture<Database> database;

    private DomainWiring(CompletableFuture<Database> database) {
        this.database = database;
    }

    /** Starts opening the database on a background thread. */
    public static DomainWiring start(AppPaths paths, Settings settings, Clock clock) {
        CompletableFuture<Database> db = CompletableFuture.supplyAsync(() -> Database.open(paths.databaseFile()));
        db.whenComplete((d, e) -> {
            if (e != null) {
                LOG.error("Cannot open the database {}", paths.databaseFile(), e);
            }
        });
        return new DomainWiring(db);
    }

    /** The database once open; rethrows the opening failure (a DatabaseException the explainer knows). */
    Database database() {
        try {
            return database.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public StaffAccess staffAccess() {
        return new StaffAccess() {
            @Override
            public SignInResult signIn(String login, char[] password, Role role) {
                database();
                throw new UnsupportedOperationException("staff accounts arrive with the db module");
            }

            @Override
            public void signedOut(StaffSession session) {
            }

            @Override
            public void locked(StaffSession session, boolean idle) {
            }

            @Override
            public SignInResult unlock(StaffSession session, char[] password) {
                throw new UnsupportedOperationException("staff accounts arrive with the db module");
            }
        };
    }

    public void registerServices(Workstation workstation) {
        // Renewal desk, token directory and audit arrive with their modules.
    }
}
