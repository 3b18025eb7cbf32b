package bank.ushield.casync;

import java.util.Map;

import org.jdbi.v3.core.Handle;

/** Test audit trail: one row per event in a table of the same database, so it commits or rolls back with the work. */
final class TableAuditTrail implements SyncAuditTrail {

    static void createTable(Handle h) {
        h.execute("CREATE TABLE IF NOT EXISTS test_audit_event (id INTEGER PRIMARY KEY, type TEXT NOT NULL, "
                + "outcome TEXT NOT NULL, case_id INTEGER, details TEXT)");
    }

    @Override
    public void record(Handle h, String type, String outcome, Long caseId, Map<String, Object> details) {
        h.createUpdate("INSERT INTO test_audit_event (type, outcome, case_id, details) VALUES (:t, :o, :c, :d)")
                .bind("t", type).bind("o", outcome).bind("c", caseId).bind("d", String.valueOf(details)).execute();
    }
}
