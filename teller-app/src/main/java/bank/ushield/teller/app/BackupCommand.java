package bank.ushield.teller.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.db.BackupStore;
import bank.ushield.db.DatabaseException;
import bank.ushield.teller.AppPaths;

/**
 * Backs the production workstation up into a new folder laid out like the data folder: a consistent copy of the
 * database (taken while the app may be running), the key files and the settings, and a SHA-256 manifest that
 * {@code sha256sum -c} checks. Restoring is copying the folder's contents back (docs/production-mode.md).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the production database, key files and settings into a new folder (the app may run).",
                "On a branch database, the keys and settings only: the branch database is backed up by its DBA.",
                "Exit code: 0 written, 1 failed."})
final class BackupCommand implements Callable<Integer> {

    /** The manifest file, in sha256sum's format. */
    static final String MANIFEST = "SHA256SUMS";

    @Spec
    CommandSpec spec;

    @ParentCommand
    TellerApp parent;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A folder that does not exist yet")
    Path out;

    @Override
    public Integer call() {
        var console = spec.commandLine().getOut();
        AppPaths paths = new AppPaths(parent.dataDir(), false);
        try {
            if (Files.exists(out)) {
                console.println("Refused: " + out + " exists already; a backup goes into a new folder.");
                return 1;
            }
            boolean branch = ProductionDatabase.onBranchDatabase(parent.dataDir());
            if (!branch && !Files.isRegularFile(paths.databaseFile())) {
                console.println("Refused: there is no production database at " + paths.databaseFile() + ".");
                return 1;
            }
            Files.createDirectories(out);
            BackupStore.ownerOnly(out);
            Path modeDir = out.resolve(parent.dataDir().relativize(paths.modeDir()));
            Files.createDirectories(modeDir);
            BackupStore.ownerOnly(modeDir);
            List<Path> written = new ArrayList<>();
            if (!branch) {
                // Database first: key files never change while a workstation lives, the database does.
                Path dbCopy = modeDir.resolve(paths.databaseFile().getFileName());
                BackupStore.copy(paths.databaseFile(), dbCopy);
                written.add(dbCopy);
            }
            try (Stream<Path> files = Files.list(paths.modeDir())) {
                for (Path f : files.filter(Files::isRegularFile).filter(BackupCommand::isKeyOrState).toList()) {
                    written.add(copy(f, modeDir.resolve(f.getFileName())));
                }
            }
            Path settings = parent.dataDir().resolve("settings.properties");
            if (Files.isRegularFile(settings)) {
                written.add(copy(settings, out.resolve(settings.getFileName())));
            }
            StringBuilder manifest = new StringBuilder();
            for (Path p : written) {
                manifest.append(sha256(p)).append("  ").append(out.relativize(p).toString().replace('\\', '/'))
                        .append('\n');
            }
            Path manifestFile = Files.writeString(out.resolve(MANIFEST), manifest.toString());
            BackupStore.ownerOnly(manifestFile);
            console.println("Backup written to " + out + " at " + Instant.now() + ": " + written.size() + " files.");
            written.forEach(p -> console.println("  " + out.relativize(p)));
            console.println("Check it with: cd " + out + " && sha256sum -c " + MANIFEST);
            if (branch) {
                // The branch database holds every workstation's rows: one consistent dump of it, not four partial
                // copies, and this workstation's user may not read what a dump needs (docs/production-mode.md).
                console.println("The branch database (" + ProductionDatabase.where(paths) + ") is not in this backup: "
                        + "the bank's database administrators back it up with pg_dump or base backups for the whole "
                        + "branch. This backup holds this workstation's keys and settings, which are not in it.");
            }
            return 0;
        } catch (IOException | DatabaseException e) {
            console.println("Failed: " + e.getMessage());
            return 1;
        }
    }

    /** Everything in the mode folder but the live database files and the pre-migration copies. */
    private static boolean isKeyOrState(Path f) {
        String name = f.getFileName().toString();
        return !name.startsWith("workstation.db") && !name.endsWith(".tmp");
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.copy(from, to);
        BackupStore.ownerOnly(to);
        return to;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
