package bank.ushield.teller.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.bouncycastle.cert.X509CertificateHolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import bank.ushield.audit.AuditLog;
import bank.ushield.casync.AuditLogSyncTrail;
import bank.ushield.casync.CaSyncException;
import bank.ushield.casync.CustomerExtractImporter;
import bank.ushield.casync.ImportResult;
import bank.ushield.casync.SyncFolders;
import bank.ushield.casync.format.BatchRejectedException;
import bank.ushield.casync.headoffice.HeadOfficeCa;
import bank.ushield.db.Database;
import bank.ushield.db.CardMatchingKey;
import bank.ushield.db.PasswordHasher;
import bank.ushield.db.Repositories;
import bank.ushield.renewal.adapter.IdRulesExtractRecords;
import bank.ushield.teller.settings.Settings;
import bank.ushield.teller.settings.SettingsStore;
import bank.ushield.teller.app.TellerApp;
import bank.ushield.teller.AppPaths;

/**
 * Imports one head-office customer extract into the production database (IT support; the head-office sync imports
 * the ones that arrive in the inbox by itself). Verified against the pinned head-office certificate of the settings;
 * the file stays where it is. See docs/customer-extract.md.
 */
@Command(name = "import-customers", mixinStandardHelpOptions = true,
        description = "Import a signed head-office customer extract (CUS-...p7m) into the production database.")
final class ImportCustomersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    TellerApp parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The customer extract file, e.g. CUS-0102-00000003.p7m")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dataDir = parent.dataDir();
        AppPaths paths = new AppPaths(dataDir, false);
        Settings settings = new SettingsStore(dataDir).load();
        if (settings.headOfficeCert().isEmpty()) {
            out.println("Refused: the head-office certificate is not set (Settings, headOffice.certificate); "
                    + "the extract's signature cannot be checked.");
            return 2;
        }
        // The quarantine is on head office's share, as for the sync: a missing share is refused, never made here.
        if (settings.syncFolder().isEmpty() || !Files.isDirectory(Path.of(settings.syncFolder()))) {
            out.println("Refused: the head-office folder " + (settings.syncFolder().isEmpty() ? "is not set (setup "
                    + "--sync-folder)" : settings.syncFolder() + " does not exist (is the share mounted?)")
                    + "; nothing was imported.");
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            out.println("Refused: " + file + " is not a file.");
            return 2;
        }
        if (!ProductionDatabase.exists(paths)) {
            out.println("Refused: " + ProductionDatabase.where(paths) + " does not exist; set the workstation up first "
                    + "(teller-app setup).");
            return 2;
        }
        java.util.List<X509CertificateHolder> pinned = HeadOfficeCa.readCerts(Path.of(settings.headOfficeCert()));
        Clock clock = Clock.systemUTC();
        Database db = ProductionDatabase.openOrSay(paths, settings.workstationId(), parent::environment, out);
        if (db == null) {
            return 2;
        }
        try (AuditLog log = AuditLog.open(db, settings.workstationId(), clock)) {
            CardMatchingKey cardKey = CardMatchingKey.forDataFolder(paths.modeDir());
            Repositories repos = new Repositories(db, cardKey, new PasswordHasher(), clock);
            if (repos.branches().allWorkstations().stream().anyMatch(bank.ushield.db.Workstation::training)) {
                out.println("Refused: " + ProductionDatabase.where(paths) + " holds training data.");
                return 2;
            }
            SyncFolders folders = SyncFolders.onShare(Path.of(settings.syncFolder()));
            CustomerExtractImporter importer = new CustomerExtractImporter(db.jdbi(), settings.workstationId(),
                    folders, pinned, cardKey, new AuditLogSyncTrail(log), clock, IdRulesExtractRecords.shipped());
            ImportResult result = importer.importFile(file);
            if (result instanceof ImportResult.ExtractImported i) {
                out.printf("Imported %s: %d customers (%d new, %d changed), %d documents, %d cards, %d tokens, "
                                + "%d certificates.%n", i.extractId(), i.customers(), i.customersAdded(),
                        i.customersUpdated(), i.documents(), i.cards(), i.tokens(), i.certificates());
            } else if (result instanceof ImportResult.ExtractAlreadyImported a) {
                out.println(a.extractId() + " was already imported; nothing changed.");
            }
            return 0;
        } catch (BatchRejectedException e) {
            out.println("Refused (" + e.code() + "): " + e.getMessage() + ". Nothing was imported.");
            return 2;
        } catch (CaSyncException e) {
            out.println("Failed (" + e.code() + "): " + e.getMessage());
            return 1;
        } finally {
            db.close();
        }
    }
}
