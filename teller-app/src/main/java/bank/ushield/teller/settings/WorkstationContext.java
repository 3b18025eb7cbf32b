package bank.ushield.teller.settings;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import bank.ushield.renewal.staff.StaffAccess;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.task.TaskExecutor;

/**
 * What every screen of the workstation shares: the mode and folders, the settings, the background executor, staff
 * access and the clock. Domain services are not looked up here: the composition root hands each screen its own.
 */
public final class WorkstationContext {

    private final AppPaths paths;
    private final SettingsStore settingsStore;
    private volatile Settings settings;
    private final TaskExecutor executor;
    private final StaffAccess staffAccess;
    private final Clock clock;
    /** Lists the tokens of a PKCS#11 module for the settings screen (absent in builds without a token module). */
    private final TokenDirectory tokenDirectory;
    /** The head-office exchange for "sync now" (absent until the composition root hands it over). */
    private volatile bank.ushield.renewal.HeadOfficeLink headOffice;
    /** The branch's staff accounts for a manager's or IT's screen (absent until the composition root hands them over). */
    private volatile bank.ushield.renewal.staff.StaffAccounts staffAccounts;
    /** The workstation id the receipts and the audit log use (the training id in training mode). */
    private volatile String workstationId;
    /** Where the data lives (absent until the modules are up). */
    private volatile DatabaseLocation database;
    /** The branch database's other counters whose signing key is not pinned here (read off the EDT; ADR 0098). */
    public Optional<java.util.function.Supplier<java.util.List<UnpinnedCounter>>> unpinnedCounters() {
        return Optional.ofNullable(unpinnedCounters);
    }

    /** Hands over the check of the pinned counters' keys (the composition root, once the modules are up). */
    public void unpinnedCounters(java.util.function.Supplier<java.util.List<UnpinnedCounter>> check) {
        this.unpinnedCounters = check;
    }

    /** When the app's own scheduled sync failed, while its latest run is a failure (null otherwise). */
    private volatile java.time.Instant scheduledSyncFailedAt;
    /** The branch's zone (null until the modules are up: the clock's zone meanwhile). */
    private volatile java.time.ZoneId branchZone;
    private volatile java.util.function.Supplier<java.util.List<UnpinnedCounter>> unpinnedCounters;

    public WorkstationContext(AppPaths paths, SettingsStore settingsStore, Settings settings, TaskExecutor executor,
                              StaffAccess staffAccess, Clock clock) {
        this(paths, settingsStore, settings, executor, staffAccess, clock, null);
    }

    public WorkstationContext(AppPaths paths, SettingsStore settingsStore, Settings settings, TaskExecutor executor,
                              StaffAccess staffAccess, Clock clock, TokenDirectory tokenDirectory) {
        this.paths = Objects.requireNonNull(paths);
        this.settingsStore = Objects.requireNonNull(settingsStore);
        this.settings = Objects.requireNonNull(settings);
        this.executor = Objects.requireNonNull(executor);
        this.staffAccess = Objects.requireNonNull(staffAccess);
        this.clock = Objects.requireNonNull(clock);
        this.tokenDirectory = tokenDirectory;
    }

    public AppPaths paths() {
        return paths;
    }

    public boolean training() {
        return paths.training();
    }

    public Settings settings() {
        return settings;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    /** Replaces the settings in memory (the settings screen saves them first). */
    public void settings(Settings s) {
        this.settings = Objects.requireNonNull(s);
    }

    public TaskExecutor executor() {
        return executor;
    }

    public StaffAccess staffAccess() {
        return staffAccess;
    }

    /**
     * The zone of every time a person reads here (lock screen, login refusals): the branch's, as receipts and the
     * audit use, not the machine's; the clock's zone until the composition root hands the branch's over.
     */
    public java.time.ZoneId zone() {
        java.time.ZoneId z = branchZone;
        return z != null ? z : clock.getZone();
    }

    /** Hands over the branch's zone (the composition root, once the modules are up). */
    public void zone(java.time.ZoneId zone) {
        this.branchZone = Objects.requireNonNull(zone);
    }

    /** Now, in the branch's zone. */
    public java.time.ZonedDateTime now() {
        return clock.instant().atZone(zone());
    }

    public Clock clock() {
        return clock;
    }

    /** When the app's own scheduled sync failed, if its latest run failed: the manager and IT are shown it. */
    public Optional<java.time.Instant> scheduledSyncFailedAt() {
        return Optional.ofNullable(scheduledSyncFailedAt);
    }

    /** Records the scheduled sync's latest outcome: the time it failed, or null after a success. */
    public void scheduledSyncFailedAt(java.time.Instant at) {
        this.scheduledSyncFailedAt = at;
    }

    /** The head-office exchange of "sync now", when this workstation has one. */
    public Optional<bank.ushield.renewal.HeadOfficeLink> headOffice() {
        return Optional.ofNullable(headOffice);
    }

    /** Hands the head-office exchange over (the composition root, once). */
    public void headOffice(bank.ushield.renewal.HeadOfficeLink link) {
        this.headOffice = link;
    }

    /** The branch's staff accounts, when this workstation has a database to keep them. */
    public Optional<bank.ushield.renewal.staff.StaffAccounts> staffAccounts() {
        return Optional.ofNullable(staffAccounts);
    }

    /** Hands the staff accounts over (the composition root, once). */
    public void staffAccounts(bank.ushield.renewal.staff.StaffAccounts accounts) {
        this.staffAccounts = accounts;
    }

    /** Where this workstation's data lives, once the modules are up. */
    public Optional<DatabaseLocation> database() {
        return Optional.ofNullable(database);
    }

    /** Hands over where the data lives (the composition root, once the modules are up). */
    public void database(DatabaseLocation location) {
        this.database = location;
    }

    /**
     * The workstation id in use: what receipts print and the audit log records. In training the training
     * workstation's own id, else the settings' id.
     */
    public String workstationId() {
        String id = workstationId;
        return id != null ? id : settings.workstationId();
    }

    /** Sets the id in use when it is not the settings' (training). */
    public void workstationId(String id) {
        this.workstationId = id;
    }

    /** The token listing of the settings screen's Detect button, when this build has one. */
    public Optional<TokenDirectory> tokenDirectory() {
        return Optional.ofNullable(tokenDirectory);
    }
}
