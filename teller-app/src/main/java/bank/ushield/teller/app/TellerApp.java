package bank.ushield.teller.app;

import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;

import javax.swing.SwingUtilities;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import bank.ushield.renewal.readers.TokenListing;
import bank.ushield.renewal.wiring.RenewalWorkstation;
import bank.ushield.teller.error.ErrorDialog;
import bank.ushield.teller.i18n.Texts;
import bank.ushield.teller.launch.StartupTrace;
import bank.ushield.teller.launch.StartupWarmup;
import bank.ushield.teller.login.LoginFrame;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.settings.WorkstationContext;
import bank.ushield.teller.shell.HomeScreens;
import bank.ushield.teller.shell.WorkstationApp;
import bank.ushield.teller.task.SwingTaskExecutor;
import bank.ushield.teller.task.TaskExecutor;
import bank.ushield.teller.theme.Themes;
import bank.ushield.teller.AppPaths;

/** Entry point of the teller workstation. */
@Command(name = "teller-app", mixinStandardHelpOptions = true, versionProvider = TellerApp.Version.class,
        subcommands = {SetupCommand.class, ImportCustomersCommand.class, StaffCommand.class,
                ExportWorkstationCertificateCommand.class, RotateWorkstationKeyCommand.class, SyncCommand.class,
                BackupCommand.class},
        description = "U-shield counter renewal workstation. Starts in training mode unless a PKCS#11 module is configured.")
public final class TellerApp implements Callable<Integer> {

    /** {@code -V}: the release from the jar's manifest (empty before: IT could not tell which jar was installed). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TellerApp.class.getPackage().getImplementationVersion();
            return new String[] {"teller-app " + (v == null ? "(not started from the release jar)" : v)
                    + ", Java " + System.getProperty("java.version")};
        }
    }


    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Data folder (default: $USHIELD_HOME or ~/.ushield-counter)")
    Path dataDir;

    @Option(names = "--production", description = "Production mode even without a PKCS#11 module in the settings")
    boolean production;

    @Option(names = "--training", description = "Training mode even when a PKCS#11 module is configured")
    boolean training;

    @Option(names = "--startup-bench", hidden = true,
            description = "Print the time from JVM start to the login window shown, then exit (the cold-start bench)")
    boolean startupBench;

    /** The process environment (the production keystore password); tests pass their own. */
    private final Function<String, String> environment;

    public TellerApp() {
        this(System::getenv);
    }

    public TellerApp(Function<String, String> environment) {
        this.environment = environment;
    }

    /** --data-dir, else $USHIELD_HOME of this app's environment, else ~/.ushield-counter. */
    Path dataDir() {
        return dataDir != null ? dataDir : AppPaths.defaultDataDir(environment);
    }

    /** The production keystore password from this app's environment (asked for only when used). */
    bank.ushield.audit.KeystorePassword keystorePassword() {
        return DomainWiring.keystorePassword(environment);
    }

    /** A variable of this app's environment (the process's, or a test's). */
    String environment(String name) {
        return environment.apply(name);
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        // No static logger in this class: the logging system starts on the warm-up thread, not before main.
        // The log file follows --data-dir too: logback reads the folder when it starts, before picocli parses.
        dataDirArgument(args).ifPresent(dir -> System.setProperty(
                bank.ushield.teller.launch.WorkstationLogging.DATA_DIR_PROPERTY, dir));
        StartupWarmup.begin();
        int exit = new CommandLine(new TellerApp()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The value of {@code --data-dir DIR} or {@code --data-dir=DIR}, looked for before the arguments are parsed. */
    static java.util.Optional<String> dataDirArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return java.util.Optional.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return java.util.Optional.of(args[i].substring("--data-dir=".length()));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public Integer call() {
        StartupTrace.mark("arguments parsed");
        Path dataDir = dataDir();
        SettingsStore store = new SettingsStore(dataDir);
        Settings settings = store.load();
        boolean productionMode = !training && (production || settings.pkcs11ModulePath().isPresent());
        AppPaths paths = new AppPaths(dataDir, !productionMode);
        // Language and look and feel before the first component, on the main thread (as FlatLaf's demo does).
        Texts.setLanguage(settings.language());
        StartupTrace.mark("settings read");
        Themes.install(settings.theme());
        StartupTrace.mark("look and feel set");
        TaskExecutor executor = new SwingTaskExecutor(e -> ErrorDialog.show(null, e));
        // The domain modules start in the background once the login window is up: on two cores their class
        // loading and database opening would otherwise compete with the first paint.
        DomainWiring wiring = DomainWiring.deferred(paths, settings, Clock.systemDefaultZone(),
                DomainWiring.keystorePassword(environment), environment);
        WorkstationContext workstation = new WorkstationContext(paths, store, settings, executor, wiring.staffAccess(),
                Clock.systemDefaultZone(),
                module -> TokenListing.list(module, paths.modeDir().resolve(RenewalWorkstation.VENDOR_PROFILES)));
        HomeScreens homeScreens = wiring.homeScreens(workstation);
        workstation.headOffice(wiring.headOfficeSync());
        workstation.staffAccounts(wiring.staffAccounts());
        wiring.started().thenAccept(ws -> {
            workstation.database(DomainWiring.databaseLocation(ws));
            workstation.zone(ws.parts().branchZone());
            if (!ws.training()) {
                // IT's reminder of step 11 (docs/production-mode.md): other counters' keys not pinned here.
                workstation.unpinnedCounters(() -> PinnedCounterKeys.check(ws.database(), ws.auditLog().workstation(),
                        ws.dataFolder().resolve(bank.ushield.audit.branch.PinnedWorkstations.FOLDER)));
            }
        });
        if (paths.training()) {
            workstation.workstationId(bank.ushield.db.TrainingDataGenerator.WORKSTATION_ID);
        } else if (settings.syncMinutes() > 0) {
            // The app syncs by itself once the modules are up (a failed start has nothing to sync).
            wiring.started().thenRun(() -> ScheduledSync.start(wiring.headOfficeSync(),
                    java.time.Duration.ofMinutes(settings.syncMinutes()), workstation::scheduledSyncFailedAt));
        }
        // A new training folder's data is made while the login window shows (Argon2 hashes of the training staff).
        boolean firstStart = paths.training()
                && !java.nio.file.Files.exists(paths.modeDir().resolve(RenewalWorkstation.TRAINING_DB));
        Logger log = LoggerFactory.getLogger(TellerApp.class);
        log.info("Workstation starting, training={}, data={}", paths.training(), paths.modeDir());
        SwingUtilities.invokeLater(() -> {
            LoginFrame login = new WorkstationApp(workstation, homeScreens).showLogin();
            StartupTrace.mark("login window built");
            // Until the modules are up the window says so; a login typed meanwhile is checked once they are.
            login.model().starting(true, firstStart);
            wiring.started().whenComplete((ws, e) -> SwingUtilities.invokeLater(
                    () -> login.model().starting(false, false)));
            // A start that fails (keystore password, settings, wrong database) is explained at once, not at login.
            wiring.started().whenComplete((ws, e) -> {
                if (e != null) {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    SwingUtilities.invokeLater(() -> {
                        login.model().startFailed(ErrorDialog.explainer().explain(cause).problem());
                        ErrorDialog.show(login, cause);
                    });
                }
            });
            // The modules start once the window has opened and its first paint is queued, so their class
            // loading and database opening do not compete with the first paint on two cores.
            whenOpened(login, () -> {
                StartupTrace.mark("login window shown");
                long shown = StartupTrace.sinceStartMillis();
                long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
                wiring.begin();
                if (startupBench) {
                    reportWhenReady(shown, cpu, wiring);
                }
            });
        });
        return 0;
    }

    private static void whenOpened(LoginFrame login, Runnable then) {
        if (login.isShowing()) {
            SwingUtilities.invokeLater(then);
        } else {
            login.addWindowListener(new WindowAdapter() {
                @Override
                public void windowOpened(WindowEvent e) {
                    login.removeWindowListener(this);
                    SwingUtilities.invokeLater(then);
                }
            });
        }
    }

    /**
     * The bench's figures: window shown (and this JVM's CPU time until then), then (once the modules are up and
     * a login can run) the phases.
     */
    private void reportWhenReady(long shownMillis, long cpuMillis, DomainWiring wiring) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("login-window-shown-ms " + shownMillis);
        // CPU time of this JVM (all threads) until then: the figure that other processes' load does not inflate.
        out.println("login-window-cpu-ms " + cpuMillis);
        StartupTrace.print(out);
        out.flush();
        Thread t = new Thread(() -> {
            int status = 0;
            try {
                wiring.renewal();
                StartupTrace.mark("modules up");
                out.println("modules-ready-ms " + StartupTrace.sinceStartMillis());
            } catch (RuntimeException e) {
                out.println("modules-failed " + e);
                status = 1;
            }
            out.flush();
            System.exit(status);
        }, "startup-bench");
        t.start();
    }
}
