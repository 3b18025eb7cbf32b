package bank.ushield.teller.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import bank.ushield.db.BranchDatabaseSettings;
import bank.ushield.db.Database;
import bank.ushield.db.DatabaseException;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.CardMatchingKeyCheck;
import bank.ushield.db.CardMatchingKeyRefusedException;
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
 * the production database, every production setting (workstation id, PKCS#11 module, head-office folder and
 * certificates) and staff accounts, the first of them IT's own (run again per account; later changes with
 * {@code staff}). No training database or training account is made. Everything it does is audited; a database of
 * another workstation id is refused unless {@code --replace-workstation} is given.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Set this workstation up for production: branch, workstation id, PKCS#11 module, head-office "
                + "folder and certificates, and staff accounts (an IT account first: --login it01 --role IT --password).",
                "Makes no training database and no training account."})
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

    @Option(names = "--role", description = "TELLER, MANAGER, TRAINER or IT (default: ${DEFAULT-VALUE})")
    StaffRole role = StaffRole.TELLER;

    @Option(names = "--pkcs11-module", paramLabel = "FILE",
            description = "The token reader vendor's PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so)")
    Path pkcs11Module;

    @Option(names = "--token-label", paramLabel = "LABEL",
            description = "The token to use when several are present (optional)")
    String tokenLabel;

    @Option(names = "--sync-folder", paramLabel = "DIR",
            description = "The head-office exchange folder (the mounted share; it must exist, it is never created)")
    Path syncFolder;

    @Option(names = "--head-office-cert", paramLabel = "FILE",
            description = "Head office's batch-signing certificate to pin (PEM or DER; a PEM file may hold several "
                    + "while head office rolls its key over)")
    Path headOfficeCert;

    @Option(names = "--ca-certificates", paramLabel = "FILE",
            description = "The CA certificates new token certificates must chain to (PEM)")
    Path caCertificates;

    @Option(names = "--sync-minutes", paramLabel = "N",
            description = "Minutes between the running app's own head-office syncs; 0 turns them off (default 10)")
    Integer syncMinutes;

    @Mixin
    PasswordOptions passwordOptions = new PasswordOptions();

    @Option(names = "--replace-workstation",
            description = "Set this workstation id up although the database belongs to another workstation id")
    boolean replaceWorkstation;

    @Option(names = "--card-key", paramLabel = "FILE",
            description = "The branch's card-matching key from head office (32 bytes), installed as card-matching.key: "
                    + "head office hashes the cards of its customer extracts with it")
    Path cardKey;

    @Option(names = "--branch-database-url", paramLabel = "JDBC-URL",
            description = "Run this workstation on the branch's PostgreSQL database, e.g. jdbc:postgresql://db.branch:5432/"
                    + "ushield_0102?sslmode=verify-full&sslrootcert=/etc/ushield/branch-db-ca.pem (never a password in it)")
    String branchDatabaseUrl;

    @Option(names = "--branch-database-user", paramLabel = "USER",
            description = "This workstation's own database user, e.g. ushield_w03")
    String branchDatabaseUser;

    @Option(names = "--branch-database-password-file", paramLabel = "FILE",
            description = "Owner-only file (chmod 600) whose first line is the user's password; USHIELD_DB_PASSWORD, "
                    + "when set, is used instead. The password itself is never written to the settings.")
    Path branchDatabasePasswordFile;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (!workstation.startsWith(branch + "-")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "The workstation id must start with the branch code: " + branch + "-Wnn");
        }
        String refused = productionSettingsRefused();
        if (refused != null) {
            out.println("Refused: " + refused + ". Nothing was changed.");
            return 2;
        }
        Path dataDir = parent.dataDir();
        OwnerOnly.folder(dataDir);
        OwnerOnly.tightenTree(dataDir, 3);
        AppPaths paths = new AppPaths(dataDir, false);
        Map<String, String> branchKeys = branchDatabaseKeys();
        BranchDatabaseSettings branchDb;
        Database db;
        try {
            // The connection, the schema version and the user's rights are checked before anything is written.
            branchDb = branchDatabase(dataDir, branchKeys);
            if (branchDb == null && !branchKeys.isEmpty()) {
                out.println("Refused: --branch-database-user and --branch-database-password-file need "
                        + "--branch-database-url (the branch database's address). Nothing was written.");
                return 2;
            }
            db = branchDb == null ? Database.open(paths.databaseFile()) : Database.open(branchDb);
        } catch (DatabaseException e) {
            out.println("Refused: " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : ".")
                    + " Nothing was written.");
            return 2;
        }
        if (branchDb != null && cardKey == null
                && !java.nio.file.Files.isRegularFile(paths.modeDir().resolve(CardMatchingKey.KEY_FILE))) {
            db.close();
            out.println("Refused: every workstation of a branch database needs the branch's card-matching key from "
                    + "head office (--card-key FILE), the same file on every workstation, or their card checks would "
                    + "not match. Nothing was written.");
            return 2;
        }
        String where = branchDb == null ? paths.databaseFile().toString() : branchDb.toString();
        char[] password = passwordOptions.password(spec.commandLine(), parent::environment);
        Clock clock = Clock.systemDefaultZone();
        try {
            if (cardKey != null) {
                // Before anything opens the key: CardMatchingKey would make a random one of its own.
                BranchCardKey.Outcome installed = BranchCardKey.install(cardKey, paths.modeDir(), db.jdbi(),
                        workstation, clock);
                if (installed instanceof BranchCardKey.Outcome.Refused r) {
                    out.println("Refused: " + r.reason() + ".");
                    return 2;
                }
                out.println(installed instanceof BranchCardKey.Outcome.Installed
                        ? "Card-matching key installed." : "Card-matching key already installed; unchanged.");
            }
            CardMatchingKey cardMatchingKey;
            try {
                cardMatchingKey = CardMatchingKeyCheck.forStart(db.jdbi(), paths.modeDir(), workstation, clock);
            } catch (CardMatchingKeyRefusedException e) {
                out.println("Refused: " + e.getMessage() + ".");
                return 2;
            }
            Repositories repos = new Repositories(db, cardMatchingKey, new PasswordHasher(), clock);
            List<Workstation> existing = repos.branches().allWorkstations();
            if (existing.stream().anyMatch(Workstation::training)) {
                out.println("Refused: " + where + " holds training data.");
                return 2;
            }
            List<Workstation> otherBranches = existing.stream().filter(w -> !w.branchId().equals(branch)).toList();
            if (branchDb != null && !otherBranches.isEmpty()) {
                out.println("Refused: " + where + " belongs to branch " + otherBranches.get(0).branchId() + ", not to "
                        + branch + "; a branch database serves the workstations of one branch. Nothing was written.");
                return 2;
            }
            // On a branch database the branch's other workstations are expected; in a file they are not.
            List<Workstation> others = branchDb != null ? List.of()
                    : existing.stream().filter(w -> !w.id().equals(workstation)).toList();
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
            java.util.Properties rawBefore = store.properties();
            bank.ushield.teller.settings.Settings before = store.load();
            bank.ushield.teller.settings.Settings after = production(before);
            store.save(after, branchKeys);
            if (!branchKeys.isEmpty()) {
                // Which database, not how to log in: the password is in its file or the environment, never here.
                out.println("Branch database settings written: " + branchDb + ".");
            }
            try (AuditLog audit = AuditLog.open(db, workstation, clock)) {
                StaffAdministration.Actor it = StaffAdministration.Actor.it();
                if (fresh) {
                    AuditEvent.Builder event = AuditEvent.builder(AuditEventType.WORKSTATION_SET_UP, AuditOutcome.OK)
                            .actor(it.name(), it.role()).detail("workstation", workstation).detail("branch", branch);
                    if (!others.isEmpty()) {
                        event.detail("replaces", others.stream().map(Workstation::id).toList());
                    }
                    if (branchDb != null) {
                        event.detail("database", branchDb.redactedUrl());
                    }
                    audit.append(event.build());
                }
                java.util.SortedMap<String, List<String>> changed = after.changesFrom(before);
                branchKeys.forEach((k, v) -> {
                    String old = rawBefore.getProperty(k, "");
                    if (!old.equals(v)) {
                        // Where the login file is, never what it holds (the audit log refuses "password" keys).
                        changed.put(k.equals(BranchDatabaseSettings.PASSWORD_FILE_KEY) ? "branch.database.login-file"
                                : k, List.of(old, v));
                    }
                });
                if (!changed.isEmpty()) {
                    AuditEvent.Builder settingsEvent = AuditEvent.builder(AuditEventType.SETTINGS_CHANGED,
                            AuditOutcome.OK).actor(it.name(), it.role());
                    changed.forEach(settingsEvent::detail);
                    audit.append(settingsEvent.build());
                }
                out.println("Workstation " + workstation + " of branch " + branch + " set up in " + where);
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
            List<String> missing = missingForProduction(after);
            out.println(missing.isEmpty() ? "Production settings written to " + store.file() + "."
                    : "Not ready for production yet: " + String.join(", ", missing) + " (run setup again with them).");
            return 0;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            db.close();
        }
    }

    /** The branch database keys the options give (an empty map when none is given). */
    private Map<String, String> branchDatabaseKeys() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        if (branchDatabaseUrl != null) {
            keys.put(BranchDatabaseSettings.URL_KEY, branchDatabaseUrl.strip());
        }
        if (branchDatabaseUser != null) {
            keys.put(BranchDatabaseSettings.USER_KEY, branchDatabaseUser.strip());
        }
        if (branchDatabasePasswordFile != null) {
            keys.put(BranchDatabaseSettings.PASSWORD_FILE_KEY, branchDatabasePasswordFile.toAbsolutePath().toString());
        }
        return keys;
    }

    /**
     * The branch database of the saved settings with the given keys over them, or null when neither names one.
     *
     * @throws DatabaseException when the settings are unusable (password file readable by others, no user)
     */
    private BranchDatabaseSettings branchDatabase(Path dataDir, Map<String, String> keys) {
        java.util.Properties merged = new SettingsStore(dataDir).properties();
        keys.forEach(merged::setProperty);
        return BranchDatabaseSettings.fromSettings(merged, workstation, parent::environment);
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

    /** The given production settings over the saved ones (an option not given keeps its saved value). */
    private bank.ushield.teller.settings.Settings production(bank.ushield.teller.settings.Settings s) {
        bank.ushield.teller.settings.Settings p = s.withProduction(workstation,
                pkcs11Module != null ? pkcs11Module.toAbsolutePath().toString() : s.pkcs11Module(),
                tokenLabel != null ? tokenLabel : s.tokenLabel(),
                syncFolder != null ? syncFolder.toAbsolutePath().toString() : s.syncFolder(),
                headOfficeCert != null ? headOfficeCert.toAbsolutePath().toString() : s.headOfficeCert(),
                caCertificates != null ? caCertificates.toAbsolutePath().toString() : s.caCertificates());
        return syncMinutes == null ? p : new bank.ushield.teller.settings.Settings(p.pkcs11Module(), p.tokenLabel(),
                p.workstationId(), p.syncFolder(), p.headOfficeCert(), p.caCertificates(), p.language(), p.theme(),
                p.idleLockMinutes(), p.anchorIntervalMinutes(), syncMinutes);
    }

    /** Why the given production settings cannot be written (a missing file or folder), or null. */
    private String productionSettingsRefused() {
        if (pkcs11Module != null && !java.nio.file.Files.isRegularFile(pkcs11Module)) {
            return "the PKCS#11 module " + pkcs11Module + " is not a file";
        }
        if (syncFolder != null && !java.nio.file.Files.isDirectory(syncFolder)) {
            return "the head-office folder " + syncFolder + " does not exist (is the share mounted?); it is never "
                    + "created here, or batches would stay on this disk";
        }
        if (headOfficeCert != null && !java.nio.file.Files.isRegularFile(headOfficeCert)) {
            return "the head-office certificate " + headOfficeCert + " is not a file";
        }
        if (caCertificates != null && !java.nio.file.Files.isRegularFile(caCertificates)) {
            return "the CA certificates " + caCertificates + " are not a file";
        }
        if (syncMinutes != null && syncMinutes < 0) {
            return "--sync-minutes is 0 (off) or more";
        }
        if (!workstation.matches("\\d{4}-W\\d{2}")) {
            return "the workstation id " + workstation + " is not of the form 0102-W03";
        }
        return null;
    }

    private static List<String> missingForProduction(bank.ushield.teller.settings.Settings s) {
        List<String> missing = new java.util.ArrayList<>();
        if (s.pkcs11Module().isEmpty()) {
            missing.add("--pkcs11-module");
        }
        if (s.syncFolder().isEmpty()) {
            missing.add("--sync-folder");
        }
        if (s.headOfficeCert().isEmpty()) {
            missing.add("--head-office-cert");
        }
        if (s.caCertificates().isEmpty()) {
            missing.add("--ca-certificates");
        }
        return missing;
    }
}
