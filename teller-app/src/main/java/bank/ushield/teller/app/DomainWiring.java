package bank.ushield.teller.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import bank.ushield.db.Database;
import bank.ushield.db.LockoutPolicy;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.OwnerOnly;
import bank.ushield.db.Repositories;
import bank.ushield.db.TrainingData;
import bank.ushield.db.TrainingDataGenerator;
import bank.ushield.audit.AuditException;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.renewal.readers.DeskReaders;
import bank.ushield.renewal.training.ScenarioTrainingDesk;
import bank.ushield.renewal.training.TrainingDesk;
import bank.ushield.renewal.training.TrainingReset;
import bank.ushield.renewal.staff.DbStaffAccess;
import bank.ushield.renewal.staff.Role;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.error.StartRefusal;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.home.TellerHome;
import bank.ushield.teller.manager.ManagerHome;
import bank.ushield.teller.shell.HomeScreens;
import bank.ushield.teller.home.ItHome;
import bank.ushield.teller.training.TrainerHome;
import bank.ushield.teller.training.Unavailable;
import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.token.KeyAlgorithm;

/**
 * Puts the domain modules together for the UI through the renewal module's wiring factory: training or
 * production, opened in the background so the login window shows at once, and adapted to the small ports the
 * screens use.
 */
public final class DomainWiring {

    private static final Logger LOG = LoggerFactory.getLogger(DomainWiring.class);
    /** Seed of the training data made on a fresh training database (the same customers on every workstation). */
    static final long TRAINING_SEED = 20260101L;
    static final int TRAINING_CUSTOMERS = 40;
    /** The environment variable that holds the production keystore password. */
    public static final String KEYSTORE_PASSWORD_ENV = "USHIELD_KEYSTORE_PASSWORD";

    private final Clock clock;
    /** The training folder's paths (null when the wiring wraps a workstation opened by someone else). */
    private final AppPaths paths;
    /** Replaced by a reset of the training data: every service below looks it up at call time. */
    private volatile CompletableFuture<RenewalWorkstation> renewal;
    private volatile CompletableFuture<DeskReaders> readers;
    private final StaffAccess staffAccess;
    /** The trainer's desk across resets (training mode only). */
    private final LiveTrainingDesk trainingDesk = new LiveTrainingDesk(this::resetTraining);
    /** The shell's workstation the home screens were made for (null until then). */
    private volatile WorkstationContext boundTo;
    private volatile boolean trainingDeskOpen;
    private volatile ManagerServices manager;
    /** Training data generated at this start (card numbers in clear), staged in the chip reader and its file. */
    private volatile TrainingData generated;

    private DomainWiring(CompletableFuture<RenewalWorkstation> renewal, Clock clock, AppPaths paths) {
        this.clock = clock;
        this.paths = paths;
        this.renewal = renewal;
        this.readers = renewal.thenApply(this::readersFor);
        this.staffAccess = new DbStaffAccess(
                () -> join(this.renewal).repositories().authenticator(LockoutPolicy.DEFAULT),
                () -> join(this.renewal).auditLog(), clock);
    }

    private DeskReaders readersFor(RenewalWorkstation ws) {
        // No GA/T 467 vendor adapter ships (it needs the reader vendor's SDK): production has no ID reader.
        if (!ws.training()) {
            return DeskReaders.production(Optional.empty(), Optional.empty(), clock);
        }
        // Training card numbers are kept in the training folder's fixture file, so the simulated chip presents
        // any training customer's card after a restart too (the database keeps only a keyed hash).
        DeskReaders r = DeskReaders.training(ws.repositories(), clock, ws.dataFolder());
        if (generated != null) {
            r.stage(generated);
        }
        return r;
    }

    /** Starts the modules on a background thread. */
    public static DomainWiring start(AppPaths paths, Settings settings, Clock clock) {
        DomainWiring w = deferred(paths, settings, clock);
        w.begin();
        return w;
    }

    /** Wiring whose modules start on a background thread at {@link #begin()}; callers of the services wait. */
    public static DomainWiring deferred(AppPaths paths, Settings settings, Clock clock) {
        return deferred(paths, settings, clock, keystorePassword(System::getenv));
    }

    /** As {@link #deferred(AppPaths, Settings, Clock)} with the production keystore password from {@code keystore}. */
    public static DomainWiring deferred(AppPaths paths, Settings settings, Clock clock, KeystorePassword keystore) {
        return deferred(paths, settings, clock, keystore, System::getenv);
    }

    /**
     * As {@link #deferred(AppPaths, Settings, Clock, KeystorePassword)} with the environment the branch database
     * password ({@code USHIELD_DB_PASSWORD}) is read from.
     */
    public static DomainWiring deferred(AppPaths paths, Settings settings, Clock clock, KeystorePassword keystore,
                                        Function<String, String> environment) {
        CompletableFuture<RenewalWorkstation> ws = new CompletableFuture<>();
        DomainWiring wiring = new DomainWiring(ws, clock, paths);
        wiring.starter = () -> CompletableFuture.runAsync(() -> {
            try {
                ws.complete(paths.training() ? wiring.training(paths.modeDir(), clock)
                        : production(paths.modeDir(), settings, clock, keystore, environment));
            } catch (RuntimeException e) {
                LOG.error("Cannot start the workstation modules in {}", paths.modeDir(), e);
                ws.completeExceptionally(e);
            }
        });
        return wiring;
    }

    private Runnable starter = () -> { };

    /** Starts the modules (once). */
    public synchronized void begin() {
        Runnable s = starter;
        starter = () -> { };
        s.run();
    }

    /** Wraps a workstation that is already open (tests, benches). */
    public static DomainWiring of(RenewalWorkstation workstation, Clock clock) {
        return new DomainWiring(CompletableFuture.completedFuture(workstation), clock, null);
    }

    /** The production keystore password from the environment variable {@link #KEYSTORE_PASSWORD_ENV}. */
    public static KeystorePassword keystorePassword(Function<String, String> environment) {
        return () -> {
            String value = environment.apply(KEYSTORE_PASSWORD_ENV);
            if (value == null || value.isEmpty()) {
                throw new WorkstationStartException(StartRefusal.KEYSTORE_PASSWORD_MISSING,
                        "The workstation keystore password is not set (environment variable " + KEYSTORE_PASSWORD_ENV + ")",
                        null);
            }
            return value.toCharArray();
        };
    }

    /** Training mode: a fresh training database gets the training staff and customers first. */
    RenewalWorkstation training(Path dir, Clock clock) {
        try (Database db = Database.open(dir.resolve(RenewalWorkstation.TRAINING_DB))) {
            Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(dir), new PasswordHasher(), clock);
            // Before anything is generated: training data must never be written into a copied production database.
            if (repos.branches().allWorkstations().stream().anyMatch(w -> !w.training())) {
                throw new WorkstationStartException(StartRefusal.PRODUCTION_DATA_IN_TRAINING,
                        "The training database " + dir.resolve(RenewalWorkstation.TRAINING_DB)
                                + " holds production workstations; training refuses to use it", null);
            }
            if (repos.staff().findByLogin("teller01").isEmpty()) {
                LOG.info("New training database: generating training staff and {} customers", TRAINING_CUSTOMERS);
                generated = new TrainingDataGenerator(repos).generate(TRAINING_SEED, TRAINING_CUSTOMERS);
            }
        }
        return RenewalWorkstation.training(dir, TrainingDataGenerator.WORKSTATION_ID, KeyAlgorithm.RSA_2048, clock);
    }

    /**
     * Resets the training data in one action while the app runs: closes the training workstation, wipes its
     * database, simulated tokens, head-office simulator and sync folders (renewal's {@link TrainingReset}, which
     * refuses any folder that is not a training folder), opens it again on a fresh training database with fresh
     * training data, and registers the reopened services. Callers of the services meanwhile wait for the reopened
     * workstation. Off the EDT; only for the training folder of a training workstation.
     *
     * @return what the fresh training world holds
     */
    public synchronized TrainingResetResult resetTraining() {
        if (paths == null || !paths.training()) {
            throw new IllegalStateException("Only the training data of a training workstation can be reset");
        }
        RenewalWorkstation old = renewal();
        if (!old.training()) {
            throw new IllegalStateException("The open workstation is not a training workstation");
        }
        Path folder = paths.modeDir();
        long started = System.nanoTime();
        CompletableFuture<RenewalWorkstation> next = new CompletableFuture<>();
        renewal = next;
        readers = next.thenApply(this::readersFor);
        close(old);
        generated = null;
        RuntimeException failure = null;
        try {
            TrainingReset.wipe(folder);
        } catch (RuntimeException e) {
            // Reopen what is there, so the app keeps working; the trainer sees why the reset failed.
            LOG.error("Training data reset failed in {}", folder, e);
            failure = e;
        }
        try {
            next.complete(training(folder, clock));
        } catch (RuntimeException e) {
            LOG.error("Cannot reopen the training workstation in {}", folder, e);
            next.completeExceptionally(e);
            throw failure != null ? failure : e;
        }
        opened();
        if (failure != null) {
            throw failure;
        }
        TrainingData fresh = generated;
        int customers = fresh == null ? 0 : fresh.customers().size();
        LOG.info("Training data reset in {}: {} customers generated, {} ms from close to reopened", folder, customers,
                (System.nanoTime() - started) / 1_000_000);
        return new TrainingResetResult(customers, trainingDesk.trainees());
    }

    /** What a training reset made. */
    public record TrainingResetResult(int customers, List<String> trainees) {
    }

    private static void close(RenewalWorkstation ws) {
        try {
            ws.close();
        } finally {
            // The workstation leaves its database pool open: close it, so no connection keeps the old file.
            ws.database().close();
        }
    }

    static RenewalWorkstation production(Path dir, Settings s, Clock clock, KeystorePassword keystore) {
        return production(dir, s, clock, keystore, System::getenv);
    }

    /**
     * Production in {@code dir} (the data folder's production folder), on the branch database when the settings
     * name one, else on the folder's SQLite file; the branch database password comes from {@code environment}.
     */
    static RenewalWorkstation production(Path dir, Settings s, Clock clock, KeystorePassword keystore,
                                         Function<String, String> environment) {
        // Owner-only data folder, database, keys and settings, also for files an older release or a copy left open.
        OwnerOnly.tightenTree(dir.toAbsolutePath().getParent(), 3);
        OwnerOnly.folder(dir);
        if (s.pkcs11ModulePath().isEmpty() || s.syncFolder().isEmpty() || s.headOfficeCert().isEmpty()
                || s.caCertificates().isEmpty()) {
            throw new WorkstationStartException(StartRefusal.NOT_CONFIGURED,
                    "Production needs a PKCS#11 module, the head-office folder and both certificates in the settings",
                    null);
        }
        RenewalWorkstation.ProductionSettings ps = new RenewalWorkstation.ProductionSettings(dir, s.workstationId(),
                s.pkcs11ModulePath().get(), Path.of(s.syncFolder()), Path.of(s.headOfficeCert()),
                Path.of(s.caCertificates()), KeyAlgorithm.RSA_2048, null, s.tokenLabel(),
                java.time.Duration.ofMinutes(s.anchorIntervalMinutes()));
        if (!WorkstationKeys.exists(dir)) {
            throw new WorkstationStartException(StartRefusal.KEYSTORE_MISSING, "The workstation keystore "
                    + dir.resolve(WorkstationKeys.FILE_NAME) + " is missing; no new key is made at start", null);
        }
        // The data folder is the production folder's parent (AppPaths): its settings name the branch database.
        Path dataDir = dir.toAbsolutePath().getParent();
        bank.ushield.db.BranchDatabaseSettings branch = ProductionDatabase.branchSettings(dataDir, s.workstationId(),
                environment);
        if (branch != null && !java.nio.file.Files.isRegularFile(dir.resolve(CardMatchingKey.KEY_FILE))) {
            // A key made up here would hash cards unlike the branch's other counters: refused, never made.
            throw new WorkstationStartException(StartRefusal.BRANCH_CARD_KEY_MISSING, "The branch's card-matching key "
                    + dir.resolve(CardMatchingKey.KEY_FILE) + " is missing; a workstation of a branch database needs "
                    + "the same key as the others (teller-app setup --card-key FILE)", null);
        }
        String where = branch == null ? dir.resolve(RenewalWorkstation.PRODUCTION_DB).toString() : branch.toString();
        RenewalWorkstation ws;
        try {
            ws = branch == null ? RenewalWorkstation.production(ps, keystore, clock)
                    : RenewalWorkstation.production(ps, keystore, clock, () -> Database.open(branch));
        } catch (bank.ushield.db.CardMatchingKeyRefusedException e) {
            throw new WorkstationStartException(e.reason() == bank.ushield.db.CardMatchingKeyRefusedException.Reason.MISSING
                    ? StartRefusal.CARD_KEY_LOST : StartRefusal.CARD_KEY_NOT_THE_DATABASES, e.getMessage(), e);
        } catch (AuditException e) {
            if (e.code() != AuditException.Code.KEYSTORE) {
                throw e;
            }
            throw new WorkstationStartException(StartRefusal.KEYSTORE_UNREADABLE,
                    "The workstation keystore in " + dir + " does not open with the password in "
                            + KEYSTORE_PASSWORD_ENV + " (wrong password or damaged file)", e);
        }
        List<bank.ushield.db.Workstation> known = ws.repositories().branches().allWorkstations();
        if (known.stream().anyMatch(bank.ushield.db.Workstation::training)) {
            close(ws);
            throw new WorkstationStartException(StartRefusal.TRAINING_DATA_IN_PRODUCTION,
                    "The production database " + where + " holds training workstations; production refuses to use it",
                    null);
        }
        if (known.stream().noneMatch(w -> w.id().equals(s.workstationId()))) {
            close(ws);
            throw new WorkstationStartException(StartRefusal.NOT_SET_UP,
                    "Workstation " + s.workstationId() + " is not set up in " + where + " (run teller-app setup)", null);
        }
        return ws;
    }

    /** Where the started workstation's data lives, for IT's home screen (no password, no key). */
    static bank.ushield.teller.settings.DatabaseLocation databaseLocation(RenewalWorkstation ws) {
        Database db = ws.database();
        String check = bank.ushield.db.CardMatchingKeyCheck.recorded(db.jdbi())
                .map(bank.ushield.db.CardMatchingKeyCheck.Recorded::shortValue).orElse(null);
        boolean branch = db.engine() == bank.ushield.db.Engine.POSTGRESQL;
        return new bank.ushield.teller.settings.DatabaseLocation(branch,
                branch ? db.branchAddress().orElse("") : String.valueOf(db.file()), db.branchUser().orElse(null),
                db.schemaVersion(), check);
    }

    /** Completes when the modules are up, or exceptionally with the reason they could not start. */
    public CompletableFuture<RenewalWorkstation> started() {
        return renewal.copy();
    }

    /** The renewal workstation once started; rethrows the start failure for the error dialog. */
    public RenewalWorkstation renewal() {
        return join(renewal);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The desk's ID and chip readers once the modules are up (simulated in training). */
    public DeskReaders readers() {
        return join(readers);
    }

    /**
     * The head-office exchange of the open workstation for "sync now" and the scheduled sync: the same exchange
     * (and lock) as a case's step 6, so none of them overlaps another.
     */
    public bank.ushield.renewal.HeadOfficeLink headOfficeSync() {
        return new bank.ushield.renewal.HeadOfficeLink() {
            @Override
            public SyncReport syncNow() {
                return renewal().renewals(bank.ushield.renewal.StaffMember.HEAD_OFFICE_SYNC).syncNow();
            }

            @Override
            public Optional<SyncReport> syncIfIdle() {
                return renewal().renewals(bank.ushield.renewal.StaffMember.HEAD_OFFICE_SYNC).syncIfIdle();
            }
        };
    }

    /** The branch's staff accounts over the open workstation's database and audit log. */
    public bank.ushield.renewal.staff.StaffAccounts staffAccounts() {
        return new bank.ushield.renewal.staff.DbStaffAccounts(() -> renewal().repositories(),
                () -> renewal().auditLog(), () -> {
                    RenewalWorkstation ws = renewal();
                    String id = ws.parts().workstationId();
                    return ws.repositories().branches().workstation(id).orElseThrow(() -> new IllegalStateException(
                            "Workstation " + id + " is not set up")).branchId();
                }, clock);
    }

    /** Staff access on the db accounts and the audit log, usable as soon as the modules are up. */
    public StaffAccess staffAccess() {
        return staffAccess;
    }

    /**
     * The home screen of each role over these modules, for the shell of {@code workstation}: the manager's review
     * and the trainer's desk follow the open workstation (again after a training reset).
     */
    public HomeScreens homeScreens(WorkstationContext workstation) {
        boundTo = workstation;
        opened();
        return new HomeScreens(Map.of(Role.TELLER, TellerHomeFactory.of(this),
                Role.MANAGER, ManagerHomeFactory.of(this), Role.TRAINER, TrainerHomeFactory.of(this),
                Role.IT, ItHome::new));
    }

    /** The home screens of a shell without domain modules (shell tests): the teller's home without case lists. */
    public static HomeScreens withoutModules() {
        RenewalWizardLauncher none = new RenewalWizardLauncher(null);
        return new HomeScreens(Map.of(Role.TELLER, context -> new TellerHome(context, null, none),
                Role.MANAGER, context -> Unavailable.screen(ManagerHome.unavailableText()),
                Role.TRAINER, context -> Unavailable.screen(TrainerHome.unavailableText()), Role.IT, ItHome::new));
    }

    /** The trainer's desk, once a training workstation is open in this shell's training folder. */
    public Optional<TrainingDesk> trainingDesk() {
        return trainingDeskOpen ? Optional.of(trainingDesk) : Optional.empty();
    }

    /** The manager's services over the open workstation, once it is open. */
    Optional<ManagerServices> managerServices() {
        return Optional.ofNullable(manager);
    }

    /** The services over the open workstation, made again after a training reset reopened it. */
    private void opened() {
        WorkstationContext workstation = boundTo;
        if (workstation == null) {
            return;
        }
        // Manager screens (issue 10): review, sign-off, export and charts over this mode's audit log, once open.
        // Trainer console (issue 10): the scenario desk on the training workstation, kept across resets.
        renewal.thenAccept(ws -> {
            manager = ManagerServices.over(ws);
            if (ws.training() && workstation.training()) {
                trainingDesk.use(new ScenarioTrainingDesk(ws, workstation.paths().modeDir().resolve("scenarios"),
                        workstation.clock(), trainingDesk::reset));
                trainingDeskOpen = true;
            }
        });
    }
}
