package bank.ushield.teller.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.audit.AuditException;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.teller.AppPaths;

/**
 * Writes the workstation's signing certificate (public, PEM) for registration at head office, and prints its
 * SHA-256 fingerprint so head office can confirm by phone that the file it received is this workstation's.
 */
@Command(name = "export-workstation-certificate", mixinStandardHelpOptions = true,
        description = "Write this workstation's signing certificate (PEM) for registration at head office. "
                + "Needs USHIELD_KEYSTORE_PASSWORD. Exit code 0 written, 2 refused (no key, password missing or wrong).")
final class ExportWorkstationCertificateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    TellerApp parent;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PEM file to write (not overwritten)")
    Path out;

    @Override
    public Integer call() throws Exception {
        var console = spec.commandLine().getOut();
        AppPaths paths = new AppPaths(parent.dataDir(), false);
        if (!WorkstationKeys.exists(paths.modeDir())) {
            console.println("Refused: no workstation signing key in " + paths.modeDir() + " (run teller-app setup first).");
            return 2;
        }
        if (Files.exists(out)) {
            console.println("Refused: " + out + " exists already.");
            return 2;
        }
        WorkstationKeys keys;
        try {
            keys = WorkstationKeys.open(paths.modeDir(), parent.keystorePassword());
        } catch (WorkstationStartException | AuditException e) {
            console.println("Refused: " + e.getMessage());
            return 2;
        }
        Files.writeString(out, keys.certificatePem());
        console.println("Workstation certificate written to " + out);
        console.println("Subject: " + keys.certificate().getSubjectX500Principal().getName());
        console.println("SHA-256 fingerprint: " + fingerprint(keys.certificate()));
        return 0;
    }

    /** The certificate's SHA-256 fingerprint as OpenSSL prints it (upper-case hex pairs joined by colons). */
    static String fingerprint(X509Certificate cert) {
        return WorkstationKeys.fingerprint(cert);
    }
}
