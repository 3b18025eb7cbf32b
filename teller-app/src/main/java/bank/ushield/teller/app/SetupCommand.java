package bank.ushield.teller.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.BranchCardKey;
import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.app.TellerApp;
import bank.ushield.teller.AppPaths;

/**
 * Sets a workstation up for production (IT support, once per workstation): its branch and workstation rows in
 * the production database, the workstation id in the settings, and staff accounts (run again per account).
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

    @Option(names = "--password", interactive = true, arity = "0..1",
            description = "The staff member's first password; asked for (not echoed) when given without a value")
    char[] password;

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
            if (repos.branches().allWorkstations().stream().anyMatch(bank.ushield.db.Workstation::training)) {
                out.println("Refused: " + paths.databaseFile() + " holds training data.");
                return 2;
            }
            repos.branches().saveBranch(branch, branchName);
            repos.branches().saveWorkstation(workstation, branch, workstation, false);
            SettingsStore store = new SettingsStore(dataDir);
            store.save(withWorkstation(store.load(), workstation));
            out.println("Workstation " + workstation + " of branch " + branch + " set up in " + paths.databaseFile());
            workstationKey(paths, out);
            if (login != null) {
                if (repos.staff().findByLogin(login).isPresent()) {
                    out.println("Staff " + login + " exists already; unchanged.");
                } else if (password == null || password.length == 0) {
                    out.println("Refused: a new staff account needs --password.");
                    return 2;
                } else {
                    repos.staff().create(login, name == null ? login : name, role, branch, password);
                    out.println("Staff " + login + " (" + role + ") created.");
                }
            }
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
