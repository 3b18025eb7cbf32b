package bank.ushield.teller.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.BranchCardKey;
import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.OwnerOnly;
import bank.ushield.db.Repositories;
import bank.ushield.db.Workstation;
import bank.ushield.renewal.staff.StaffAdministration;
import bank.ushield.db.StaffRole;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.app.TellerApp;
import bank.ushield.teller.AppPaths;

/**
 * Sets a workstation up for production (IT support, once per workstation): its branch and workstation rows in
 * the production database, the workstation id in the settings, and staff accounts (run again per account; later
 * changes with {@code staff}). Everything it does is audited; a database of another workstation id is refused unless
 * {@code --replace-workstation} is given.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Set this workstation up for production: branch, workstation id and staff accounts.")
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    TellerApp parent;

    @Option(names = "--branch", required = true, description = "Branch code, e.g. 0102")
    String branch;

    @Option(names = "--branch-name", required = true, description = "Branch name as printed on receipts")
    String branchName;

    @Option(names = "--workstation", required = true, description = "Workstation id, e.g. 0102-W03")
    String workstation;

    @Option(names = "--login", description = "Staff login to create (optional)")
    String login;

    @Option(names = "--name", description = "Staff display name")
    String name;

    @Option(names = "--role", description = "TELLER, MANAGER or TRAINER (default: ${DEFAULT-VALUE})")
    StaffRole role = StaffRole.TELLER;

    @Mixin
    PasswordOptions passwordOptions = new PasswordOptions();

    @Option(names = "--replace-workstation",
            description = "Set this workstation id up although the database belongs to another workstation id")
    boolean replaceWorkstation;

    @Option(names = "--card-key", paramLabel = "FILE",
            description = "The branch's card-matching key from head office (32 bytes), installed as card-matching.key: "
                    + "head office hashes the cards of its customer extracts with it")
    Path cardKey;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (!workstation.startsWith(branch + "-")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "The workstation id must start with the branch code: " + branch + "-Wnn");
        }
        Path dataDir = parent.dataDir();
        OwnerOnly.folder(dataDir);
        OwnerOnly.tightenTree(dataDir, 3);
        char[] password = passwordOptions.password(spec.commandLine(), parent::environment);
        AppPaths paths = new AppPaths(dataDir, false);
        Clock clock = Clock.systemDefaultZone();
        Database db = Database.open(paths.databaseFile());
        try {
            if (cardKey != null) {
                // Before anything opens the key: CardMatchingKey would make a random one of its own.
                BranchCardKey.Outcome installed = BranchCardKey.install(cardKey, paths.modeDir(), db.jdbi());
                if (installed instanceof BranchCardKey.Outcome.Refused r) {
                    out.println("Refused: " + r.reason() + ".");
                    return 2;
                }
                out.println(installed instanceof BranchCardKey.Outcome.Installed
                        ? "Card-matching key installed." : "Card-matching key already installed; unchanged.");
            }
            Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(paths.modeDir()), new PasswordHasher(), clock);
            List<Workstation> existing = repos.branches().allWorkstations();
            if (existing.stream().anyMatch(Workstation::training)) {
                out.println("Refused: " + paths.databaseFile() + " holds training data.");
                return 2;
            }
            List<Workstation> others = existing.stream().filter(w -> !w.id().equals(workstation)).toList();
            if (!others.isEmpty() && !replaceWorkstation) {
                Workstation w = others.get(0);
                out.println("Refused: " + paths.databaseFile() + " belongs to workstation " + w.id() + " of branch "
                        + w.branchId() + " (set up " + w.createdAt() + "), not to " + workstation + ". Its audit log, "
                        + "cases and batch numbers belong to that id. To set " + workstation + " up in its place, "
                        + "run setup again with --replace-workstation.");
                return 2;
            }
            boolean fresh = repos.branches().workstation(workstation).isEmpty();
            repos.branches().saveBranch(branch, branchName);
            repos.branches().saveWorkstation(workstation, branch, workstation, false);
            SettingsStore store = new SettingsStore(dataDir);
            store.save(withWorkstation(store.load(), workstation));
            try (AuditLog audit = AuditLog.open(db, workstation, clock)) {
                StaffAdministration.Actor it = StaffAdministration.Actor.it();
                if (fresh) {
                    AuditEvent.Builder event = AuditEvent.builder(AuditEventType.WORKSTATION_SET_UP, AuditOutcome.OK)
                            .actor(it.name(), it.role()).detail("workstation", workstation).detail("branch", branch);
                    if (!others.isEmpty()) {
                        event.detail("replaces", others.stream().map(Workstation::id).toList());
                    }
                    audit.append(event.build());
                }
                out.println("Workstation " + workstation + " of branch " + branch + " set up in " + paths.databaseFile());
                workstationKey(paths, out);
                if (login != null && repos.staff().findByLogin(login).isPresent()) {
                    out.println("Staff " + login + " exists already; unchanged (teller-app staff changes accounts).");
                } else if (login != null) {
                    if (password == null) {
                        out.println("Refused: a new staff account needs a password: --password (asked for), "
                                + "--password-file FILE or --password-env VARIABLE.");
                        return 2;
                    }
                    new StaffAdministration(repos, audit).create(it, login, name, role, branch, password);
                    out.println("Staff " + login + " (" + role + ") created.");
                }
            } catch (StaffAdministration.Refused e) {
                out.println("Refused: " + e.getMessage() + ".");
                return 2;
            }
            OwnerOnly.tightenTree(dataDir, 3);
            return 0;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            db.close();
        }
    }

    /** Makes the workstation key once (the start never does: a lost key is an error, not a new identity). */
    private void workstationKey(AppPaths paths, java.io.PrintWriter out) {
        if (WorkstationKeys.exists(paths.modeDir())) {
            out.println("Workstation signing key exists already; unchanged.");
            return;
        }
        try {
            WorkstationKeys keys = WorkstationKeys.create(paths.modeDir(), workstation, parent.keystorePassword());
            out.println("Workstation signing key created: " + keys.file() + " (certificate SHA-256 "
                    + ExportWorkstationCertificateCommand.fingerprint(keys.certificate()) + ").");
            out.println("Register it at head office: teller-app export-workstation-certificate --out FILE");
        } catch (WorkstationStartException noPassword) {
            out.println("No workstation signing key made: set " + DomainWiring.KEYSTORE_PASSWORD_ENV
                    + " and run setup again (production does not start without it).");
        }
    }

    private static bank.ushield.teller.settings.Settings withWorkstation(bank.ushield.teller.settings.Settings s, String id) {
        return new bank.ushield.teller.settings.Settings(s.pkcs11Module(), s.tokenLabel(), id, s.syncFolder(),
                s.headOfficeCert(), s.caCertificates(), s.language(), s.theme(), s.idleLockMinutes());
    }
}
