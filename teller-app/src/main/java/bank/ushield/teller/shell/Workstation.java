package bank.ushield.teller.shell;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import bank.ushield.teller.AppPaths;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.task.TaskExecutor;

/**
 * What the screens share: the mode and folders, the settings, the background executor, staff access and the
 * domain services the wiring registered (renewal desk, audit, ...), looked up by type so a new screen package
 * needs no change here.
 */
public final class Workstation {

    private final AppPaths paths;
    private final SettingsStore settingsStore;
    private volatile Settings settings;
    private final TaskExecutor executor;
    private final StaffAccess staffAccess;
    private final Clock clock;
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    public Workstation(AppPaths paths, SettingsStore settingsStore, Settings settings, TaskExecutor executor,
                       StaffAccess staffAccess, Clock clock) {
        this.paths = Objects.requireNonNull(paths);
        this.settingsStore = Objects.requireNonNull(settingsStore);
        this.settings = Objects.requireNonNull(settings);
        this.executor = Objects.requireNonNull(executor);
        this.staffAccess = Objects.requireNonNull(staffAccess);
        this.clock = Objects.requireNonNull(clock);
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

    public Clock clock() {
        return clock;
    }

    /** Registers a domain service for the screens (done once by the wiring). */
    public <T> Workstation register(Class<T> type, T service) {
        services.put(type, Objects.requireNonNull(service));
        return this;
    }

    /** A registered service; fails loudly when the wiring did not provide it. */
    public <T> T service(Class<T> type) {
        Object s = services.get(type);
        if (s == null) {
            throw new IllegalStateException("No " + type.getSimpleName() + " wired for this workstation");
        }
        return type.cast(s);
    }

    public boolean has(Class<?> type) {
        return services.containsKey(type);
    }
}
