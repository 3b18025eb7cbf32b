package bank.ushield.teller.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.audit.AuditEvent;
import bank.ushield.audit.AuditEventType;
import bank.ushield.audit.AuditException;
import bank.ushield.audit.AuditLog;
import bank.ushield.audit.AuditOutcome;
import bank.ushield.audit.AuditQuery;
import bank.ushield.audit.AuditSearch;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.db.Database;
import bank.ushield.db.OwnerOnly;
import bank.ushield.renewal.staff.StaffAdministration;
import bank.ushield.teller.AppPaths;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;

/**
 * Rotates the workstation's signing key (ADR 0080): a new key and certificate beside the old one in the keystore,
 * the new certificate and the hand-over statement signed by the old key written for head office, and an audit entry.
 */
@Command(name = "rotate-workstation-key", mixinStandardHelpOptions = true,
        description = "Make a new workstation signing key (the old one is kept), and write for head office the new "
                + "certificate and a hand-over statement signed by the old key. Needs USHIELD_KEYSTORE_PASSWORD. "
                + "Exit code 0 rotated, 2 refused.")
final class RotateWorkstationKeyCommand implements Callable<Integer> {

    /** File names written into --out-dir. */
    static final String NEW_CERTIFICATE = "workstation-new.pem";
    static final String OLD_CERTIFICATE = "workstation-old.pem";
    static final String STATEMENT = "key-handover.txt";
    static final String SIGNATURE = "key-handover.sig";

    @Spec
    CommandSpec spec;

    @ParentCommand
    TellerApp parent;

    @Option(names = "--out-dir", required = true, paramLabel = "FOLDER",
            description = "New folder for the files head office needs (must not exist yet)")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Path dataDir = parent.dataDir();
        AppPaths paths = new AppPaths(dataDir, false);
        Settings settings = new SettingsStore(dataDir).load();
        if (!ProductionDatabase.exists(paths) || settings.workstationId().isEmpty()
                || !WorkstationKeys.exists(paths.modeDir())) {
            console.println("Refused: no production workstation with a signing key is set up in " + dataDir
                    + " (teller-app setup).");
            return 2;
        }
        if (Files.exists(outDir)) {
            console.println("Refused: " + outDir + " exists already (give a new folder).");
            return 2;
        }
        String workstation = settings.workstationId();
        WorkstationKeys.Rotation rotation;
        boolean resumed;
        // The audit log is opened first, so a database that cannot be written refuses before the key changes.
        Database opened = ProductionDatabase.openOrSay(paths, workstation, parent::environment, console);
        if (opened == null) {
            return 2;
        }
        try (Database db = opened;
             AuditLog audit = AuditLog.open(db, workstation, Clock.systemDefaultZone())) {
            try {
                rotation = unfinished(db, paths.modeDir(), workstation);
                resumed = rotation != null;
                if (!resumed) {
                    rotation = WorkstationKeys.rotate(paths.modeDir(), workstation, parent.keystorePassword());
                }
            } catch (WorkstationStartException | AuditException e) {
                console.println("Refused: " + e.getMessage());
                return 2;
            }
            StaffAdministration.Actor it = StaffAdministration.Actor.it();
            audit.append(AuditEvent.builder(AuditEventType.WORKSTATION_KEY_ROTATED, AuditOutcome.OK)
                    .actor(it.name(), it.role())
                    .detail("previousKeyId", rotation.previous().keyId())
                    .detail("keyId", rotation.current().keyId())
                    .detail("newCertificateSha256", WorkstationKeys.fingerprint(rotation.current().certificate()))
                    .detail("handoverSignature", java.util.Base64.getEncoder().encodeToString(rotation.signature()))
                    .build());
        }
        if (resumed) {
            console.println("Finished the key rotation that was interrupted earlier (no further key was made).");
        }
        writeFiles(rotation);
        OwnerOnly.tightenTree(dataDir, 3);
        console.println("Workstation signing key rotated; the previous key is kept in " + rotation.current().file());
        console.println("New certificate SHA-256 fingerprint: "
                + WorkstationKeys.fingerprint(rotation.current().certificate()));
        console.println("For head office, in " + outDir + ": " + String.join(", ",
                List.of(NEW_CERTIFICATE, STATEMENT, SIGNATURE, OLD_CERTIFICATE)));
        console.println("Head office checks the hand-over with: openssl x509 -in " + OLD_CERTIFICATE
                + " -pubkey -noout > old.pub && openssl dgst -sha256 -verify old.pub -signature " + SIGNATURE
                + " " + STATEMENT);
        return 0;
    }

    /**
     * The rotation a kill cut short after the keystore was replaced and before its audit entry (the keystore's
     * current key is named by no entry, and a retired key is not yet named as a previous key), or null.
     */
    private WorkstationKeys.Rotation unfinished(Database db, Path keyDir, String workstation) {
        List<WorkstationKeys> retired = WorkstationKeys.retired(keyDir, parent.keystorePassword());
        if (retired.isEmpty()) {
            return null;
        }
        List<String> recorded = new java.util.ArrayList<>();
        new AuditSearch(db).forEach(AuditQuery.builder().type(AuditEventType.WORKSTATION_KEY_ROTATED).limit(1000)
                .build(), e -> recorded.add(e.details()));
        WorkstationKeys current = WorkstationKeys.open(keyDir, parent.keystorePassword());
        if (recorded.stream().anyMatch(d -> d.contains("\"keyId\":\"" + current.keyId() + "\""))) {
            return null;
        }
        return retired.stream()
                .filter(k -> recorded.stream().noneMatch(d -> d.contains("\"previousKeyId\":\"" + k.keyId() + "\"")))
                .findFirst().map(previous -> WorkstationKeys.handover(workstation, previous, current)).orElse(null);
    }

    /** Public files only; written into a temporary folder renamed at the end, so the folder is whole or absent. */
    private void writeFiles(WorkstationKeys.Rotation rotation) throws java.io.IOException {
        Path parentDir = outDir.toAbsolutePath().getParent();
        Files.createDirectories(parentDir);
        Path tmp = Files.createTempDirectory(parentDir, ".rotation");
        Files.writeString(tmp.resolve(NEW_CERTIFICATE), rotation.current().certificatePem());
        Files.writeString(tmp.resolve(OLD_CERTIFICATE), rotation.previous().certificatePem());
        Files.write(tmp.resolve(STATEMENT), rotation.statement());
        Files.write(tmp.resolve(SIGNATURE), rotation.signature());
        Files.move(tmp, outDir, StandardCopyOption.ATOMIC_MOVE);
    }
}
