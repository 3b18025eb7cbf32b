package bank.ushield.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** Reads of the signed tree heads (audit_checkpoint) and their signers' certificates (audit_signer). */
final class CheckpointStore {

    private static final String SELECT =
            "SELECT tree_size, root_hash, signed_at, note, key_id, signature FROM audit_checkpoint";

    private CheckpointStore() {
    }

    /** All stored signed tree heads, smallest first. */
    static List<SignedTreeHead> all(Handle h) {
        return h.createQuery(SELECT + " ORDER BY tree_size").map((rs, ctx) -> row(rs)).list();
    }

    /** The newest stored signed tree head, if any. */
    static Optional<SignedTreeHead> latest(Handle h) {
        return h.createQuery(SELECT + " ORDER BY tree_size DESC LIMIT 1").map((rs, ctx) -> row(rs)).findOne();
    }

    /** The DER certificates of every key that signed a stored head. */
    static List<byte[]> signerCertificates(Handle h) {
        return h.createQuery("SELECT certificate FROM audit_signer").mapTo(byte[].class).list();
    }

    private static SignedTreeHead row(ResultSet rs) throws SQLException {
        return new SignedTreeHead(new TreeHead(rs.getLong(1), rs.getBytes(2)), Instant.parse(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getBytes(6));
    }
}
