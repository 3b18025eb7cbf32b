package bank.ushield.teller.wiring;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.audit.AuditLog;
import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.StaffAuthenticator;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.shell.StaffAccess;
import bank.ushield.teller.shell.Workstation;

/**
 * Puts the domain modules together for the UI: opens the mode's database in the background (so the login window
 * shows at once) and adapts the modules to the small ports the screens use.
 */
public final class DomainWiring {

    private static final Logger LOG = LoggerFactory.getLogger(DomainWiring.class);
    private final CompletableFuture<Database> database;
    private final CompletableFuture<AuditLog> audit;
    private final CompletableFuture<StaffAuthenticator> authenticator;
    private final StaffAccess staffAccess;

    private DomainWiring(CompletableFuture<Database> database, String workstationId, Clock clock) {
        this.database = database;
        this.audit = database.thenApply(db -> AuditLog.open(db, workstationId, clock));
        this.authenticator = database.thenApply(db -> new StaffAuthenticator(db.jdbi(), new PasswordHasher(),
                LockoutPolicy.DEFAULT, clock));
        this.staffAccess = new DbStaffAccess(() -> join(authenticator), () -> join(audit), clock);
    }

    /** Starts opening the database on a background thread. */
    public static DomainWiring start(AppPaths paths, Settings settings, Clock clock) {
        CompletableFuture<Database> db = CompletableFuture.supplyAsync(() -> Database.open(paths.databaseFile()));
        db.whenComplete((d, e) -> {
            if (e != null) {
                LOG.error("Cannot open the database {}", paths.databaseFile(), e);
            }
        });
        return new DomainWiring(db, settings.workstationId(), clock);
    }

    /** The database once open; rethrows the opening failure (a DatabaseException the explainer knows). */
    Database database() {
        return join(database);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Staff access on the db accounts and the audit log, usable as soon as the database is open. */
    public StaffAccess staffAccess() {
        return staffAccess;
    }

    public void registerServices(Workstation workstation) {
        // Renewal desk, token directory and audit arrive with their modules.
    }
}
