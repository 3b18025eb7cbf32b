package bank.ushield.casync;

import java.util.Map;

import org.jdbi.v3.core.Handle;

/**
 * Where ca-sync writes its audit events; an implementation appends to the audit log inside the caller's
 * transaction (the handle), so an event is committed or rolled back with what it describes.
 */
public interface SyncAuditTrail {

    /**
     * Appends one event.
     *
     * @param type    event type, e.g. CA_REQUEST_BATCH_EXPORTED
     * @param outcome SUCCESS, REJECTED or FAILED
     * @param caseId  renewal case the event is about, or null for a batch-level event
     * @param details small JSON-able map; never secrets or unmasked personal data
     */
    void record(Handle handle, String type, String outcome, Long caseId, Map<String, Object> details);
}
