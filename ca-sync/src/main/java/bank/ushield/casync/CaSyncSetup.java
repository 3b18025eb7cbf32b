package bank.ushield.casync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.bouncycastle.cert.X509CertificateHolder;

import bank.ushield.audit.AuditLog;
import bank.ushield.audit.WorkstationKeys;
import bank.ushield.casync.format.KeyBatchSigner;
import bank.ushield.casync.headoffice.HeadOfficeSimulator;
import bank.ushield.db.Database;

/**
 * Wires ca-sync to the workstation's database, audit log and key: the production folder exchange with a pinned
 * head-office certificate, or training mode's in-process simulated head office.
 */
public final class CaSyncSetup {

    private CaSyncSetup() {
    }

    /** Production: batches through the folders, responses verified against the pinned head-office certificate. */
    public static BranchSync production(Database db, AuditLog log, WorkstationKeys keys, SyncFolders folders,
                                        X509CertificateHolder pinnedHeadOffice, ResponseListener listener, Clock clock) {
        String ws = log.workstation();
        SyncAuditTrail trail = new AuditLogSyncTrail(log);
        RequestBatchExporter exporter = new RequestBatchExporter(db.jdbi(), ws, folders,
                KeyBatchSigner.forWorkstation(keys), trail, new AuditLogCheckpoints(log, keys), clock);
        ResponseBatchImporter importer = new ResponseBatchImporter(db.jdbi(), ws, folders, pinnedHeadOffice, listener,
                trail, clock);
        return new BranchSync(exporter, importer);
    }

    /**
     * Training: a simulated head office kept in {@code trainingDir/headoffice} (created on first use, the workstation
     * registered with it), folders under {@code trainingDir/sync}; one call does export, answer and import.
     */
    public static InProcessHeadOffice training(Database db, AuditLog log, WorkstationKeys keys, Path trainingDir,
                                               ResponseListener listener, Clock clock) throws IOException {
        String ws = log.workstation();
        Path hoDir = trainingDir.resolve("headoffice");
        HeadOfficeSimulator simulator = HeadOfficeSimulator.open(hoDir, clock);
        KeyBatchSigner signer = KeyBatchSigner.forWorkstation(keys);
        simulator.registerWorkstation(ws, signer.certificate());
        SyncFolders folders = SyncFolders.under(trainingDir.resolve("sync")).create();
        SyncAuditTrail trail = new AuditLogSyncTrail(log);
        RequestBatchExporter exporter = new RequestBatchExporter(db.jdbi(), ws, folders, signer, trail,
                new AuditLogCheckpoints(log, keys), clock);
        ResponseBatchImporter importer = new ResponseBatchImporter(db.jdbi(), ws, folders, simulator.syncCertificate(),
                listener, trail, clock);
        return new InProcessHeadOffice(exporter, simulator, importer, folders, hoDir);
    }
}
