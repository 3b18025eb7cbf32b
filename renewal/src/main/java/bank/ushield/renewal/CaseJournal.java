package bank.ushield.renewal;

import org.jdbi.v3.core.Handle;

/**
 * Where case events are audited: the append joins the caller's open transaction, so a transition and its audit
 * entry commit together or not at all. Production uses the audit module's log.
 */
public interface CaseJournal {

    /** Appends one entry inside {@code handle}'s transaction and returns its audit sequence number. */
    long record(Handle handle, CaseEvent event);
}
