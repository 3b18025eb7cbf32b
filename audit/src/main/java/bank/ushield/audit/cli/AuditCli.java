package bank.ushield.audit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code audit} command line: verify, search, export and benchmark a workstation's audit database. */
@Command(name = "audit", mixinStandardHelpOptions = true, version = "audit 0.1",
        description = "Checks, searches and exports the audit log of a U-shield counter workstation database.",
        subcommands = {VerifyCommand.class, SearchCommand.class, ExportCommand.class, ProveCommand.class,
                BenchCommand.class})
public final class AuditCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // Quiet logging for a command line tool, unless the caller configured logging themselves.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "audit-cli-logback.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (for tests and for embedding in the workstation's own launcher). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AuditCli()).setCaseInsensitiveEnumValuesAllowed(true);
        // picocli's defaults (2 for usage, 1 for a failure) would collide with verify's 2 = tampered.
        cli.getCommandSpec().exitCodeOnInvalidInput(64);
        cli.getCommandSpec().exitCodeOnExecutionException(70);
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(64);
            sub.getCommandSpec().exitCodeOnExecutionException(70);
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
