package bank.ushield.teller.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.audit.AuditLog;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.Database;
import bank.ushield.db.OwnerOnly;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.db.StaffRole;
import bank.ushield.db.StaffUser;
import bank.ushield.renewal.staff.StaffAdministration;
import bank.ushield.renewal.staff.StaffAdministration.Actor;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;

/**
 * Staff accounts of the production workstation, for IT (docs/production-mode.md, "Staff accounts"): list, create,
 * reset-password, unlock, disable, enable, set-role. Every change is audited with "IT (os-user)" as who made it.
 */
@Command(name = "staff", mixinStandardHelpOptions = true,
        description = "Manage the staff accounts of this production workstation (every change is audited).",
        subcommands = {StaffCommand.ListAccounts.class, StaffCommand.Create.class, StaffCommand.ResetPassword.class,
                StaffCommand.Unlock.class, StaffCommand.Disable.class, StaffCommand.Enable.class,
                StaffCommand.SetRole.class})
final class StaffCommand {

    @ParentCommand
    TellerApp parent;

    /** One change on the opened production database; the exit code 0 done, 2 refused. */
    interface Change {
        void apply(StaffAdministration admin, Repositories repos, Settings settings, PrintWriter out);
    }

    Integer run(CommandSpec spec, Change change) {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = parent.dataDir();
        OwnerOnly.tightenTree(dataDir, 3);
        AppPaths paths = new AppPaths(dataDir, false);
        Settings settings = new SettingsStore(dataDir).load();
        if (!ProductionDatabase.exists(paths) || settings.workstationId().isEmpty()) {
            out.println("Refused: no production workstation is set up in " + dataDir + " (teller-app setup).");
            return 2;
        }
        Clock clock = Clock.systemDefaultZone();
        Database db = ProductionDatabase.openOrSay(paths, settings.workstationId(), parent::environment, out);
        if (db == null) {
            return 2;
        }
        try (AuditLog audit = AuditLog.open(db, settings.workstationId(), clock)) {
            Repositories repos = new Repositories(db, CardMatchingKey.forDataFolder(paths.modeDir()),
                    new PasswordHasher(), clock);
            change.apply(new StaffAdministration(repos, audit), repos, settings, out);
            return 0;
        } catch (StaffAdministration.Refused e) {
            out.println("Refused: " + e.getMessage() + ".");
            return 2;
        } finally {
            db.close();
        }
    }

    /** What every subcommand on one account shares: the parent command (database, output) and the login. */
    abstract static class OnAccount implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        StaffCommand staff;
        @Option(names = "--login", required = true, description = "The account's login")
        String login;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the branch's staff accounts.")
    static final class ListAccounts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        StaffCommand staff;

        @Override
        public Integer call() {
            return staff.run(spec, (admin, repos, settings, out) -> {
                String branch = repos.branches().workstation(settings.workstationId()).orElseThrow().branchId();
                for (StaffUser u : admin.list(branch)) {
                    out.printf("%-16s %-8s %-8s %s%n", u.login(), u.role(), u.active() ? "active" : "disabled",
                            u.displayName());
                }
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a staff account.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @ParentCommand
        StaffCommand staff;
        @Option(names = "--login", required = true, description = "The new login")
        String login;
        @Option(names = "--name", description = "Display name (default: the login)")
        String name;
        @Option(names = "--role", required = true, description = "TELLER, MANAGER or TRAINER")
        StaffRole role;
        @Mixin
        PasswordOptions password = new PasswordOptions();

        @Override
        public Integer call() {
            char[] pw = password.password(spec.commandLine(), staff.parent::environment);
            if (pw == null) {
                spec.commandLine().getOut().println("Refused: the account needs a password: --password (asked "
                        + "for), --password-file FILE or --password-env VARIABLE.");
                return 2;
            }
            try {
                return staff.run(spec, (admin, repos, settings, out) -> {
                    String branch = repos.branches().workstation(settings.workstationId()).orElseThrow().branchId();
                    admin.create(Actor.it(), login, name, role, branch, pw);
                    out.println("Staff " + login + " (" + role + ") created.");
                });
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Give an account a new password (also lifts a lockout).")
    static final class ResetPassword extends OnAccount {
        @Mixin
        PasswordOptions password = new PasswordOptions();

        @Override
        public Integer call() {
            char[] pw = password.password(spec.commandLine(), staff.parent::environment);
            if (pw == null) {
                spec.commandLine().getOut().println("Refused: give the new password: --password (asked for), "
                        + "--password-file FILE or --password-env VARIABLE.");
                return 2;
            }
            try {
                return staff.run(spec, (admin, repos, settings, out) -> {
                    admin.resetPassword(Actor.it(), login, pw);
                    out.println("Password of " + login + " reset.");
                });
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Lift an account's lockout now.")
    static final class Unlock extends OnAccount {

        @Override
        public Integer call() {
            return staff.run(spec, (admin, repos, settings, out) -> {
                admin.unlock(Actor.it(), login);
                out.println(login + " unlocked.");
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an account (it can no longer log in; its history stays).")
    static final class Disable extends OnAccount {

        @Override
        public Integer call() {
            return staff.run(spec, (admin, repos, settings, out) -> {
                admin.setActive(Actor.it(), login, false);
                out.println(login + " disabled.");
            });
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled account again.")
    static final class Enable extends OnAccount {

        @Override
        public Integer call() {
            return staff.run(spec, (admin, repos, settings, out) -> {
                admin.setActive(Actor.it(), login, true);
                out.println(login + " enabled.");
            });
        }
    }

    @Command(name = "set-role", mixinStandardHelpOptions = true, description = "Give an account another role.")
    static final class SetRole extends OnAccount {
        @Option(names = "--role", required = true, description = "TELLER, MANAGER or TRAINER")
        StaffRole role;

        @Override
        public Integer call() {
            return staff.run(spec, (admin, repos, settings, out) -> {
                admin.changeRole(Actor.it(), login, role);
                out.println(login + " is now " + role + ".");
            });
        }
    }
}
