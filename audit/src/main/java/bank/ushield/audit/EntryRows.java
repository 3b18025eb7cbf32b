package bank.ushield.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Maps audit_entry rows to {@link AuditEntry}. */
final class EntryRows {

    static final String COLUMNS = "seq, at, workstation, actor, role, case_id, customer_ref, event_type, outcome, "
            + "details, leaf_hash";
    static final String SELECT = "SELECT " + COLUMNS + " FROM audit_entry";

    private EntryRows() {
    }

    static AuditEntry map(ResultSet rs) throws SQLException {
        long caseId = rs.getLong(6);
        Long caseOrNull = rs.wasNull() ? null : caseId;
        return new AuditEntry(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), caseOrNull, rs.getString(7), AuditEventType.valueOf(rs.getString(8)),
                AuditOutcome.valueOf(rs.getString(9)), rs.getString(10), rs.getBytes(11));
    }
}
