package bank.ushield.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

import bank.ushield.db.Engine;

/** Head office's acknowledgements of this workstation's tree heads (audit_anchor, V12). */
final class AnchorStore {

    private static final String SELECT =
            "SELECT workstation, tree_size, root_hash, acknowledged_at, note, key_id, signature FROM audit_anchor";

    private AnchorStore() {
    }

    static void insert(Handle h, AnchorAcknowledgement a, Instant receivedAt) {
        h.createUpdate("INSERT INTO audit_anchor (workstation, tree_size, root_hash, acknowledged_at, note, key_id, "
                        + "signature, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, a.workstation()).bind(1, a.treeSize()).bind(2, a.rootHash())
                .bind(3, AuditEntry.formatTime(a.acknowledgedAt())).bind(4, a.note()).bind(5, a.keyId())
                .bind(6, a.signature()).bind(7, AuditEntry.formatTime(receivedAt)).execute();
    }

    /** The acknowledgement of the largest tree (the newest of those), if any; empty when the table is missing. */
    static Optional<AnchorAcknowledgement> latest(Handle h) {
        if (Engine.of(h) == Engine.SQLITE && h.createQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'")
                .mapTo(Integer.class).one() == 0) {
            return Optional.empty();
        }
        return h.createQuery(SELECT + " ORDER BY tree_size DESC, id DESC LIMIT 1").map((rs, ctx) -> row(rs)).findOne();
    }

    /** Every stored acknowledgement, in the order stored; empty when the table is missing. */
    static java.util.List<AnchorAcknowledgement> all(Handle h) {
        // On PostgreSQL the table always exists (the migrations made it); SQLite files of old releases may lack it.
        if (Engine.of(h) == Engine.SQLITE && h.createQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'")
                .mapTo(Integer.class).one() == 0) {
            return java.util.List.of();
        }
        return h.createQuery(SELECT + " ORDER BY id").map((rs, ctx) -> row(rs)).list();
    }

    private static AnchorAcknowledgement row(ResultSet rs) throws SQLException {
        return new AnchorAcknowledgement(rs.getString(1), rs.getLong(2), rs.getBytes(3), Instant.parse(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getBytes(7));
    }
}
