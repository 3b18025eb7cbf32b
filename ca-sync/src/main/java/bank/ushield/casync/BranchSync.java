package bank.ushield.casync;

/** Production synchronisation over the folder transport: send what is queued, import what has arrived. */
public final class BranchSync {

    private final RequestBatchExporter exporter;
    private final ResponseBatchImporter importer;

    public BranchSync(RequestBatchExporter exporter, ResponseBatchImporter importer) {
        this.exporter = exporter;
        this.importer = importer;
    }

    /** Exports queued requests (if any), then imports every response batch in the inbox. */
    public SyncSummary syncNow() {
        var exported = exporter.export();
        return SyncSummary.of(exported, importer.importInbox());
    }
}
