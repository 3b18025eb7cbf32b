package bank.ushield.audit.cli;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jdbi.v3.core.Handle;

/** The bench's baseline: a bare table shaped like audit_entry, written by one reused prepared INSERT. */
final class PlainEntryStore implements AutoCloseable {

    private static final String COLUMNS = " (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, workstation TEXT NOT NULL, "
            + "actor TEXT NOT NULL, role TEXT NOT NULL, case_id INTEGER, customer_ref TEXT, event_type TEXT NOT NULL, "
            + "outcome TEXT NOT NULL, details TEXT NOT NULL, leaf_hash BLOB NOT NULL)";

    private final PreparedStatement insert;

    /** Creates plain_entry on the handle's database, with audit_entry's search indexes when {@code indexed}. */
    PlainEntryStore(Handle h, boolean indexed) {
        h.execute("CREATE TABLE plain_entry" + COLUMNS);
        if (indexed) {
            // The same search indexes as audit_entry (V10, V11), without the Merkle tree, sequence check or masking.
            h.execute("CREATE INDEX p_at ON plain_entry(at)");
            h.execute("CREATE INDEX p_actor ON plain_entry(actor, at)");
            h.execute("CREATE INDEX p_case ON plain_entry(case_id, at) WHERE case_id IS NOT NULL");
            h.execute("CREATE INDEX p_customer ON plain_entry(customer_ref, at) WHERE customer_ref IS NOT NULL");
            h.execute("CREATE INDEX p_event ON plain_entry(event_type, at)");
            h.execute("CREATE INDEX p_outcome ON plain_entry(outcome, at) WHERE outcome <> 'OK'");
        }
        try {
            insert = h.getConnection().prepareStatement("INSERT INTO plain_entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row in auto-commit (one commit per row, as the audit log's appends). */
    void insert(int seq, String at, String workstation, String actor, String role, long caseId, String customerRef,
                String eventType, String outcome, String details, byte[] leafHash) {
        try {
            insert.setInt(1, seq);
            insert.setString(2, at);
            insert.setString(3, workstation);
            insert.setString(4, actor);
            insert.setString(5, role);
            insert.setLong(6, caseId);
            insert.setString(7, customerRef);
            insert.setString(8, eventType);
            insert.setString(9, outcome);
            insert.setString(10, details);
            insert.setBytes(11, leafHash);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            insert.close();
        } catch (SQLException ignored) {
            // the bench's scratch table: nothing to lose
        }
    }
}
