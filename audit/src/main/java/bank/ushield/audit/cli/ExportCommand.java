package bank.ushield.audit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import bank.ushield.audit.AuditExport;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditVerifier;
import bank.ushield.audit.KeystorePassword;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit export}: CSV plus detached CMS signature, certificate and signed tree head. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes matching entries as CSV with a CMS signature (check with: openssl cms -verify -binary "
                + "-inform DER -in NAME.csv.p7s -content NAME.csv -CAfile workstation-cert.pem -purpose any).")
final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, description = "The workstation database file.")
    Path db;

    @Mixin
    FilterOptions filters = new FilterOptions();

    @Option(names = "--out", required = true, description = "Folder to write into.")
    Path out;

    @Option(names = "--name", defaultValue = "audit-export", description = "Base file name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--keys", required = true, description = "Data folder holding " + WorkstationKeys.FILE_NAME + ".")
    Path keysDir;

    @Option(names = "--workstation", required = true, description = "Workstation id (as in the log).")
    String workstation;

    @Option(names = "--password-env", defaultValue = "USHIELD_KEYSTORE_PASSWORD",
            description = "Environment variable holding the keystore password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--training", description = "Training data folder: use the fixed training keystore password.")
    boolean training;

    @Option(names = "--by", required = true, description = "Login of who makes the export (recorded).")
    String actor;

    @Option(names = "--by-role", defaultValue = "MANAGER", description = "Their role (default: ${DEFAULT-VALUE}).")
    String role;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        // A missing, empty or foreign file is refused before anything opens it for writing (issue 21).
        String notAuditLog = AuditVerifier.notAnAuditLog(db);
        if (notAuditLog != null) {
            spec.commandLine().getErr().println("Not an audit log: " + notAuditLog);
            return VerifyCommand.UNREADABLE;
        }
        KeystorePassword password = training ? KeystorePassword.training() : KeystorePassword.fromEnvironment(passwordEnv);
        // The workstation's own key signs the export: never a new one made here, which nobody could check against.
        if (!WorkstationKeys.exists(keysDir)) {
            spec.commandLine().getErr().println("No workstation keystore in " + keysDir + " (" + WorkstationKeys.FILE_NAME
                    + "); an export is signed with the workstation's own key and never makes one.");
            return VerifyCommand.UNREADABLE;
        }
        WorkstationKeys keys = WorkstationKeys.open(keysDir, password);
        try (AuditLog log = AuditLog.open(Database.open(db), workstation)) {
            AuditExport.Result r = AuditExport.export(log, filters.query(500).build(), out, name, keys, actor, role);
            o.printf("%d entries -> %s%nsignature  %s%ncertificate %s%ncheckpoint %s%nsha256 %s%n", r.rows(), r.csv(),
                    r.signature(), r.certificate(), r.checkpoint(), r.sha256());
        }
        return 0;
    }
}
